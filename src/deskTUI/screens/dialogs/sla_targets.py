"""The SLA targets per priority (DOMAIN.md): admins change them here, others read them."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from ...domain.durations import format_minutes, parse_duration
from ...domain.enums import Priority
from ...domain.errors import DomainError
from ...domain.permissions import Action, can
from ...domain.sla import Targets
from ...i18n import _, error_text
from ...services import sla
from ...widgets.text_input import TextInput
from ..failures import failure_text
from .base import ActionDialog

ORDER = (Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW)


class SlaTargetsDialog(ActionDialog):
    """First-response and resolution targets of each priority, in calendar time.

    Opened empty and filled by a worker (the targets are settings in the desk); enter
    in any field saves all eight at once, or none with the sentence of the first wrong one.
    """

    class Loaded(Message):
        def __init__(self, targets: dict[Priority, Targets]) -> None:
            self.targets = targets
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.title_text = _("SLA targets: first response / resolution")

    def fields(self) -> ComposeResult:
        editable = can(self.desk.actor, Action.MANAGE_SETTINGS)
        for priority in ORDER:
            with Horizontal(classes="sla-row"):
                yield Label(priority.value, classes="sla-priority")
                for target in ("response", "resolution"):
                    yield TextInput(
                        id=f"{priority.value}-{target}",
                        placeholder=_("e.g. 4h, 1h30m, 90m"),
                        disabled=not editable,
                        classes="sla-target",
                    )
        hint = (
            _("Calendar time. Enter saves; escape leaves unchanged.")
            if editable
            else _("Only an admin may change the targets.")
        )
        yield Static(Content(hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="dialog-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            targets = sla.get_targets(self.desk.read_uow())
        except Exception as error:  # a bug shown as one line
            self.post_message(self.Failed(failure_text(error, self.log)))
            return
        self.post_message(self.Loaded(targets))

    @on(Loaded)
    def _fill(self, message: Loaded) -> None:
        for priority, pair in message.targets.items():
            self.query_one(f"#{priority.value}-response", Input).value = format_minutes(
                pair.first_response
            )
            self.query_one(f"#{priority.value}-resolution", Input).value = format_minutes(
                pair.resolution
            )
        inputs = [i for i in self.query(Input) if not i.disabled]
        if inputs:
            inputs[0].focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        targets: dict[Priority | str, Targets] = {}
        for priority in ORDER:
            try:
                targets[priority] = Targets(
                    parse_duration(self.query_one(f"#{priority.value}-response", Input).value),
                    parse_duration(self.query_one(f"#{priority.value}-resolution", Input).value),
                )
            except DomainError as error:
                self.show_error(f"{priority.value}: {error_text(error)}")
                return
        self.call(lambda: sla.set_all_targets(self.desk.uow(), self.desk.actor, targets))
