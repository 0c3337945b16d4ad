"""Editing a case's fields: ctrl+s saves what changed; a lost race keeps the edits on screen.

The form lists the General fields, then the Others fields, in the editor's
order. A refusal is shown under the field it is about, in the domain's words
(``DomainError.field``); a refusal about no field (a lost race, a permission)
is shown at the foot of the form.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from ..domain.case import Case, retitle_needs_asking
from ..domain.durations import format_minutes
from ..domain.enums import Complexity, Importance, Origin, Priority, Stage
from ..domain.errors import Conflict, Refusals
from ..domain.presence import BEAT_EVERY
from ..i18n import _, error_text
from ..safe_text import safe
from ..services import cases, presence, views
from ..services.drafts import Draft
from ..session import DeskSession, session_of
from ..widgets.fit import ellipsize
from ..widgets.keys_footer import KeysFooter
from ..widgets.text_input import TextInput
from .dialogs.confirm import ConfirmDialog
from .dialogs.confirm_leave import ConfirmLeave
from .dialogs.edit_conflict import ConflictChoice, EditConflictDialog, FieldClash
from .dialogs.lookup import LookupDialog
from .failures import failure_text


@dataclass(frozen=True)
class Field:
    """One row of the form: ``key`` is what the service is sent, ``kind`` picks the widget."""

    key: str
    label: str
    kind: str  # text | choice | yes/no | area | lookup
    choices: type | None = None


GENERAL = (
    Field("title", "Title", "text"),
    Field("client", "Client", "lookup"),
    Field("contact", "Contact (of the client)", "lookup"),
    Field("area", "Area", "lookup"),
    Field("category", "Category (of the area)", "lookup"),
    Field("coordinator", "Coordinator", "lookup"),
    Field("group", "Group", "text"),
    Field("product", "Product", "text"),
    Field("case_class", "Class", "text"),
    Field("service", "Service", "text"),
    Field("support_type", "Support type", "text"),
    Field("priority", "Priority", "choice", Priority),
    Field("importance", "Importance", "choice", Importance),
    Field("stage", "Stage", "choice", Stage),
    Field("progress", "Progress %", "text"),
    Field("internal", "Internal case", "yes/no"),
    Field("origin", "Origin", "choice", Origin),
    Field("planned_start", "Planned start (YYYY-MM-DD)", "text"),
    Field("planned_close", "Planned close (YYYY-MM-DD)", "text"),
    Field("description", "Description", "area"),
    Field("solution", "Solution", "area"),
)
OTHERS = (
    Field("estimate", "Estimate (3h, 1h30m, 2.5)", "text"),
    Field("complexity", "Complexity", "choice", Complexity),
    Field("level", "Level (weight in the queue)", "text"),
    Field("billable", "Billable", "yes/no"),
    Field("cost_per_hour", "Cost per hour", "text"),
    Field("owner", "Owner", "lookup"),
    Field("reviewer", "Reviewer", "lookup"),
    Field("contract", "Contract (of the client)", "lookup"),
    Field("project", "Project", "text"),
    Field("sale_order", "Sale order", "text"),
    Field("chat_channel", "Chat channel", "text"),
)
FORM = GENERAL + OTHERS
LOOKUPS = tuple(f.key for f in FORM if f.kind == "lookup")
MULTI_LINE = frozenset(f.key for f in FORM if f.kind == "area")
DRAFT_DELAY_S = 0.4
"""Unsaved edits are written to the draft this long after the last change."""
QUOTED_TITLE_CELLS = 40
"""A title quoted in a question is cut (with an ellipsis) to this many cells."""
ERROR_FIELDS = {"estimate_minutes": "estimate"}
"""Domain field names that differ from the form's key (``client_id`` → ``client`` is generic)."""


def initial_text(case: Case, key: str) -> str:
    """The field's value as the form shows it, so "unchanged" is a string comparison.

    Text goes through the sanitizer like everywhere else: a title holding
    ``ESC ]0;`` is shown (and, only if the operator edits it, saved) as the
    visible ``\\x1b]0;``; left alone it is not sent, so the stored text stays as it was.
    """
    if key == "estimate":
        return format_minutes(case.estimate_minutes) if case.estimate_minutes is not None else ""
    value = getattr(case, key)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return safe(value, one_line=key not in MULTI_LINE)
    return str(getattr(value, "value", value))


def form_key(domain_field: str | None) -> str | None:
    if domain_field is None:
        return None
    return ERROR_FIELDS.get(domain_field, domain_field.removesuffix("_id"))


