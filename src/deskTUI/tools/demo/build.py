"""``build_demo``: the people through the ordinary services, then the cases generated and
bulk-loaded, here or (a large desk on SQLite) on two cores."""

from __future__ import annotations

import hashlib
import io
import queue
import random
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from ...domain.catalogue import Project, Service
from ...domain.enums import Role
from ...domain.errors import ValidationError
from ...domain.people import User
from ...services import admin
from ...services.common import stored_id
from ...store.blobs import BlobStore
from ...store.database import Database
from ...store.survey_backfill import answer_default_surveys
from ...store.tables import CaseRow, ContractRow, NotificationRow, table_of
from ...store.uow import UnitOfWork
from ..bulk_load import bulk_load, insert_rows
from .catalog import ATTACHMENTS, CLIENT_USERS, CONTRACTS, NEAR_EXHAUSTION, STAFF
from .generator import Generator
from .parallel import load_in_parallel, remove_stale_scratch
from .rows import BATCH, FIXED, TABLES, Part, Plan, halves, loading
from .texts import DemoTexts, demo_texts, draw_rank


def build_demo(
    db: Database,
    login: str,
    *,
    cases: int = 300,
    seed: int = 1,
    now: datetime | None = None,
    on_cases: Callable[[int], None] | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """Fill an empty desk; returns what was made.

    The same seed gives the same desk, dated back from ``now`` (the moment it
    is built, unless a test fixes it): ages, not calendar dates, are what a
    seed decides, so SLA clocks look the same whenever the demo is made. Its
    words are in ``language`` (the operator's, ``i18n.current()``, unless given):
    a Spanish desk for a Spanish operator, an English one otherwise.
    """
    texts = demo_texts(language)
    with db.engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(table_of(CaseRow))).scalar_one():
            raise ValidationError(
                "demo.not_empty",
                "This desk already has cases; the demo fills an empty desk (use another --db)",
            )
    remove_stale_scratch()
    root, people = _people(db, login, texts)
    moment = (
        (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)
    )
    files = _store_attachments(db, texts)
    try:
        if cases >= PARALLEL_FROM and db.dialect == "sqlite":
            counts, used = load_in_parallel(db, seed, moment, people, files, cases, on_cases)
        else:
            parts = halves(seed, cases) if cases >= PARALLEL_FROM else [Part(seed, 1, cases)]
            counts, used = _load_here(db, moment, people, files, parts, on_cases)
    except (DBAPIError, db.engine.dialect.loaded_dbapi.Error) as error:
        raise ValidationError(
            "demo.load",
            "The demo's cases could not be loaded ({detail}); none of them was kept",
            detail=str(getattr(error, "orig", None) or error).strip().splitlines()[0],
        ) from None
    with db.engine.begin() as connection:
        _settle_near_exhaustion(connection, people, used)
        answer_default_surveys(connection)  # the bulk rows' answers (issue 21's templates)
        welcome = texts.welcome
        connection.execute(
            table_of(NotificationRow).insert(),
            {
                "user_id": root.id,
                "kind": "welcome",
                "message": welcome,
                "created_at": moment.replace(tzinfo=UTC),
            },
        )
    return {
        "admin": root.login,
        "users": len(people["all"]),
        "cases": counts["cases"],
        "time_entries": counts["time"],
        "comments": counts["comments"],
        "events": counts["events"],
        "files": counts["files"],
        "surveys": counts["surveys"],
        "ledger_entries": counts["ledger"],
        "log_lines": counts["log"],
    }


PARALLEL_FROM = 100_000
"""From this many cases on, the desk is generated in two halves, each from a seed of its own:
on SQLite by two processes side by side (two cores); on PostgreSQL one after the other in
this process (the server's own process is busy storing them), so a seed gives the same desk
on both engines."""


def _load_here(
    db: Database, moment: datetime, people: dict[str, Any], files: list[Any], parts: list[Part],
    on_cases: Callable[[int], None] | None,
) -> tuple[dict[str, int], Decimal]:  # fmt: skip
    generators = [
        (
            Generator(
                random.Random(part.seed), moment, people, files, contracts=part.contracts,
                day_starts_at=part.day_starts_at,
            ),
            part,
        )
        for part in parts
    ]  # fmt: skip
    counts: dict[str, int] = dict.fromkeys(TABLES, 0)
    with (
        loading(db) as connection,
        connection.begin(),
        bulk_load(connection, [t for t, _ in TABLES.values()]),
    ):
        for plan in _in_background(generators):
            for name, (table, columns) in TABLES.items():
                counts[name] += insert_rows(
                    connection, table, columns, getattr(plan, name), converted=True,
                    fixed=FIXED.get(name),
                )  # fmt: skip
            if on_cases is not None:
                on_cases(len(plan.cases))
    return counts, generators[0][0].first_contract_use()


def _settle_near_exhaustion(connection: Any, people: dict[str, Any], used: Decimal) -> None:
    """Size the first client's contract so its ledger fills it to about 92 %."""
    first_client = people["clients"][0].id
    contract = next((c for c, _quota in people["contracts"] if c.client_id == first_client), None)
    if contract is None:
        return
    total = max(Decimal(10), (used / NEAR_EXHAUSTION).to_integral_value(rounding="ROUND_CEILING"))
    table = table_of(ContractRow)
    connection.execute(table.update().where(table.c.id == contract.id).values(total_units=total))


