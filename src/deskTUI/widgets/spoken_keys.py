"""The keys a screen offers, described in the operator's language when they are shown.

A binding's description is declared in a class body (``BINDINGS``), at import, before the
operator's language is known: there it is only marked (``N_``). Textual's footer and its
keys panel (``?``) read every key through ``Screen.active_bindings`` each time they are
drawn, so that is where the words are translated: the screen's own keys, the app's, and
those of the widget in focus, Textual's built-in ones included (Input, TextArea,
DataTable, OptionList, Tabs, Select: their words are in ``textual_words``). Reading them
there, not copying them once at ``__init__``, also covers the keys a keymap or ``bind``
adds later and a language chosen after the screen was built; which keys show is still
decided by ``check_action``, before the words are looked up.

Every screen and dialog of the desk takes :class:`SpokenKeys` first among its bases
(tests/tui/test_no_words_frozen_at_import.py walks them).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from textual.binding import ActiveBinding, Binding

from ..i18n import _, current


def said(text: str) -> str:
    """``text`` in the operator's language; an empty one stays empty (gettext's msgid ""
    is the catalogue's header)."""
    return _(text) if text else text


@lru_cache(maxsize=2048)
def spoken(binding: Binding, language: str) -> Binding:
    """``binding`` with its words in ``language`` (the cache's key: the words are looked
    up once per binding and language, not at every footer refresh)."""
    group = binding.group
    return replace(
        binding,
        description=said(binding.description),
        tooltip=said(binding.tooltip),
        group=replace(group, description=said(group.description)) if group else None,
    )


class SpokenKeys:
    """For a Screen: its active keys described in the operator's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {
            key: ActiveBinding(
                active.node,
                self.spoken_binding(active.binding),
                active.enabled,
                said(active.tooltip),
            )
            for key, active in found.items()
        }

    def spoken_binding(self, binding: Binding) -> Binding:
        """The binding as the footer and the keys panel show it (a screen whose keys'
        words take a value overrides this)."""
        return spoken(binding, current())
