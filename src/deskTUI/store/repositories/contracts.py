"""Contracts and their ledger of units used."""

from __future__ import annotations

# builtins.list in the annotations of a repository with a list() method: inside
# its class body, a bare list[...] names the method, not the type.
import builtins
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import col, select

from ...domain.contracts import Contract, LedgerEntry
from ...domain.marks import N_
from ...domain.names import name_key
from .. import converters as conv
from ..tables import ContractRow, LedgerRow
from .base import _Repository, _unstorable


class ContractRepository(_Repository):
    def add(self, contract: Contract) -> Contract:
        contract.id = self._insert(ContractRow(**conv.to_values(contract))).id
        return contract

    def get(self, contract_id: int | None) -> Contract:
        return conv.from_row(Contract, self._row(ContractRow, contract_id, N_("contract")))

    def save(self, contract: Contract) -> None:
        self._update(ContractRow, contract.id, conv.to_values(contract), N_("contract"))

    def list(self, client_id: int | None = None) -> builtins.list[Contract]:
        query = select(ContractRow).order_by(col(ContractRow.id))
        if client_id is not None:
            query = query.where(ContractRow.client_id == client_id)
        return [conv.from_row(Contract, r) for r in self.session.exec(query)]

    def named(self, name: str, client_id: int | None = None) -> builtins.list[Contract]:
        """The contracts called ``name`` (any case, surrounding blanks ignored), of one
        client when given, in id order. Names are not unique: several may answer."""
        if _unstorable(name):
            return []
        query = (
            select(ContractRow)
            .where(ContractRow.name_key == name_key(name))
            .order_by(col(ContractRow.id))
        )
        if client_id is not None:
            query = query.where(ContractRow.client_id == client_id)
        return [conv.from_row(Contract, r) for r in self.session.exec(query)]

    def post(self, entry: LedgerEntry) -> LedgerEntry:
        row = self._insert(conv.ledger_to_row(entry))
        return conv.ledger_from_row(row)

    def ledger(self, contract_id: int) -> builtins.list[LedgerEntry]:
        """The contract's ledger in date order (then id): the order people read it in, also
        when entries were written out of it (an import, the demo's back-dated history)."""
        query = (
            select(LedgerRow)
            .where(LedgerRow.contract_id == contract_id)
            .order_by(col(LedgerRow.at), col(LedgerRow.id))
        )
        return [conv.ledger_from_row(r) for r in self.session.exec(query)]

    def ledger_for_case(self, case_id: int) -> builtins.list[LedgerEntry]:
        query = select(LedgerRow).where(LedgerRow.case_id == case_id).order_by(col(LedgerRow.id))
        return [conv.ledger_from_row(r) for r in self.session.exec(query)]

    def used(self, contract_id: int) -> Decimal:
        """Used units: the SUM of the ledger, exact because units are integers of 1/10,000."""
        query = select(func.coalesce(func.sum(LedgerRow.units_e4), 0)).where(
            LedgerRow.contract_id == contract_id
        )
        return Decimal(self.session.exec(query).one()) / conv.E4
