"""Log an activity on a case (seed 001's Actividades)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from ...domain.errors import DomainError
from ...i18n import _, error_text
from ...services import worklog
from .time_fields import TimeFieldsDialog


class TimeDialog(TimeFieldsDialog):
    """Fecha, H/Inicio and H/Fin or a duration, Actividad, Ejecutor, Facturable, Artículo.

    With no day and only a duration, the work was just done: it goes on today, or on
    yesterday when today so far does not hold it (the service decides)."""

    def __init__(self, case_id: int, number: str, *, billable: bool) -> None:
        super().__init__()
        self.case_id = case_id
        self.initial = {}
        self.billable_default = billable
        self.title_text = _("Log time on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        actor = self.desk.actor  # the operator logs their own work, unless they choose
        self.executor_login, self.executor_label = actor.login, f"{actor.login}  {actor.name}"
        return super().fields()

    @on(Input.Submitted)
    def submit(self) -> None:
        try:
            typed = self.typed()
        except DomainError as error:
            self.show_error(error_text(error))
            return
        executor = typed.pop("executor")
        self.call(
            lambda: worklog.log_time(
                self.desk.uow(),
                self.desk.actor,
                self.case_id,
                executor=None if executor == self.desk.actor.login else executor,
                zone=self.desk.zone,
                **typed,
            )
        )
