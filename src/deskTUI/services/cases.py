"""Case use cases, one module per use case (issue 19, "rooms that say what they hold"):

- opening a case and editing its fields: services/case_edits.py;
- assigning it, moving it through its lifecycle (the contract ledger, the survey offer)
  and what finishing would consume: services/case_moves.py;
- commenting on it (mentions): services/case_comments.py;
- its quote and payment: services/case_quotes.py;
- the references it holds, named by the operator, and the cross-record rules:
  services/case_refs.py.

They are re-exported here, so ``from deskTUI.services import cases`` then
``cases.move_case(...)`` reads as it always has.
"""

from __future__ import annotations

from .case_comments import GIST_CHARS, comment_case
from .case_edits import edit_case, open_case
from .case_moves import assign_case, finish_preview, move_case, preview_for
from .case_quotes import decide_quote, issue_quote, set_payment
from .case_refs import REFERENCE_FIELDS, category_named

__all__ = [
    "GIST_CHARS",
    "REFERENCE_FIELDS",
    "assign_case",
    "category_named",
    "comment_case",
    "decide_quote",
    "edit_case",
    "finish_preview",
    "issue_quote",
    "move_case",
    "open_case",
    "preview_for",
    "set_payment",
]
