"""ctrl+p: open a case by its number, start a new one, switch to a saved query."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..domain.errors import ValidationError
from ..domain.permissions import Action, may_ever
from ..domain.values import case_number, parse_case_number
from ..i18n import N_, _
from ..services.case_list import in_operators_words
from ..session import session_of
from .desk_ui import desk_ui

Command = tuple[str, Callable[[], object], str]
"""A palette command: its name, what it runs, and its help line."""

QUERIES = {
    N_("Open cases"): "status:open",
    N_("My open cases"): "status:open assignee:me",
    N_("Unassigned cases"): "status:open assignee:none",
    N_("Urgent open cases"): "status:open prio:>=high",
    N_("Recently finished"): "status:finished",
}


class CaseCommands(Provider):
    """Commands of the desk for the palette."""

    def _open(self, case_id: int) -> None:
        from .case_view import CaseViewScreen

        self.app.push_screen(CaseViewScreen(case_id))

    def _query(self, text: str) -> None:
        from .case_list import CaseListScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, CaseListScreen):
                screen.use_query(text)

    def _survey_templates(self) -> None:
        from .survey_templates import SurveyTemplatesScreen

        self.app.push_screen(SurveyTemplatesScreen())

    def _commands(self) -> list[Command]:
        queries: list[Command] = [
            (_(name), partial(self._query, query), in_operators_words(query))
            for name, query in QUERIES.items()
        ]
        desk = desk_ui(self.app)
        return [
            *queries,
            (_("Agenda"), desk.action_agenda, _("this week's events and tasks (A)")),
            (_("Timesheet"), desk.action_timesheet, _("this week's time entries (W)")),
            (_("Contracts"), desk.action_contracts, _("balances and ledgers (C)")),
            (_("Reports"), desk.action_reports, _("weekly, SLA, hours, satisfaction (R)")),
            (_("Inbox"), desk.action_inbox, _("your notifications (I)")),
            (_("Queue board"), desk.action_board, _("supervisors' live board (B)")),
            (_("SLA targets"), desk.action_sla_targets, _("targets per priority (S)")),
            (
                _("Areas, categories, clients, projects, services"),
                desk.action_catalogue,
                _("add, rename, deactivate, delete (K)"),
            ),
            (_("People and rights"), desk.action_people, _("grant or revoke rights (P)")),
            # issue 21: survey templates per category (no key of its own: app.py is full)
            (_("Survey templates"), self._survey_templates, _("questions and categories")),
            # Found in either language's word, whichever the desk speaks now.
            (
                _("Language / Idioma"),
                desk.action_language,
                _("English, Español, or your session's"),
            ),
        ]

    def _offered(self) -> list[Command]:
        """The commands the operator may use: a screen her role may not open is not offered
        (a client was offered the queue board, the reports and the SLA targets)."""
        may_open = desk_ui(self.app).may_open
        staff = may_ever(session_of(self.app).actor, Action.READ_DIRECTORY)
        return [
            (name, callback, help_text)
            for name, callback, help_text in self._commands()
            if may_open(getattr(callback, "__name__", "").removeprefix("action_"))
            and (staff or callback != self._survey_templates)  # staff read them
        ]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._offered():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        try:
            number = parse_case_number(query)
        except ValidationError:
            number = None
        if number is not None:
            label = _("Open {number}").format(number=case_number(number))
            yield Hit(100, label, partial(self._open, number), help=_("open the case"))
        matcher = self.matcher(query)
        for name, callback, help_text in self._offered():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
