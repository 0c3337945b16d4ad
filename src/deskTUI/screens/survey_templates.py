"""Survey templates for admins (issue 21, seed 004): each template with its categories and
questions; `a` adds a template, `q` a question to the highlighted one, `c` attaches it to
a category, as ``desktui survey template add|question|attach`` do from the shell. Opened
from the palette (ctrl+p, "Survey templates"); staff may look, admins change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .. import words
from ..i18n import N_, _
from ..safe_text import safe
from ..services import survey_templates
from ..services.survey_templates import TemplateView, question_text, template_title
from ..session import DeskSession, session_of
from ..widgets.fit import Cell, Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from .loading import ServiceCalls

COLUMNS = [
    Col("template", N_("Template"), least=10),
    Col("question", N_("Question"), least=16),
    Col("kind", N_("Kind"), whole=True),
    Col("required", N_("Required"), whole=True),
    Col("categories", N_("Categories or options"), gives_way=1, least=10),
]


@dataclass(frozen=True)
class Row:
    """A template's line (question 0) or one of its questions'."""

    template: str
    """The name the services look it up by (the default one's stored name)."""
    question: int


class SurveyTemplatesScreen(SpokenKeys, ServiceCalls, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="survey_templates.back"),
        Binding("a", "add", N_("Add a template"), id="survey_templates.add"),
        Binding("q", "question", N_("Add a question"), id="survey_templates.question"),
        Binding("c", "attach", N_("Attach to a category"), id="survey_templates.attach"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_(" Survey templates")), id="editor-title")
        yield FittedTable(id="survey-templates-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="survey-templates-message", classes="dialog-error")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#survey-templates-table", DataTable).focus()
        self.reload()

    def reload(self, *_ignored: Any) -> None:
        desk = self.desk
        self.fetch(lambda: survey_templates.templates(desk.read_uow(), desk.actor))

    def show_failure(self, text: str) -> None:
        self.query_one("#survey-templates-message", Static).update(Content(text))

    def show(self, found: list[TemplateView]) -> None:
        self.rows = []
        cells: list[list[Cell]] = []
        for view in found:
            t = view.template
            attached = ", ".join(view.categories)
            if t.is_default:
                attached = attached or _("every category without its own")
            self.rows.append(Row(t.name, 0))
            cells.append(
                [Text(safe(template_title(t), one_line=True)), "", "", "", Text(safe(attached))]
            )
            for q in t.questions:
                self.rows.append(Row(t.name, q.position))
                cells.append(
                    [
                        "",
                        Text(safe(f"{q.position}. {question_text(q)}", one_line=True)),
                        words.label(q.kind),
                        _("required") if q.required else "",
                        Text(safe(" | ".join(q.options), one_line=True)),
                    ]
                )
        table = self.query_one("#survey-templates-table", FittedTable)
        table.set_rows(spoken_columns(COLUMNS), cells)

    def _chosen(self) -> Row | None:
        return at_cursor(self.query_one("#survey-templates-table", DataTable), self.rows)

    def action_add(self) -> None:
        from .dialogs.rename_record import NameDialog

        desk = self.desk

        def save(name: str) -> object:
            return survey_templates.add_template(desk.uow(), desk.actor, name)

        self.app.push_screen(NameDialog(_("Add a survey template"), "", save), self.reload)

    def action_question(self) -> None:
        from .dialogs.survey_question import QuestionDialog

        if (row := self._chosen()) is not None:
            self.app.push_screen(QuestionDialog(row.template), self.reload)

    def action_attach(self) -> None:
        """c: the category's name (and its area's, "Area / Category", when several areas
        have one of that name); the default template takes the category back."""
        from .dialogs.rename_record import NameDialog

        if (row := self._chosen()) is None:
            return
        desk = self.desk

        def save(typed: str) -> object:
            area, _sep, category = typed.rpartition("/")
            return survey_templates.attach(
                desk.uow(), desk.actor, row.template, category.strip(), area.strip() or None
            )

        title = _("Attach {name} to the category").format(name=safe(row.template, one_line=True))
        self.app.push_screen(NameDialog(title, "", save), self.reload)
