"""Each operator's stored arrangements (tables.OperatorPreferenceRow, migration 0016)."""

from __future__ import annotations

from typing import Literal

from ..tables import OperatorPreferenceRow
from .base import _Repository

Kind = Literal["case_tabs", "list_columns"]


class PreferenceRepository(_Repository):
    def get(self, user_id: int, kind: Kind) -> str | None:
        """The stored line (None: never chosen; the desk's default)."""
        row = self.session.get(OperatorPreferenceRow, user_id)
        return None if row is None else getattr(row, kind)

    def put(self, user_id: int, kind: Kind, text: str | None) -> None:
        row = self.session.get(OperatorPreferenceRow, user_id)
        if row is None:
            row = OperatorPreferenceRow(user_id=user_id)
        setattr(row, kind, text)
        self.session.add(row)
        self.session.flush()
