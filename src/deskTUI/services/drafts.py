"""Unsaved edits of a case form, as the screens see them.

Screens do not import the store (ARCHITECTURE.md; import-linter's "Screens and
widgets do not import the store"): a form reads and writes its drafts through
this module. The drafts themselves are files on the operator's own disk, kept
by :mod:`deskTUI.store.drafts`; nothing here adds a rule, so the names are
re-exported rather than wrapped.
"""

from __future__ import annotations

from ..store.drafts import Draft, DraftStore

__all__ = ["Draft", "DraftStore"]
