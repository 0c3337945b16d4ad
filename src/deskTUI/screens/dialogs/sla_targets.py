"""The SLA targets per priority (DOMAIN.md): admins change them here, others read them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static

from ... import words
from ...domain.durations import format_minutes, parse_duration
from ...domain.enums import PRIORITIES_BY_URGENCY, Priority
from ...domain.errors import DomainError
from ...domain.permissions import Action, can
from ...domain.sla import Targets
from ...i18n import _, error_text
from ...services import sla
from ...widgets.text_input import TextInput
from .base import ActionDialog


class SlaTargetsDialog(ActionDialog):
    """First-response and resolution targets of each priority, in calendar time.

    Opened empty and filled by a worker (the targets are settings in the desk); enter
    in any field saves all eight at once, or none with the sentence of the first wrong one.
    """

    def __init__(self) -> None:
        super().__init__()
        self.title_text = _("SLA targets: first response / resolution")

    def fields(self) -> ComposeResult:
        editable = can(self.desk.actor, Action.MANAGE_SETTINGS)
        for priority in PRIORITIES_BY_URGENCY:
            with Horizontal(classes="sla-row"):
                yield Label(words.label(priority), classes="sla-priority")
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

    def _load(self) -> None:
        """Group dialog-load: keys typed meanwhile wait until the fields are filled."""
        desk = self.desk
        self.call_service(
            lambda: sla.get_targets(desk.read_uow()),
            self._fill,
            failed=self.refused,
            group="dialog-load",
            exclusive=True,
        )

    def _fill(self, targets: dict[Priority, Targets]) -> None:
        for priority, pair in targets.items():
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
        for priority in PRIORITIES_BY_URGENCY:
            try:
                targets[priority] = Targets(
                    parse_duration(self.query_one(f"#{priority.value}-response", Input).value),
                    parse_duration(self.query_one(f"#{priority.value}-resolution", Input).value),
                )
            except DomainError as error:
                self.show_error(f"{words.label(priority)}: {error_text(error)}")
                return
        self.call(lambda: sla.set_all_targets(self.desk.uow(), self.desk.actor, targets))
