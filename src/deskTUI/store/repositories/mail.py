"""The e-mail channel's records (issue 22): the desk's settings and routes, every message
in and out, the outbox a sender claims notices from, and the addresses that bounced."""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import aliased
from sqlmodel import col, func, select

from ...domain.errors import DomainError, NotFound
from ...domain.mail_settings import (
    Direction,
    MailRecord,
    MailRoute,
    MailSettings,
    Outcome,
    Server,
    Tls,
    UnknownSenders,
    address_key,
    reason_document,
)
from ...domain.marks import N_
from ...domain.permissions import Scope
from ..faults import damaged_value
from ..list_sql import scope_clause
from ..mail_tables import (
    MailFailingRow,
    MailMessageRow,
    MailOutboxRow,
    MailRouteRow,
    MailSettingsRow,
)
from ..tables import CaseRow, table_of
from .base import HOLD, _Repository

SETTINGS_ID = 1
"""The desk's one row of mail settings, made by migration 0019."""


class MailRepository(_Repository):
    # -- settings -------------------------------------------------------------------------

    def _settings_row(self, lock: bool = False) -> MailSettingsRow:
        row = self.session.get(
            MailSettingsRow, SETTINGS_ID, with_for_update=HOLD if lock else None,
            populate_existing=lock,
        )  # fmt: skip
        if row is None:  # only a desk whose row someone deleted by hand
            row = self._insert(MailSettingsRow(id=SETTINGS_ID))
        return row

    def settings(self, *, lock: bool = False) -> MailSettings:
        """The desk's settings (``lock``: held until the transaction ends, so two admins'
        changes apply one after the other, neither lost)."""
        row = self._settings_row(lock)

        def server(protocol: str) -> Server:
            return Server(
                host=getattr(row, f"{protocol}_host"),
                port=getattr(row, f"{protocol}_port"),
                tls=Tls(getattr(row, f"{protocol}_tls")),
                user=getattr(row, f"{protocol}_user"),
                password_env=getattr(row, f"{protocol}_password_env"),
                password_file=getattr(row, f"{protocol}_password_file"),
            )

        return MailSettings(
            addresses=[a for a in row.addresses.splitlines() if a],
            smtp=server("smtp"),
            imap=server("imap"),
            imap_mailbox=row.imap_mailbox,
            unknown_senders=UnknownSenders(row.unknown_senders),
            unknown_client_id=row.unknown_client_id,
            default_area_id=row.default_area_id,
            default_category_id=row.default_category_id,
            rate_per_minute=row.rate_per_minute,
            has_secret=bool(row.secret),
        )

    def save_settings(self, settings: MailSettings) -> None:
        row = self._settings_row()
        row.addresses = "\n".join(settings.addresses)
        for protocol, server in (("smtp", settings.smtp), ("imap", settings.imap)):
            for name in ("host", "port", "user", "password_env", "password_file"):
                setattr(row, f"{protocol}_{name}", getattr(server, name))
            setattr(row, f"{protocol}_tls", server.tls.value)
        row.imap_mailbox = settings.imap_mailbox
        row.unknown_senders = settings.unknown_senders.value
        row.unknown_client_id = settings.unknown_client_id
        row.default_area_id = settings.default_area_id
        row.default_category_id = settings.default_category_id
        row.rate_per_minute = settings.rate_per_minute
        self.session.flush()

    def secret(self) -> bytes:
        """The key that signs reply tokens: made on first use by one conditional UPDATE, so
        two first users at once agree on one key (the second's UPDATE changes nothing and
        it reads the first's)."""
        self._settings_row()
        table = table_of(MailSettingsRow)
        read = select(table.c.secret).where(table.c.id == SETTINGS_ID)
        made = self.session.connection().execute(read).scalar_one()
        if made:  # every notice asks: a read, not a write, once the key exists
            return bytes.fromhex(made)
        self.session.connection().execute(
            table.update()
            .where(table.c.id == SETTINGS_ID, table.c.secret == "")
            .values(secret=secrets.token_hex(32))
        )
        return bytes.fromhex(self.session.connection().execute(read).scalar_one())

    # -- routes ---------------------------------------------------------------------------

    def routes(self) -> list[MailRoute]:
        rows = self.session.exec(select(MailRouteRow).order_by(col(MailRouteRow.address)))
        return [MailRoute(r.address, r.area_id, r.category_id, r.id) for r in rows]

    def route_for(self, address: str) -> MailRoute | None:
        row = self.session.exec(
            select(MailRouteRow).where(MailRouteRow.address == address_key(address))
        ).first()
        return None if row is None else MailRoute(row.address, row.area_id, row.category_id, row.id)

    def put_route(self, route: MailRoute) -> tuple[MailRoute, MailRoute | None]:
        """Add the route, or replace the one of that address: (the new, the one before)."""
        before = self.route_for(route.address)
        key = address_key(route.address)
        if before is None:
            row = self._insert(
                MailRouteRow(address=key, area_id=route.area_id, category_id=route.category_id)
            )
        else:
            row = self._row(MailRouteRow, before.id, N_("route"))
            row.area_id, row.category_id = route.area_id, route.category_id
            self.session.flush()
        return replace(route, address=key, id=row.id), before

    def remove_route(self, address: str) -> MailRoute:
        found = self.route_for(address)
        if found is None:
            raise NotFound(
                "mail.no_route", "There is no route for {address}", address=address_key(address)
            )
        self.session.delete(self._row(MailRouteRow, found.id, N_("route")))
        self.session.flush()
        return found

    # -- messages in and out --------------------------------------------------------------

    def record(
        self,
        direction: Direction,
        message_id: str,
        address: str,
        at: datetime,
        outcome: Outcome,
        *,
        reason: DomainError | None = None,
        subject: str = "",
        desk_address: str = "",
        case_id: int | None = None,
        comment_id: int | None = None,
        area_id: int | None = None,
    ) -> int:
        """Write one message's record; its id. A second record of one Message-ID in one
        direction is refused by the database (the unique key): intake asks ``find`` first,
        and a second intake racing the first fails instead of doubling the case."""
        code, why = reason_document(reason)
        row = MailMessageRow(
            direction=direction.value, message_id=message_id, address=address_key(address),
            desk_address=address_key(desk_address), subject=subject, at=at,
            outcome=outcome.value, reason_code=code, reason=why, case_id=case_id,
            comment_id=comment_id, area_id=area_id,
        )  # fmt: skip
        mail_id = self._insert(row).id
        assert mail_id is not None
        return mail_id

    def find(self, direction: Direction, message_id: str) -> MailRecord | None:
        row = self.session.exec(
            select(MailMessageRow).where(
                MailMessageRow.direction == direction.value,
                MailMessageRow.message_id == message_id,
            )
        ).first()
        return None if row is None else _record(row)

    def sent_case(self, message_ids: list[str]) -> int | None:
        """The case of the newest message the desk sent among ``message_ids`` (a reply's
        In-Reply-To and References), None when it sent none of them: how a reply finds
        its case whatever its subject says."""
        wanted = [i for i in dict.fromkeys(message_ids) if i][:100]  # References is unbounded
        if not wanted:
            return None
        query = (
            select(MailMessageRow.case_id)
            .where(
                MailMessageRow.direction == Direction.OUT.value,
                col(MailMessageRow.message_id).in_(wanted),
                col(MailMessageRow.case_id).is_not(None),
            )
            .order_by(col(MailMessageRow.at).desc(), col(MailMessageRow.id).desc())
            .limit(1)
        )
        return self.session.exec(query).first()

    def set_outcome(
        self,
        mail_id: int,
        outcome: Outcome,
        *,
        reason: DomainError | None = None,
        sent_at: datetime | None = None,
    ) -> None:
        row = self._row(MailMessageRow, mail_id, N_("message"))
        row.outcome = outcome.value
        row.reason_code, row.reason = reason_document(reason)
        if sent_at is not None:
            row.sent_at = sent_at
        self.session.flush()

    def received_since(self, address: str, since: datetime) -> int:
        """Messages in from ``address`` since ``since``: the rate limit's count."""
        query = select(func.count()).where(
            MailMessageRow.direction == Direction.IN.value,
            MailMessageRow.address == address_key(address),
            MailMessageRow.at >= since,
        )
        return int(self.session.exec(query).one())

    def messages(self, scope: Scope, *, limit: int, case_id: int | None = None) -> list[MailRecord]:
        """The newest messages ``scope`` may read, newest first: those of a case it sees,
        and those of no case routed to one of its areas (every one, for ``everything``).
        The case list's own visibility clause (``scope_clause``), so the rule is written
        once; one query, however many messages (no id list a SQLite statement would cap)."""
        m = aliased(MailMessageRow, name="m")
        c = aliased(CaseRow, name="c")
        query = select(m).outerjoin(c, col(c.id) == col(m.case_id))
        if not scope.everything:
            seen = scope_clause(scope)
            areas = sorted(scope.area_ids)
            caseless = f"m.case_id IS NULL AND m.area_id IN ({', '.join('?' * len(areas))})"
            where = (
                f"(m.case_id IS NOT NULL AND ({seen.text})) OR ({caseless if areas else '1 = 0'})"
            )
            query = query.where(_bound(where, [*seen.params, *areas]))
        if case_id is not None:
            query = query.where(col(m.case_id) == case_id)
        query = query.order_by(col(m.at).desc(), col(m.id).desc()).limit(limit)
        return [_record(row) for row in self.session.exec(query)]

    # -- the outbox -----------------------------------------------------------------------

    def queue(
        self, mail_id: int, recipient: str, language: str, message: str, at: datetime
    ) -> None:
        """A notice to send, beside its record (written in the transaction of the change
        that caused it: a crash loses both or neither)."""
        self._insert(
            MailOutboxRow(
                mail_id=mail_id, recipient=recipient, language=language, message=message,
                next_attempt_at=at,
            )
        )  # fmt: skip

    def due(self, now: datetime, *, limit: int) -> list[int]:
        """Notices whose next attempt has come, oldest first (the queue's partial index)."""
        query = (
            select(MailOutboxRow.mail_id)
            .where(col(MailOutboxRow.done_at).is_(None), MailOutboxRow.next_attempt_at <= now)
            .order_by(col(MailOutboxRow.next_attempt_at), col(MailOutboxRow.mail_id))
            .limit(limit)
        )
        return list(self.session.exec(query))

    def claim(self, mail_id: int, who: str, now: datetime, stale_before: datetime) -> bool:
        """Take one notice to send: one conditional UPDATE, True only for the one sender
        whose UPDATE changed the row (as ``CaseRepository.mark_escalated``). A claim older
        than ``stale_before`` is a sender that died mid-send: taken over."""
        table = table_of(MailOutboxRow)
        statement = (
            table.update()
            .where(
                table.c.mail_id == mail_id,
                table.c.done_at.is_(None),
                table.c.next_attempt_at <= now,
                (table.c.claimed_at.is_(None)) | (table.c.claimed_at < stale_before),
            )
            .values(claimed_by=who, claimed_at=now, attempts=table.c.attempts + 1)
        )
        return bool(self.session.connection().execute(statement).rowcount == 1)

    def outbox(self, mail_id: int) -> MailOutboxRow:
        return self._row(MailOutboxRow, mail_id, N_("notice"))

    def release(
        self, mail_id: int, *, done_at: datetime | None, next_attempt_at: datetime | None,
        error: str = "",
    ) -> None:  # fmt: skip
        """After an attempt: done (sent, or failed for good), or due again later."""
        row = self.outbox(mail_id)
        row.claimed_by, row.claimed_at, row.last_error = "", None, error
        row.done_at = done_at
        if next_attempt_at is not None:
            row.next_attempt_at = next_attempt_at
        self.session.flush()

    # -- addresses that bounced -----------------------------------------------------------

    def mark_failing(
        self, address: str, at: datetime, reason: str, bounce_id: int | None = None
    ) -> None:
        row = self.session.get(MailFailingRow, address_key(address))
        if row is None:
            self._insert(
                MailFailingRow(address=address_key(address), since=at, reason=reason,
                               bounce_id=bounce_id)
            )  # fmt: skip
            return
        row.reason, row.bounce_id = reason, bounce_id
        self.session.flush()

    def failing(self, address: str) -> tuple[datetime, str] | None:
        """(since when, why) the desk stopped writing to ``address``; None: it writes."""
        row = self.session.get(MailFailingRow, address_key(address))
        return None if row is None else (row.since, row.reason)

    def failing_addresses(self) -> dict[str, tuple[datetime, str]]:
        rows = self.session.exec(select(MailFailingRow))
        return {row.address: (row.since, row.reason) for row in rows}

    def clear_failing(self, address: str) -> bool:
        row = self.session.get(MailFailingRow, address_key(address))
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True


def _bound(sql: str, params: list[Any]) -> TextClause:
    """A clause written with ``?`` marks (the list's SQL) as SQLAlchemy text with named
    parameters, so it joins a query of the ORM on either engine."""
    pieces = sql.split("?")
    assert len(pieces) == len(params) + 1
    named = {f"mail_p{n}": value for n, value in enumerate(params)}
    written = pieces[0] + "".join(f":mail_p{n}{piece}" for n, piece in enumerate(pieces[1:]))
    return text(written).bindparams(**named)


def _record(row: Any) -> MailRecord:
    try:
        direction, outcome = Direction(row.direction), Outcome(row.outcome)
    except ValueError as error:  # a code no deskTUI writes: a damaged row, said so
        raise damaged_value("message record", row.id) from error
    return MailRecord(
        id=row.id, direction=direction, message_id=row.message_id,
        address=row.address, desk_address=row.desk_address, subject=row.subject, at=row.at,
        outcome=outcome, reason_code=row.reason_code, reason=row.reason,
        case_id=row.case_id, comment_id=row.comment_id, area_id=row.area_id,
        sent_at=row.sent_at,
    )  # fmt: skip