def _named(items: list[Any], name: Any) -> list[tuple[Text, int]]:
    """Names from data as plain Text: a client called "[b]x" is shown, not styled."""
    return [(Text(safe(name(item), one_line=True)), item.id) for item in items]


class EditCaseScreen(Screen[bool]):
    """The fields the operator may change; the domain says which and why not."""

    AUTO_FOCUS = "#f-title"
    """The form opens on its first field, cursor at the end of the title: keys typed
    after ``e`` land there (Textual's default focused the scrolling form, where they
    were lost, and the first Tab then selected the whole title)."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="edit.save"),
        Binding("ctrl+l", "look_up", _("Look up"), id="edit.look_up"),
        Binding("escape", "leave", _("Back"), id="edit.back"),
    ]

    class Saved(Message):
        def __init__(self, changed: list[str]) -> None:
            self.changed = changed
            super().__init__()

    class Failed(Message):
        """A refusal (``text`` about ``field``), or several: a list of (text, field)."""

        def __init__(self, text: str | list[tuple[str, str | None]], field: str | None = None):
            self.refusals = text if isinstance(text, list) else [(text, field)]
            super().__init__()

    class Choices(Message):
        def __init__(self, choices: views.FormChoices) -> None:
            self.choices = choices
            super().__init__()

    class DraftFound(Message):
        def __init__(self, draft: Draft | None) -> None:
            self.draft = draft
            super().__init__()

    class Stored(Message):
        """The case as stored now (``saving``: read because a save was refused as stale)."""

        def __init__(self, detail: views.CaseDetail, saving: bool) -> None:
            self.detail = detail
            self.saving = saving
            super().__init__()

    def __init__(self, case: Case, names: Mapping[str, str | None] | None = None) -> None:
        super().__init__()
        self.case = case
        self.names = dict(names or {})
        """Display names of the case's references, for a value no longer offered."""
        self.version = case.version
        """The version the operator is editing: a save against a newer one is refused."""
        self.choices: views.FormChoices | None = None
        self.offered: dict[str, list[tuple[Text, int]]] = {}
        """What each look-up offers now (ctrl+l searches it)."""
        self.seen_log: int | None = None
        """The case's newest log line when the form opened: later ones are others' saves."""
        self.theirs: views.CaseDetail | None = None
        """The case as someone else saved it meanwhile (None: nobody did, as far as known)."""
        self.theirs_by: tuple[list[str], datetime | None] = ([], None)
        """Who saved ``theirs`` (logins) and when: the conflict dialog names them."""
        self.drafted_at: datetime | None = None
        """When the restored draft was last written: saves since then are others' too."""
        self._drafting = False
        """Edits are written to the draft store (only once a kept draft has been restored)."""
        self._draft_timer: Timer | None = None
        self._title_confirmed: str | None = None
        """A short title the operator said yes to: saving it again does not ask again."""

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(
            Content(_(" Editing {number}").format(number=self.case.number)), id="editor-title"
        )
        with VerticalScroll(id="edit-form", classes="case-form"):
            yield Static(Content(_("General")), classes="form-section")
            yield from self._rows(GENERAL)
            yield Static(Content(_("Others")), classes="form-section")
            yield from self._rows(OTHERS)
            yield Static(id="edit-error", classes="dialog-error")
        yield Static(id="edit-meanwhile", classes="dialog-error")
        yield KeysFooter(compact=True)

    def _rows(self, fields: tuple[Field, ...]) -> Iterator[Widget]:
        # One line per field (label beside a compact widget): at 80x24 a screenful
        # shows a third of the form instead of four fields.
        for field in fields:
            with Horizontal(classes="form-row"):
                yield Label(_(field.label))
                yield self._widget(field)
            yield Static(id=f"e-{field.key}", classes="field-error")

    def _widget(self, field: Field) -> Widget:
        ident = f"f-{field.key}"
        if field.kind == "lookup":
            # Seed 001's search assistant: type to jump, enter to pick. Filled once loaded.
            return Select[int](
                [], id=ident, type_to_search=True, prompt=_("type to search"), compact=True
            )
        if field.kind == "choice":
            assert field.choices is not None
            options = [(Text(m.value or "—"), m.value) for m in field.choices]  # type: ignore[attr-defined]
            return Select(
                options,
                value=initial_text(self.case, field.key),
                allow_blank=False,
                id=ident,
                compact=True,
            )
        if field.kind == "yes/no":
            return Select(
                [(Text(_("yes")), "yes"), (Text(_("no")), "no")],
                value=initial_text(self.case, field.key),
                allow_blank=False,
                id=ident,
                compact=True,
            )
        if field.kind == "area":
            return TextArea(initial_text(self.case, field.key), id=ident, compact=True)
        return TextInput(initial_text(self.case, field.key), id=ident, compact=True)

    def on_mount(self) -> None:
        self.query_one("#edit-meanwhile").display = False  # until someone saves meanwhile
        self._load_choices()
        # Others looking at the case see that it is being edited (services/presence.py).
        self._beat()
        self.set_interval(BEAT_EVERY.total_seconds(), self._beat)

    @work(thread=True, exclusive=True, group="presence", exit_on_error=False)
    def _beat(self) -> None:
        try:
            presence.editing(self.desk.uow(), self.desk.actor, self.case.id)  # type: ignore[arg-type]
        except Exception as error:  # a courtesy to others: never in the operator's way
            self.log.warning(f"presence: {error!r}")

    def on_unmount(self) -> None:
        desk, app, case_id = self.desk, self.app, self.case.id

        def stopped() -> None:
            try:
                presence.stopped_editing(desk.uow(), desk.actor, case_id)  # type: ignore[arg-type]
            except Exception as error:  # the heartbeat fades by itself within a minute
                app.log.warning(f"presence: {error!r}")

        # The app's worker, not this screen's: the screen is going away.
        self.app.run_worker(stopped, thread=True, group="presence", exit_on_error=False)

    @work(thread=True, exclusive=True, group="edit-lookups", exit_on_error=False)
    def _load_choices(self) -> None:
        try:
            choices = views.form_choices(self.desk.read_uow(), self.desk.actor)
            log = views.case_detail(self.desk.read_uow(), self.desk.actor, self.case.id).log  # type: ignore[arg-type]
        except Exception as error:
            self.post_message(self.Failed(failure_text(error, self.log)))
            return
        self.seen_log = max((entry.id or 0 for entry in log), default=0)
        self.post_message(self.Choices(choices))
        self.post_message(self.DraftFound(self.desk.drafts.load(self.case.number)))

    # -- drafts: unsaved edits survive a dropped session ---------------------------------
    @on(DraftFound)
    def _restore_draft(self, message: DraftFound) -> None:
        draft = message.draft
        if draft is not None and draft.values:
            for key, text in draft.values.items():
                self._set_form_value(key, text)
            # Made on that version: saving over a newer one asks what to keep.
            self.version = min(self.version, draft.base_version)
            self.drafted_at = draft.saved_at
            notice = self.query_one("#edit-meanwhile", Static)
            notice.update(
                Content(
                    _("Restored your unsaved edits of {when}; esc drops them (asks first).").format(
                        when=f"{draft.saved_at.astimezone(self.desk.zone):%m-%d %H:%M}"
                    )
                )
            )
            notice.display = True
        self._drafting = True

    def _set_form_value(self, key: str, text: str) -> None:
        field = next((f for f in FORM if f.key == key), None)
        if field is None:
            return
        widget = self.query_one(f"#f-{key}")
        if isinstance(widget, TextArea):
            widget.load_text(text)
        elif isinstance(widget, Input):
            widget.value = text
            widget.cursor_position = len(text)  # as when the form opened: typing appends
        elif isinstance(widget, Select):
            if field.kind == "lookup":
                widget.value = int(text) if text.isdigit() else Select.NULL
            else:
                widget.value = text

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self) -> None:
        if not self._drafting:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        # A moment after the last change: typing is not a write per key.
        self._draft_timer = self.set_timer(DRAFT_DELAY_S, self._keep_draft)

    def _keep_draft(self) -> None:
        changes = {
            key: "" if value is None else str(value) for key, value in self.changes().items()
        }
        draft = Draft(self.case.number, self.version, changes, self.desk.clock())
        self._write_draft(draft)

    @work(thread=True, exclusive=True, group="edit-draft", exit_on_error=False)
    def _write_draft(self, draft: Draft) -> None:
        try:
            if draft.values:
                self.desk.drafts.save(draft)
            else:
                self.desk.drafts.discard(draft.case_number)
        except OSError as error:  # a full or read-only disk: say so, the form keeps the edits
            text = _("Your edits could not be kept as a draft: {why}").format(why=error.strerror)
            self.post_message(self.Failed(text))

    def _drop_draft(self) -> None:
        """Saved, or dropped on purpose: no draft to offer. Done at once (a local unlink,
        no database): a worker of a screen being dismissed might never run."""
        self._drafting = False
        if self._draft_timer is not None:
            self._draft_timer.stop()
        try:
            self.desk.drafts.discard(self.case.number)
        except OSError as error:
            self.log.warning(f"draft not discarded: {error!r}")

    # -- someone else saves the case meanwhile -----------------------------------------
    def desk_changed(self) -> None:
        self._read_stored(saving=False)

    @work(thread=True, exclusive=True, group="edit-stored", exit_on_error=False)
    def _read_stored(self, saving: bool) -> None:
        self._post_stored(saving)

    def _post_stored(self, saving: bool) -> None:
        """Read the stored case (in a worker thread) and post it to this form."""
        try:
            detail = views.case_detail(self.desk.read_uow(), self.desk.actor, self.case.id)  # type: ignore[arg-type]
        except Exception as error:
            self.post_message(self.Failed(failure_text(error, self.log)))
            return
        self.post_message(self.Stored(detail, saving))

    def _saved_since(self, detail: views.CaseDetail) -> tuple[list[str], datetime | None]:
        """Who saved the case since the form opened (or since the restored draft was
        written), and when last. Judged when the answer arrives, not when it was asked:
        a draft restored meanwhile moves what "since" means."""
        seen, since = self.seen_log or 0, self.drafted_at
        theirs = [
            e for e in detail.log if (e.id or 0) > seen or (since is not None and e.at > since)
        ]
        who = sorted({detail.logins.get(e.actor_id or 0, "?") for e in theirs})
        return who, max((e.at for e in theirs), default=detail.case.updated_at)

    @on(Stored)
    def _stored(self, message: Stored) -> None:
        if message.detail.case.version == self.version:
            if message.saving:  # refused as stale, yet nothing newer: say so, keep the edits
                self.query_one("#edit-error", Static).update(
                    Content(_("The case could not be saved just now; ctrl+s tries again."))
                )
            return
        self.theirs = message.detail
        self.theirs_by = self._saved_since(message.detail)
        changed = [f.label for f in FORM if self._differs(self.case, message.detail.case, f.key)]
        who = ", ".join(safe(login, one_line=True) for login in self.theirs_by[0]) or _("someone")
        notice = self.query_one("#edit-meanwhile", Static)
        notice.update(
            Content(
                _("{who} saved this case meanwhile ({fields}): ctrl+s asks what to keep.").format(
                    who=who, fields=", ".join(_(label) for label in changed) or _("no field here")
                )
            )
        )
        notice.display = True
        if message.saving:
            self._ask_what_to_keep()

    @staticmethod
    def _differs(one: Case, other: Case, key: str) -> bool:
        if key in LOOKUPS:
            return bool(getattr(one, f"{key}_id") != getattr(other, f"{key}_id"))
        return initial_text(one, key) != initial_text(other, key)

    def _mine(self, key: str) -> str:
        if key in LOOKUPS:
            value = self.query_one(f"#f-{key}", Select).value
            return "" if value is Select.NULL else self._name_of(key, value)
        return self.values()[key]

    def _name_of(self, key: str, value: Any) -> str:
        for label, offered in self.offered.get(key, []):
            if offered == value:
                return str(label)
        return f"#{value}"

    def _theirs_text(self, theirs: views.CaseDetail, key: str) -> str:
        if key in LOOKUPS:
            return theirs.names.get(key) or ""
        return initial_text(theirs.case, key)

    def _ask_what_to_keep(self) -> None:
        theirs = self.theirs
        assert theirs is not None
        mine = self.changes()
        clashes = [
            FieldClash(
                field.key,
                field.label,
                self._mine(field.key),
                self._theirs_text(theirs, field.key),
                both=self._differs(self.case, theirs.case, field.key),
            )
            for field in FORM
            if field.key in mine
        ]

        def chosen(choice: ConflictChoice | None) -> None:
            if choice is not None:
                self._resolve(choice, set(mine))

        who, when = self.theirs_by
        at = f"{when.astimezone(self.desk.zone):%Y-%m-%d %H:%M}" if when is not None else None
        self.app.push_screen(EditConflictDialog(self.case.number, who, clashes, at), chosen)

    def _resolve(self, choice: ConflictChoice, mine: set[str]) -> None:
        theirs = self.theirs
        assert theirs is not None
        if choice.how == "theirs":
            self._drop_draft()
            self.dismiss(True)  # their version stands; the case view reads it again
            return
        keep = choice.keep_mine if choice.how == "merge" else frozenset()
        for field in FORM:
            if field.key not in keep:
                self._show_value(field, theirs)
        self.case, self.names, self.version = theirs.case, dict(theirs.names), theirs.case.version
        self.theirs, self.theirs_by = None, ([], None)
        self.query_one("#edit-meanwhile", Static).display = False
        self.query_one("#edit-error", Static).update("")
        if choice.how == "merge":
            self.action_save()

    def _show_value(self, field: Field, theirs: views.CaseDetail) -> None:
        widget = self.query_one(f"#f-{field.key}")
        if field.kind == "lookup":
            value = getattr(theirs.case, f"{field.key}_id")
            if isinstance(widget, Select):
                self.names[field.key] = theirs.names.get(field.key)
                options = self.offered.get(field.key, [])
                if value is not None and all(v != value for _label, v in options):
                    self._offer(field.key, options, value)
                widget.value = Select.NULL if value is None else value
            return
        self._set_form_value(field.key, initial_text(theirs.case, field.key))

    @on(Choices)
    def _fill_lookups(self, message: Choices) -> None:
        choices = message.choices
        self.choices = choices
        case = self.case
        self._offer("client", _named(choices.clients, lambda c: c.name), case.client_id)
        self._offer("area", _named(choices.areas, lambda a: a.name), case.area_id)
        people = _named(choices.staff, lambda u: f"{u.login}  {u.name}")
        for role in ("coordinator", "owner", "reviewer"):
            self._offer(role, people, getattr(case, f"{role}_id"))
        self._offer_of_client(case.client_id)
        self._offer_of_area(case.area_id)

    def _offer(self, key: str, options: list[tuple[Text, int]], value: int | None) -> None:
        """``value`` stays chosen even when it is no longer offered (a coordinator who
        left the desk): saving another field must not clear it behind the operator's back."""
        select = self.query_one(f"#f-{key}", Select)
        if value is not None and all(v != value for _label, v in options):
            name = self.names.get(key) or f"#{value}"
            options = [
                *options,
                (Text(safe(f"{name} ({_('no longer offered')})", one_line=True)), value),
            ]
        select.set_options(options)
        self.offered[key] = options
        if value is not None:
            select.value = value

    def _offer_of_client(self, client_id: Any) -> None:
        """Contacts and contracts follow the client (DOMAIN.md: they must be the client's)."""
        if self.choices is None:
            return
        keep = client_id == self.case.client_id
        contacts = [c for c in self.choices.contacts if c.client_id == client_id]
        self._offer(
            "contact", _named(contacts, lambda c: c.name), self.case.contact_id if keep else None
        )
        contracts = [c for c in self.choices.contracts if c.client_id == client_id]
        self._offer(
            "contract",
            _named(contracts, lambda c: c.label),
            self.case.contract_id if keep else None,
        )

    def _offer_of_area(self, area_id: Any) -> None:
        """Seed 004: the area first, then one of its categories."""
        if self.choices is None:
            return
        keep = area_id == self.case.area_id
        categories = [c for c in self.choices.categories if c.area_id == area_id]
        self._offer(
            "category",
            _named(categories, lambda c: c.name),
            self.case.category_id if keep else None,
        )

    @on(Select.Changed, "#f-client")
    def _client_changed(self, event: Select.Changed) -> None:
        if self.choices is not None:
            self._offer_of_client(event.value)

    @on(Select.Changed, "#f-area")
    def _area_changed(self, event: Select.Changed) -> None:
        if self.choices is not None:
            self._offer_of_area(event.value)

    def action_look_up(self) -> None:
        """ctrl+l on a look-up: find its value by typing part of a name (seed 001)."""
        select = self.focused
        if not isinstance(select, Select) or select.id is None:
            return
        key = select.id.removeprefix("f-")
        if key not in LOOKUPS:
            return
        entries = [(value, str(label)) for label, value in self.offered.get(key, [])]
        label = next(f.label for f in FORM if f.key == key)

        def picked(value: int | None) -> None:
            if value is not None:
                select.value = value

        self.app.push_screen(LookupDialog(_(label), entries), picked)

    def _lookup_changes(self) -> dict[str, Any]:
        """Only look-ups the operator really changed (none until they are loaded)."""
        if self.choices is None:
            return {}
        out: dict[str, Any] = {}
        for key in LOOKUPS:
            value = self.query_one(f"#f-{key}", Select).value
            value = None if value is Select.NULL else value
            if value != getattr(self.case, f"{key}_id"):
                out[key] = value if value is not None else ""
        return out

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for field in FORM:
            if field.kind == "lookup":
                continue
            widget = self.query_one(f"#f-{field.key}")
            if isinstance(widget, TextArea):
                out[field.key] = widget.text
            elif isinstance(widget, Input):
                out[field.key] = widget.value
            else:
                out[field.key] = str(widget.value)  # type: ignore[attr-defined]
        return out

    def changes(self) -> dict[str, Any]:
        plain = {k: v for k, v in self.values().items() if v != initial_text(self.case, k)}
        return {**plain, **self._lookup_changes()}

    def action_save(self) -> None:
        changes = self.changes()
        if not changes:
            self._drop_draft()
            self.dismiss(False)
            return
        title = changes.get("title")
        shown = initial_text(self.case, "title")
        if (
            isinstance(title, str)
            and title != self._title_confirmed
            and retitle_needs_asking(shown, title)
        ):
            self._ask_about_title(shown, title)
            return
        self._save_or_ask_what_to_keep(changes)

    def _ask_about_title(self, shown: str, title: str) -> None:
        """The domain says this title needs a yes (domain.case.retitle_needs_asking):
        no keeps the form as it is, yes saves (and is not asked again for this title)."""

        def answered(yes: bool | None) -> None:
            if yes:
                self._title_confirmed = title
                self.action_save()
            else:
                self.query_one("#f-title", Input).focus()

        # A long title is shortened: the question and its buttons stay on the screen.
        question = _("Replace the title «{old}» with «{new}»?").format(
            old=ellipsize(safe(shown, one_line=True), QUOTED_TITLE_CELLS),
            new=safe(title, one_line=True),
        )
        self.app.push_screen(ConfirmDialog(question, _("Replace"), _("Keep editing")), answered)

    def _save_or_ask_what_to_keep(self, changes: dict[str, Any]) -> None:
        if self.theirs is not None:  # known already: no save over theirs, ask first
            self._ask_what_to_keep()  # names who saved and when, as the notice did
            return
        self._save(changes)

    @work(thread=True, exclusive=True, group="edit-save", exit_on_error=False)
    def _save(self, changes: dict[str, Any]) -> None:
        try:
            changed = cases.edit_case(
                self.desk.uow(),
                self.desk.actor,
                self.case.id,  # type: ignore[arg-type]
                changes,
                expected_version=self.version,
            )
        except Conflict:  # someone saved first: read what they saved, then ask
            # Read here, in the save's worker: keys typed after ctrl+s wait for the save
            # (key_hold.WRITES), so they wait for the question too. Read in a worker of its
            # own, an escape typed after ctrl+s reached the form first (its leave question
            # opened, the conflict dialog over it: 1 run in 3).
            self._post_stored(saving=True)
            return
        except Refusals as several:  # every refused field at once, each under its own
            self.post_message(
                self.Failed(
                    [(error_text(error), form_key(error.field)) for error in several.refusals]
                )
            )
            return
        except Exception as error:  # a refusal: the edits stay on screen
            field = form_key(getattr(error, "field", None))
            self.post_message(self.Failed(failure_text(error, self.log), field))
            return
        self.post_message(self.Saved(changed))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        """Each sentence under its field (the first of them in the form gets the cursor);
        sentences about no field shown here at the foot of the form."""
        for old in self.query(".field-error"):
            old.remove_class("-shown")
        beside: dict[str, list[str]] = {}
        foot: list[str] = []
        for text, field in message.refusals:
            if field and self.query(f"#e-{field}"):
                beside.setdefault(field, []).append(text)
            else:
                foot.append(text)
        for field, texts in beside.items():
            shown = self.query_one(f"#e-{field}", Static)
            shown.update(Content("\n".join(texts)))
            shown.add_class("-shown")
        self.query_one("#edit-error", Static).update(Content("\n".join(foot)))
        first = next((f.key for f in FORM if f.key in beside), None)
        if first is not None:
            widget = self.query_one(f"#f-{first}")
            widget.focus()
            widget.scroll_visible()

    @on(Saved)
    def _saved(self) -> None:
        self._drop_draft()
        self.dismiss(True)

    def action_leave(self) -> None:
        if not self.changes():
            self._drop_draft()
            self.dismiss(False)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self._drop_draft()
                self.dismiss(False)

        self.app.push_screen(ConfirmLeave(), answered)
