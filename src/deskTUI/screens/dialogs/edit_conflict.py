"""Someone saved the case while it was being edited: keep theirs, reload, or merge.

Each field the operator changed is a line: what they typed ("mine") and what
is stored now ("theirs"). A merge starts from the stored version and sets the
fields marked "mine": all of the operator's fields at first (they typed them
on purpose, and see theirs on the same line before deciding); space flips
one. Fields only the other person changed keep their value.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import N_, _
from ...safe_text import safe
from ...widgets.keys_footer import KeysFooter
from ...widgets.spoken_keys import SpokenKeys


@dataclass(frozen=True)
class FieldClash:
    key: str
    label: str
    mine: str
    theirs: str
    both: bool
    """They changed this field too (else only the operator did)."""


@dataclass(frozen=True)
class ConflictChoice:
    """``how``: "theirs" (drop my edits), "reload" (their version in the form, to edit
    again) or "merge" (their version with the fields in ``keep_mine`` set to mine)."""

    how: str
    keep_mine: frozenset[str] = frozenset()


def _short(text: str, width: int = 28) -> str:
    one = safe(text, one_line=True)
    return one if len(one) <= width else one[: width - 1] + "…"


class EditConflictDialog(SpokenKeys, ModalScreen[ConflictChoice | None]):
    """What to do with a save that lost the race."""

    BINDINGS = [
        Binding("space", "flip", N_("Mine/theirs"), id="conflict.flip"),
        Binding("m", "merge", N_("Merge"), id="conflict.merge"),
        Binding("t", "theirs", N_("Keep theirs"), id="conflict.theirs"),
        Binding("r", "reload", N_("Reload"), id="conflict.reload"),
        Binding("escape", "cancel", N_("Back to my edits"), id="conflict.cancel"),
    ]

    def __init__(
        self, number: str, who: list[str], clashes: list[FieldClash], when: str | None = None
    ) -> None:
        super().__init__()
        self.number = number
        self.who = who
        self.when = when
        """When they saved, as the operator reads time (their zone), if known."""
        self.clashes = clashes
        self.keep_mine = {clash.key for clash in clashes}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Content(self._heading()), classes="dialog-title")
            yield Static(
                Content(
                    _(
                        "m merge: their version with the fields marked mine · space: mine/theirs"
                        " · t keep theirs · r reload theirs and edit again · esc back"
                    )
                )
            )
            yield OptionList(*[Option(self._label(c)) for c in self.clashes], id="clashes")
        yield KeysFooter(compact=True)

    def _heading(self) -> str:
        # "someone" only when the log names nobody (the case changed without a line).
        who = ", ".join(safe(login, one_line=True) for login in self.who) or _("someone")
        if self.when is None:
            return _("{who} saved {number} while you edited it.").format(
                who=who, number=self.number
            )
        return _("{who} saved {number} at {when} while you edited it.").format(
            who=who, number=self.number, when=self.when
        )

    def _label(self, clash: FieldClash) -> Content:
        keeping = _("mine") if clash.key in self.keep_mine else _("theirs")
        flag = _(" (they changed it too)") if clash.both else ""
        return Content(
            f"{_(clash.label)}{flag}: {_('mine')} «{_short(clash.mine)}» · "
            f"{_('theirs')} «{_short(clash.theirs)}» → {_('keep')} {keeping}"
        )

    def on_mount(self) -> None:
        clashes = self.query_one("#clashes", OptionList)
        clashes.focus()
        if self.clashes:
            clashes.highlighted = 0

    def action_flip(self) -> None:
        clashes = self.query_one("#clashes", OptionList)
        index = clashes.highlighted
        if index is None or not self.clashes:
            return
        key = self.clashes[index].key
        self.keep_mine.symmetric_difference_update({key})
        clashes.replace_option_prompt_at_index(index, self._label(self.clashes[index]))

    @on(OptionList.OptionSelected, "#clashes")
    def _selected(self) -> None:
        self.action_flip()

    def action_merge(self) -> None:
        self.dismiss(ConflictChoice("merge", frozenset(self.keep_mine)))

    def action_theirs(self) -> None:
        self.dismiss(ConflictChoice("theirs"))

    def action_reload(self) -> None:
        self.dismiss(ConflictChoice("reload"))

    def action_cancel(self) -> None:
        self.dismiss(None)
