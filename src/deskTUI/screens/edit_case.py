"""Editing a case's fields: ctrl+s saves what changed; a lost race keeps the edits on screen.

The form lists the General fields, then the Others fields, in the editor's
order. A refusal is shown under the field it is about, in the domain's words
(``DomainError.field``); a refusal about no field (a lost race, a permission)
is shown at the foot of the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Select, Static, TextArea

from .. import formats
from ..domain.case import Case, retitle_needs_asking
from ..domain.case_fields import BY_KEY
from ..domain.edit_merge import How, clashes, taken_from_theirs
from ..domain.errors import Conflict, DomainError, Refusals
from ..domain.presence import BEAT_EVERY
from ..formats import read_case_fields, short_when
from ..i18n import N_, _, error_text
from ..safe_text import safe
from ..services import cases, presence, views
from ..services.drafts import Draft
from ..session import DeskSession, session_of
from ..widgets.fit import ellipsize
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from .case_form import (
    FORM,
    LOOKUPS,
    changed_labels,
    differs,
    draft_values,
    form_changes,
    form_key,
    initial_text,
    saved_since,
)
from .dialogs.confirm import ConfirmDialog
from .dialogs.confirm_leave import ConfirmLeave
from .dialogs.edit_conflict import ConflictChoice, EditConflictDialog, FieldClash
from .dialogs.lookup import LookupDialog
from .edit_case_fields import CaseFormFields
from .loading import ServiceCalls

DRAFT_DELAY_S = 0.4
"""Unsaved edits are written to the draft this long after the last change."""
QUOTED_TITLE_CELLS = 40
"""A title quoted in a question is cut (with an ellipsis) to this many cells."""


@dataclass(frozen=True)
class FieldRefusals:
    """A save refused: each sentence with the form field it is about (None: no field)."""

    refusals: list[tuple[str, str | None]]


class EditCaseScreen(SpokenKeys, ServiceCalls, Screen[bool]):
    """The fields the operator may change; the domain says which and why not."""

    AUTO_FOCUS = "#f-title"
    """The form opens on its first field, cursor at the end of the title: keys typed
    after ``e`` land there (Textual's default focused the scrolling form, where they
    were lost, and the first Tab then selected the whole title)."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="edit.save"),
        Binding("ctrl+l", "look_up", N_("Look up"), id="edit.look_up"),
        Binding("escape", "leave", N_("Back"), id="edit.back"),
    ]

    def __init__(self, case: Case, names: Mapping[str, str | None] | None = None) -> None:
        super().__init__()
        if case.id is None:
            raise ValueError("the edit form edits a stored case")
        self.case = case
        self.case_id: int = case.id
        """The case edited (``case`` may be replaced by theirs, the same case read anew)."""
        self._names = dict(names or {})
        self.version = case.version
        """The version the operator is editing: a save against a newer one is refused."""
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
    def form(self) -> CaseFormFields:
        return self.query_one(CaseFormFields)

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(
            Content(_(" Editing {number}").format(number=self.case.number)), id="editor-title"
        )
        yield CaseFormFields(self.case, self._names)
        yield Static(id="edit-meanwhile", classes="dialog-error")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#edit-meanwhile").display = False  # until someone saves meanwhile
        self._load_choices()
        # Others looking at the case see that it is being edited (services/presence.py).
        self._beat()
        self.set_interval(BEAT_EVERY.total_seconds(), self._beat)

    def _beat(self) -> None:
        """Others looking at the case see that it is being edited (a courtesy to them:
        never in the operator's way, a failure is only logged)."""
        desk, case_id = self.desk, self.case_id
        self.call_service(
            lambda: presence.editing(desk.uow(), desk.actor, case_id),
            lambda _none: None,
            failed=self._presence_failed,
            group="presence",
            exclusive=True,
        )

    def _presence_failed(self, text: str) -> None:
        self.log.warning(f"presence: {text}")

    def on_unmount(self) -> None:
        desk, app, case_id = self.desk, self.app, self.case_id
        # A call of the app's, not this screen's: the screen is going away. A failure is
        # only logged: the heartbeat fades by itself within a minute.
        if isinstance(app, ServiceCalls):
            app.call_service(
                lambda: presence.stopped_editing(desk.uow(), desk.actor, case_id),
                lambda _none: None,
                failed=lambda text: app.log.warning(f"presence: {text}"),
                group="presence",
            )

    def _load_choices(self) -> None:
        """The look-ups' choices, the newest log line (later ones are others' saves) and a
        draft kept of this case; the choices are filled before the draft is restored."""
        desk, case_id, number = self.desk, self.case_id, self.case.number

        def read() -> tuple[views.FormChoices, int, Draft | None]:
            choices = views.form_choices(desk.read_uow(), desk.actor)
            log = views.case_detail(desk.read_uow(), desk.actor, case_id).log
            seen = max((entry.id or 0 for entry in log), default=0)
            return choices, seen, desk.drafts.load(number)

        self.call_service(
            read, self._loaded, failed=self._failed_here, group="edit-lookups", exclusive=True
        )

    def _loaded(self, read: tuple[views.FormChoices, int, Draft | None]) -> None:
        choices, self.seen_log, draft = read
        self.form.fill(choices)
        self._restore_draft(draft)

    # -- drafts: unsaved edits survive a dropped session ---------------------------------
    def _restore_draft(self, draft: Draft | None) -> None:
        if draft is not None and draft.values:
            for key, text in draft.values.items():
                self.form.set_value(key, text)
            # Made on that version: saving over a newer one asks what to keep.
            self.version = min(self.version, draft.base_version)
            self.drafted_at = draft.saved_at
            notice = self.query_one("#edit-meanwhile", Static)
            notice.update(
                Content(
                    _("Restored your unsaved edits of {when}; esc drops them (asks first).").format(
                        when=short_when(draft.saved_at, self.desk.zone)
                    )
                )
            )
            notice.display = True
        self._drafting = True

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
        changes = draft_values(self.changes())
        draft = Draft(self.case.number, self.version, changes, self.desk.clock())
        self._write_draft(draft)

    def _write_draft(self, draft: Draft) -> None:
        drafts = self.desk.drafts

        def write() -> str | None:
            try:
                if draft.values:
                    drafts.save(draft)
                else:
                    drafts.discard(draft.case_number)
            except OSError as error:  # a full or read-only disk: the form keeps the edits
                return _("Your edits could not be kept as a draft: {why}").format(
                    why=error.strerror
                )
            return None

        def said(text: str | None) -> None:
            if text is not None:
                self._failed_here(text)

        self.call_service(write, said, failed=self._failed_here, group="edit-draft", exclusive=True)

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

    def _read_stored(self, saving: bool) -> None:
        desk, case_id = self.desk, self.case_id
        self.call_service(
            lambda: views.case_detail(desk.read_uow(), desk.actor, case_id),
            lambda detail: self._stored(detail, saving=saving),
            failed=self._failed_here,
            group="edit-stored",
            exclusive=True,
        )

    def _stored(self, detail: views.CaseDetail, *, saving: bool) -> None:
        """The case as stored now (``saving``: read because a save was refused as stale)."""
        if detail.case.version == self.version:
            if saving:  # refused as stale, yet nothing newer: say so, keep the edits
                self.query_one("#edit-error", Static).update(
                    Content(_("The case could not be saved just now; ctrl+s tries again."))
                )
            return
        self.theirs = detail
        # Judged when the answer arrives, not when it was asked: a draft restored
        # meanwhile moves what "since" means.
        self.theirs_by = saved_since(detail, self.seen_log, self.drafted_at)
        changed = changed_labels(self.case, detail.case)
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
        if saving:
            self._ask_what_to_keep()

    def _theirs_text(self, theirs: views.CaseDetail, key: str) -> str:
        if key in LOOKUPS:
            return theirs.names.get(key) or ""
        return initial_text(theirs.case, key)

    def _ask_what_to_keep(self) -> None:
        theirs = self.theirs
        assert theirs is not None
        mine = self.changes()
        theirs_changed = {f.key for f in FORM if differs(self.case, theirs.case, f.key)}
        asked = [
            FieldClash(
                clash.key,
                BY_KEY[clash.key].form_label,
                self.form.text_of(clash.key),
                self._theirs_text(theirs, clash.key),
                both=clash.both,
            )
            for clash in clashes([f.key for f in FORM], set(mine), theirs_changed)
        ]

        def chosen(choice: ConflictChoice | None) -> None:
            if choice is not None:
                self._resolve(choice, set(mine))

        who, when = self.theirs_by
        at = formats.when(when, self.desk.zone) if when is not None else None
        self.app.push_screen(EditConflictDialog(self.case.number, who, asked, at), chosen)

    def _resolve(self, choice: ConflictChoice, mine: set[str]) -> None:
        theirs = self.theirs
        assert theirs is not None
        if choice.how == "theirs":
            self._drop_draft()
            self.dismiss(True)  # their version stands; the case view reads it again
            return
        how: How = "merge" if choice.how == "merge" else "reload"
        for key in taken_from_theirs([f.key for f in FORM], how, choice.keep_mine):
            self.form.show_theirs(BY_KEY[key], theirs)
        self.case, self.version = theirs.case, theirs.case.version
        self.form.case, self.form.names = theirs.case, dict(theirs.names)
        self.theirs, self.theirs_by = None, ([], None)
        self.query_one("#edit-meanwhile", Static).display = False
        self.query_one("#edit-error", Static).update("")
        if choice.how == "merge":
            self.action_save()

    def action_look_up(self) -> None:
        """ctrl+l on a look-up: find its value by typing part of a name (seed 001)."""
        select = self.focused
        if not isinstance(select, Select) or select.id is None:
            return
        key = select.id.removeprefix("f-")
        if key not in LOOKUPS:
            return
        entries = [(value, str(label)) for label, value in self.form.offered.get(key, [])]
        label = BY_KEY[key].form_label

        def picked(value: int | None) -> None:
            if value is not None:
                select.value = value

        self.app.push_screen(LookupDialog(_(label), entries), picked)

    def changes(self) -> dict[str, Any]:
        return form_changes(self.case, self.form.values(), self.form.lookups())

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

    def _save(self, changes: dict[str, Any]) -> None:
        desk, case_id, version = self.desk, self.case_id, self.version

        def save() -> list[str] | views.CaseDetail | FieldRefusals:
            try:
                # 7/12/2026, 1.500,50: as the locale writes; what it cannot read is told
                # with the desk's own refusals, all at once
                typed, unread = read_case_fields(changes)
                return cases.edit_case(
                    desk.uow(),
                    desk.actor,
                    case_id,
                    typed,
                    expected_version=version,
                    refused_at_the_edge=unread,
                )
            except Conflict:  # someone saved first: read what they saved, then ask
                # Read here, in the save's worker: keys typed after ctrl+s wait for the
                # save (key_hold.WRITES), so they wait for the question too. Read in a
                # worker of its own, an escape typed after ctrl+s reached the form first
                # (its leave question opened, the conflict dialog over it: 1 run in 3).
                return views.case_detail(desk.read_uow(), desk.actor, case_id)
            except Refusals as several:  # every refused field at once, each under its own
                return FieldRefusals(
                    [(error_text(error), form_key(error.field)) for error in several.refusals]
                )
            except DomainError as error:  # a refusal: the edits stay on screen
                return FieldRefusals([(error_text(error), form_key(error.field))])

        self.call_service(
            save, self._save_answered, failed=self._failed_here, group="edit-save", exclusive=True
        )

    def _save_answered(self, answer: list[str] | views.CaseDetail | FieldRefusals) -> None:
        if isinstance(answer, views.CaseDetail):
            self._stored(answer, saving=True)
        elif isinstance(answer, FieldRefusals):
            self._refused(answer.refusals)
        else:
            self._drop_draft()
            self.dismiss(True)

    def _failed_here(self, text: str) -> None:
        """A sentence about no field (a bug, a full disk, a read that failed): at the foot
        of the form; the edits stay on screen."""
        self._refused([(text, None)])

    def _refused(self, refusals: list[tuple[str, str | None]]) -> None:
        """Each sentence under its field (the first of them in the form gets the cursor);
        sentences about no field shown here at the foot of the form."""
        first = self.form.show_refusals(refusals)
        if first is not None:
            first.focus()
            first.scroll_visible()

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