def _store_attachments(db: Database, texts: DemoTexts) -> list[tuple[str, str, int, str]]:
    """The demo's few attachment contents, really stored (deduplicated by digest)."""
    out = []
    root = db.files_dir
    for name, (media, content) in zip(texts.attachment_names, ATTACHMENTS, strict=True):
        digest = hashlib.sha256(content).hexdigest()
        if root is not None:
            digest, _ = BlobStore(root).put(io.BytesIO(content))
        out.append((name, media, len(content), digest))
    return out


def _in_background(generators: list[tuple[Generator, Part]]) -> Iterator[Plan]:
    """Plans made by a second thread while this one writes the previous batch.

    SQLite releases the GIL while it stores rows, so generating the next
    batch overlaps with writing this one: on two cores the load takes about
    as long as the slower of the two instead of their sum. (On PostgreSQL the
    server's process stores them, on the other core.)
    """
    batches: queue.Queue[Plan | BaseException | None] = queue.Queue(maxsize=2)

    def produce() -> None:
        try:
            for generator, part in generators:
                for first in range(part.first, part.last + 1, BATCH):
                    batches.put(generator.plan(first, min(part.last, first + BATCH - 1)))
        except BaseException as error:  # handed to the writer, which raises it
            batches.put(error)
        else:
            batches.put(None)

    worker = threading.Thread(target=produce, name="demo-generator", daemon=True)
    worker.start()
    while (item := batches.get()) is not None:
        if isinstance(item, BaseException):
            raise item
        yield item
    worker.join()


def _people(db: Database, login: str, texts: DemoTexts) -> tuple[User, dict[str, Any]]:
    """The catalogue and the people, through the ordinary services; ``texts`` go along in
    ``people["texts"]`` for the generator (a worker process too)."""

    def uow() -> UnitOfWork:
        return UnitOfWork(db)

    root, _ = admin.init_desk(uow(), login)
    if root is None or root.role is not Role.ADMIN:
        raise ValidationError(
            "demo.not_admin",
            "Only an admin may build the demo, and {login} is not one here",
            login=login,
        )
    with uow() as u:
        known_areas = {a.name for a in u.areas.list()}
    area_name = {key: name for key, (name, _categories) in texts.areas.items()}
    client_name = {key: name for key, (name, _contacts) in texts.clients.items()}
    for area, categories in texts.areas.values():
        if area not in known_areas:
            admin.add_area(uow(), root, area, categories)
    for client, contacts in texts.clients.values():
        with uow() as u:
            exists = u.clients.find(client) is not None
        if not exists:
            admin.add_client(uow(), root, client, contacts)
    for user_login, name, role, areas in STAFF:
        with uow() as u:
            exists = u.users.find(user_login) is not None
        if not exists:
            admin.add_user(
                uow(), root, user_login, role=role, name=name, areas=[area_name[a] for a in areas]
            )
    for user_login, name, client in CLIENT_USERS:
        with uow() as u:
            exists = u.users.find(user_login) is not None
        if not exists:
            admin.add_user(
                uow(), root, user_login, role=Role.CLIENT, name=name, client=client_name[client]
            )
    # Seed 000's projects and services, as the areas are made: no log line of their own
    # (the desk's log starts with its cases, and a seed's rows stay the same at any hour).
    link_ids: dict[str, list[int]] = {}
    for kind, names in (("project", texts.projects), ("service", texts.services)):
        with uow() as u:
            for name in names:
                if u.records.find(kind, name) is None:
                    u.records.add(Project(name) if kind == "project" else Service(name))
            u.commit()
        with uow() as u:
            link_ids[kind] = [stored_id(u.records.by_name(kind, name)) for name in names]
    year = datetime.now(UTC).year
    contracts = []
    for client, unit, total, name, quota in CONTRACTS:
        made = admin.add_contract(
            uow(), root, client=client_name[client], unit=unit, total=total,
            start=date(year - 1, 1, 1), end=date(year + 1, 12, 31), name=texts.contracts[name],
        )  # fmt: skip
        contracts.append((made, quota))
    with uow() as u:
        users = u.users.list()
        area_names = {stored_id(a): a.name for a in u.areas.list()}
        # The demo's own, in the order the generator has always drawn them whatever the
        # language's names; a category or client the desk had before gets no demo case.
        category_rank, client_rank = draw_rank(texts)
        all_categories = sorted(
            (c for c in u.areas.categories() if c.name in category_rank),
            key=lambda c: category_rank[c.name],
        )
        clients = sorted(
            (c for c in u.clients.list() if c.name in client_rank),
            key=lambda c: client_rank[c.name],
        )
        contacts_of = {stored_id(c): u.clients.contacts(stored_id(c)) for c in clients}
    return root, {
        "all": users,
        "areas": area_names,
        "categories": all_categories,
        "clients": clients,
        "contacts": contacts_of,
        "contracts": contracts,
        "projects": link_ids["project"],
        "services": link_ids["service"],
        "root": root,
        "texts": texts,
    }
