"""``db migrate``'s copy engine: a whole desk into an empty database, verified, or nothing.

Sources: the demo desk (every table filled the way a working desk fills it, with real
attachment contents) and the test desk (``desk``: a SQLite file, and a PostgreSQL
database too when DESKTUI_TEST_PG names a server). Targets: a new SQLite file, and a
fresh PostgreSQL database when a server is given. Nothing is mocked: every test reads
back what the target database really holds.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from deskTUI.domain.errors import DomainError, NotFound, ValidationError
from deskTUI.services import admin, cases, files, maintenance, search, views, worklog
from deskTUI.services.identity import os_login, resolve_actor
from deskTUI.store.database import Database, open_database, to_url
from deskTUI.store.tables import EventRow
from deskTUI.store.uow import UnitOfWork
from deskTUI.tools.demo import build_demo
from deskTUI.tools.desk_copy import desk_tables, migrate_into, open_source, verify
from deskTUI.tools.desk_copy.report import SEEDED_BY_MIGRATIONS

from ..conftest import PG_SERVER, _pg_admin, pg_database

ME = os_login()
MOMENT = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
"""One fixed instant for reading both desks, so their SLA states are computed alike."""


@dataclass
class Target:
    """Where a test migrates to: what ``--to`` is given, and a server's ``--files``."""

    address: str
    files: Path | None

    def open(self) -> Database:
        return open_database(self.address, create=False, files=self.files)

    @property
    def on_server(self) -> bool:
        return "://" in self.address

    def store(self) -> Path:
        """The target's attachment folder."""
        if self.files is not None:
            return self.files
        path = Path(self.address)
        return path.parent / (path.stem + ".files")


@pytest.fixture(params=["sqlite", "postgresql"] if PG_SERVER else ["sqlite"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    if request.param == "postgresql":
        with pg_database() as url:
            yield Target(url, tmp_path / "target.files")
    else:
        yield Target(str(tmp_path / "target.db"), None)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo desk built once per test process; each test gets a copy (file and contents)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(str(path))
    build_demo(database, ME, cases=120, seed=3)
    database.dispose()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    shutil.copytree(demo_template.with_name("demo.files"), tmp_path / "demo.files")
    return path


def migrate(source: str | Path, target: Target, **kw: Any) -> Any:
    database = open_source(str(source), **kw)
    try:
        return migrate_into(database, target.address, files=target.files)
    finally:
        database.dispose()


def rows_of(address: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a database, plainly read (None-safe sort)."""
    engine = create_engine(to_url(address), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            names = sorted(inspect(connection).get_table_names())
            return {
                name: sorted(
                    (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{name}"'))),
                    key=repr,
                )
                for name in names
            }
    finally:
        engine.dispose()


def desk_rows(address: str) -> int:
    """How many rows the desk's own tables hold (0: an empty desk, or no desk at all)."""
    held = rows_of(address)
    return sum(
        len(held.get(table.name, []))
        for table in desk_tables()
        if table.name not in SEEDED_BY_MIGRATIONS
    )


def blobs_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def nothing_written(target: Target) -> bool:
    """The target holds no desk row and its file folder nothing, not even an empty folder
    (and a SQLite target that was not there is not there: no file, no folder)."""
    store = target.store()
    if not target.on_server and not Path(target.address).exists():
        return not store.exists()
    return desk_rows(target.address) == 0 and (not store.exists() or not any(store.iterdir()))


def admin_of(database: Database, login: str = ME) -> Any:
    return resolve_actor(UnitOfWork(database), login)


# -- the whole desk arrives -------------------------------------------------------------------


def test_a_demo_desk_arrives_whole_every_table_counted_and_checksummed_alike(demo, target):
    before = rows_of(str(demo))
    report = migrate(demo, target)

    assert report.ok and report.rows > 500
    counts = {check.table: check.target_rows for check in report.tables}
    assert counts == {table.name: len(before[table.name]) for table in desk_tables()}
    for table in ("support_case", "case_log", "case_comment", "time_entry", "ledger_entry",
                  "attachment", "survey", "calendar_event", "notification", "contract"):  # fmt: skip
        assert counts[table] > 0, f"the demo should fill {table}"
    assert {check.table for check in report.tables}.isdisjoint({"case_search", "alembic_version"})

    source, migrated = open_database(str(demo), create=False), target.open()
    try:
        assert all(check.ok for check in verify(source, migrated))
        # What ``desktui db check`` runs: integrity, the ledger, the file store.
        assert maintenance.check(UnitOfWork(migrated), admin_of(migrated)) == []
    finally:
        source.dispose()
        migrated.dispose()


def test_every_case_reads_back_the_same_on_the_migrated_desk(demo, target):
    migrate(demo, target)
    source, migrated = open_database(str(demo), create=False), target.open()
    try:
        me = admin_of(source)
        with UnitOfWork(source) as uow:
            ids = uow.cases.ids(limit=1_000)
        assert len(ids) == 120
        for case_id in ids:
            # Decimals, instants, days, booleans and enums all come back as they went in.
            here = views.case_detail(UnitOfWork(source, clock=lambda: MOMENT), me, case_id)
            there = views.case_detail(UnitOfWork(migrated, clock=lambda: MOMENT), me, case_id)
            assert there == here, f"case {case_id} differs after migrating"
    finally:
        source.dispose()
        migrated.dispose()


def test_the_test_desks_cases_comments_ledger_and_files_arrive_from_either_engine(desk, db, target):
    """The source on both engines (the ``db`` fixture), with a reopened case's reversal,
    an accented comment and a file: PostgreSQL to SQLite and PostgreSQL to PostgreSQL too."""
    case = desk.open(title="Facturación electrónica rechazada", priority="high",
                     contract=desk.hours.id, billable=True, cost_per_hour="45.50")  # fmt: skip
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    start = desk.clock.now
    desk.clock.advance(minutes=90)  # the work is done before it is logged
    worklog.log_time(desk.uow(), desk.ana, case.number, work_date=start.date(), start=start,
                     end=start + timedelta(minutes=90), description="Certificado")  # fmt: skip
    cases.comment_case(desk.uow(), desk.ana, case.number, "Revisé el certificado: ñandú")
    files.attach_file(desk.uow(), desk.ana, case.number, io.BytesIO(b"%PDF-1.4 factura"),
                      name="factura.pdf")  # fmt: skip
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Certificado nuevo")
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Sigue fallando")

    report = migrate(db.url, target, files=db.server_files)

    assert report.ok
    counts = {check.table: check.target_rows for check in report.tables}
    assert counts["ledger_entry"] == 2  # the post (1.5 h) and its exact reversal
    assert counts["attachment"] == 1 and report.files.copied == 1
    migrated = target.open()
    try:
        me = admin_of(migrated, "admin")
        here = views.case_detail(UnitOfWork(db, clock=lambda: MOMENT), desk.admin, case.number)
        there = views.case_detail(UnitOfWork(migrated, clock=lambda: MOMENT), me, case.number)
        assert there == here
        assert there.case.cost_per_hour == 45.5 and there.case.billable is True
        assert maintenance.check(UnitOfWork(migrated), me) == []
    finally:
        migrated.dispose()


# -- the migrated desk keeps working ------------------------------------------------------------


def test_a_new_case_on_the_migrated_desk_takes_the_next_number(demo, target):
    report = migrate(demo, target)
    assert report.next_case == 121
    migrated = target.open()
    try:
        me = admin_of(migrated)
        # Opening a case also appends to the log: two counters (case, log) must be past the copy.
        case = cases.open_case(UnitOfWork(migrated), me, title="Primer caso en el servidor",
                               client="Acme Inc", category="Printers",
                               description="Después de migrar")  # fmt: skip
        assert case.id == 121
        comment = cases.comment_case(UnitOfWork(migrated), me, case.number, "Funciona")
        assert comment.id is not None and comment.id > counts_of(report)["case_comment"]
    finally:
        migrated.dispose()


def counts_of(report: Any) -> dict[str, int]:
    return {check.table: check.target_rows for check in report.tables}


def test_a_case_number_given_once_is_never_given_again_after_migrating(demo, target):
    """The last 30 numbers were given to cases that are gone (SQLite's AUTOINCREMENT still
    remembers them): the target continues after them, not after the highest case left."""
    with sqlite3.connect(demo) as connection:
        connection.execute("UPDATE sqlite_sequence SET seq = 150 WHERE name = 'support_case'")
    report = migrate(demo, target)
    assert report.next_case == 151
    migrated = target.open()
    try:
        case = cases.open_case(UnitOfWork(migrated), admin_of(migrated), title="Después",
                               client="Acme Inc", category="Printers", description="…")  # fmt: skip
        assert case.number == "CS-000151"
    finally:
        migrated.dispose()


def test_numbers_given_on_either_engine_are_not_given_again_on_the_target(desk, db, target):
    """Numbers up to 40 were handed out (the cases that had them are gone): a PostgreSQL
    source's sequence, like SQLite's AUTOINCREMENT, is carried past them."""
    desk.open()
    bump = (
        "ALTER SEQUENCE support_case_id_seq RESTART WITH 41"
        if db.dialect == "postgresql"
        else "UPDATE sqlite_sequence SET seq = 40 WHERE name = 'support_case'"
    )
    with db.engine.begin() as connection:
        connection.execute(text(bump))
    report = migrate(db.url, target, files=db.server_files)
    assert report.next_case == 41
    migrated = target.open()
    try:
        case = cases.open_case(UnitOfWork(migrated), admin_of(migrated, "admin"), title="Nuevo",
                               client="Acme SA", category="Impresoras", description="…")  # fmt: skip
        assert case.number == "CS-000041"
    finally:
        migrated.dispose()


def test_text_search_finds_titles_descriptions_and_comments_on_the_migrated_desk(desk, db, target):
    desk.open(title="Escáner atascado", description="El alimentador traga dos hojas")
    talked = desk.open(title="Consulta general", description="Sin detalle")
    cases.comment_case(desk.uow(), desk.sofia, talked.number, "El murciélago mordió el cable")
    migrate(db.url, target, files=db.server_files)

    migrated = target.open()
    try:
        me = admin_of(migrated, "admin")

        def titles(query: str) -> list[str]:
            found = search.search_cases(UnitOfWork(migrated), me, query).cases
            return sorted(c.title for c in found)

        assert titles("escaner") == ["Escáner atascado"]  # the title, accents folded
        assert titles("alimentador") == ["Escáner atascado"]  # the description
        assert titles("murcielago") == ["Consulta general"]  # a comment
        assert titles("murciélago cable") == ["Consulta general"]
        assert titles("ornitorrinco") == []
        with migrated.engine.connect() as connection:
            # The target's own index, filled by its triggers as the rows went in.
            if inspect(connection).has_table("case_search"):
                indexed = connection.execute(text("SELECT count(*) FROM case_search")).scalar()
                assert indexed == 2
    finally:
        migrated.dispose()


def test_the_log_stays_append_only_on_the_migrated_desk(demo, target):
    migrate(demo, target)
    migrated = target.open()
    try:
        for statement in ("UPDATE case_log SET note = 'rewritten'", "DELETE FROM case_log"):
            with pytest.raises(DBAPIError, match="append-only"), migrated.engine.begin() as c:
                c.execute(text(statement))
    finally:
        migrated.dispose()


def test_attachment_contents_arrive_in_the_targets_store_each_matching_its_hash(demo, target):
    report = migrate(demo, target)
    migrated = target.open()
    try:
        with migrated.engine.connect() as connection:
            digests = set(connection.execute(text("SELECT sha256 FROM attachment")).scalars())
    finally:
        migrated.dispose()
    assert report.files.contents == report.files.copied == len(digests) > 0
    assert report.files.folder == target.store().resolve()
    stored = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in blobs_in(target.store())}
    assert stored == {digest: digest for digest in digests}


# -- verification finds real differences -------------------------------------------------------


def test_a_changed_row_in_the_target_is_found_and_its_table_named(demo, target):
    migrate(demo, target)
    source, migrated = open_database(str(demo), create=False), target.open()
    try:
        assert [check.table for check in verify(source, migrated) if not check.ok] == []
        with migrated.engine.begin() as connection:
            connection.execute(text("UPDATE client SET name = name || '.' WHERE id = 2"))
        assert [check.table for check in verify(source, migrated) if not check.ok] == ["client"]
    finally:
        source.dispose()
        migrated.dispose()


def test_an_instant_one_microsecond_off_is_a_difference_a_figure_written_longer_is_not(
    demo, target
):
    migrate(demo, target)
    source, migrated = open_database(str(demo), create=False), target.open()
    try:
        if not target.on_server:  # SQLite keeps the figure's text: 40 and 40.000 are one figure
            with migrated.engine.begin() as connection:
                connection.execute(text(
                    "UPDATE contract SET total_units = CASE WHEN instr(total_units, '.') > 0 "
                    "THEN total_units || '000' ELSE total_units || '.000' END"
                ))  # fmt: skip
                changed = connection.execute(text("SELECT total_units FROM contract")).scalars()
                assert all(value.endswith("000") for value in changed)
        assert all(check.ok for check in verify(source, migrated))

        with migrated.engine.begin() as connection:
            first = connection.execute(select(EventRow.start_at).order_by(EventRow.id)).first()
            assert first is not None
            connection.execute(
                update(EventRow)
                .where(EventRow.start_at == first[0])
                .values(start_at=first[0] + timedelta(microseconds=1))
            )
        assert [c.table for c in verify(source, migrated) if not c.ok] == ["calendar_event"]
    finally:
        source.dispose()
        migrated.dispose()


def test_one_more_log_line_in_the_target_is_counted(demo, target):
    report = migrate(demo, target)
    source, migrated = open_database(str(demo), create=False), target.open()
    try:
        with migrated.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO case_log (case_id, at, actor_id, kind, note) "
                "SELECT case_id, at, actor_id, kind, 'extra' FROM case_log WHERE id = 1"
            ))  # fmt: skip
        (log,) = [check for check in verify(source, migrated) if not check.ok]
        assert (log.table, log.source_rows, log.target_rows) == (
            "case_log", counts_of(report)["case_log"], counts_of(report)["case_log"] + 1,
        )  # fmt: skip
    finally:
        source.dispose()
        migrated.dispose()


def test_a_target_that_changes_what_it_is_given_is_rolled_back_and_accepted_again(demo, target):
    """A target whose trigger rewrites client names: the copy does not verify, nothing is
    committed, no content is left; without the trigger the same target takes the desk."""
    prepared = open_database(target.address, files=target.files)  # the schema, no rows
    tamper = (
        [
            "CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN NEW.name := NEW.name || ' (copia)'; RETURN NEW; END $$",
            "CREATE TRIGGER tamper BEFORE INSERT ON client FOR EACH ROW EXECUTE FUNCTION tamper()",
        ]
        if prepared.dialect == "postgresql"
        else [
            "CREATE TRIGGER tamper AFTER INSERT ON client BEGIN "
            "UPDATE client SET name = name || ' (copia)' WHERE id = new.id; END"
        ]
    )
    with prepared.engine.begin() as connection:
        for statement in tamper:
            connection.execute(text(statement))

    with pytest.raises(ValidationError) as refused:
        migrate(demo, target)
    assert refused.value.code == "migrate.verify"
    assert "client differ" in str(refused.value) and "nothing was written" in str(refused.value)
    assert nothing_written(target)

    with prepared.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER tamper" + (" ON client" if target.on_server else "")))
    prepared.dispose()
    assert migrate(demo, target).ok


@pytest.mark.skipif(not PG_SERVER, reason="needs a PostgreSQL server (DESKTUI_TEST_PG)")
def test_text_keys_are_checksummed_in_the_same_order_under_a_servers_locale(demo, tmp_path):
    """A server whose collation puts 'a' before 'B' (ICU en-US) still reads ``setting`` in
    SQLite's byte order for the checksum."""
    with sqlite3.connect(demo) as connection:
        connection.executemany(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            [("B.x", "1"), ("a.x", "2"), ("_x", "3"), ("é", "4"), ("Z", "5")],
        )
    name = f"t_icu_{tmp_path.name[-8:].replace('-', '_')}"
    with _pg_admin() as server:
        server.execute(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu "
                       "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")  # fmt: skip
    try:
        url = make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
        report = migrate(demo, Target(url, tmp_path / "icu.files"))
        assert report.ok and counts_of(report)["setting"] >= 5
    finally:
        with _pg_admin() as server:
            server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# -- refusals change nothing -----------------------------------------------------------------------


def test_a_target_holding_a_desk_is_refused_and_left_as_it_was(demo, target):
    existing = open_database(target.address, files=target.files)
    admin.init_desk(UnitOfWork(existing), "someone")
    existing.dispose()
    before = rows_of(target.address)

    with pytest.raises(ValidationError) as refused:
        migrate(demo, target)
    assert refused.value.code == "migrate.not_empty"
    assert "desk_user" in str(refused.value) and "nothing was changed" in str(refused.value)
    assert rows_of(target.address) == before
    assert blobs_in(target.store()) == []


def test_a_target_with_tables_that_are_no_desks_is_refused_and_left_as_it_was(demo, target):
    engine = create_engine(to_url(target.address), poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoice (id integer PRIMARY KEY, total text)"))
        connection.execute(text("INSERT INTO invoice VALUES (1, '10.00')"))
    engine.dispose()
    with pytest.raises(ValidationError) as refused:
        migrate(demo, target)
    assert refused.value.code == "migrate.foreign" and "invoice" in str(refused.value)
    assert rows_of(target.address) == {"invoice": [(1, "10.00")]}


def test_a_damaged_attachment_content_is_refused_and_nothing_is_left_behind(demo, target):
    blobs = blobs_in(demo.parent / "demo.files")
    blobs[-1].write_bytes(b"not what was attached")
    with pytest.raises(ValidationError) as refused:
        migrate(demo, target)
    assert refused.value.code == "migrate.blob_damaged"
    assert blobs[-1].name in str(refused.value)
    assert nothing_written(target)


def test_a_missing_attachment_content_is_refused_before_the_target_is_touched(demo, target):
    blobs_in(demo.parent / "demo.files")[0].unlink()
    before = rows_of(target.address) if target.on_server else None
    with pytest.raises(ValidationError) as refused:
        migrate(demo, target)
    assert refused.value.code == "migrate.blobs_missing"
    if target.on_server:
        assert rows_of(target.address) == before == {}  # not even the schema
    else:
        assert not Path(target.address).exists()


def test_a_server_target_without_a_file_folder_is_refused_when_the_desk_has_attachments(
    demo, target
):
    if not target.on_server:
        pytest.skip("a SQLite target keeps its attachments beside its file")
    with pytest.raises(ValidationError) as refused:
        migrate(demo, Target(target.address, None))
    assert refused.value.code == "migrate.target_files" and "--files" in str(refused.value)
    assert rows_of(target.address) == {}


def test_a_title_longer_than_the_servers_column_is_named_before_the_server_refuses_it(demo, target):
    if not target.on_server:
        pytest.skip("SQLite stores text of any length")
    with sqlite3.connect(demo) as connection:
        connection.execute("UPDATE support_case SET title = ? WHERE id = 7", ("x" * 300,))
    with pytest.raises(ValidationError) as refused:
        migrate(demo, target)
    message = str(refused.value)
    assert refused.value.code == "migrate.too_long"
    assert "CS-000007" in message and "title" in message and "300" in message
    assert nothing_written(target)


def test_a_file_that_is_no_desk_is_refused_and_not_even_switched_to_wal(tmp_path, target):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE recipe (name text)")
    before = other.read_bytes()
    with pytest.raises(ValidationError) as refused:
        migrate(other, target)
    assert refused.value.code == "migrate.not_a_desk"
    assert other.read_bytes() == before
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hola\n" * 200)
    with pytest.raises(DomainError, match="is not a SQLite database"):
        migrate(text_file, target)
    with pytest.raises(NotFound, match="There is no desk at"):
        migrate(tmp_path / "missing.db", target)
    assert nothing_written(target)


def test_a_desk_is_not_migrated_onto_itself(demo):
    with pytest.raises(ValidationError) as refused:
        migrate(demo, Target(f"sqlite:///{demo}", None))
    assert refused.value.code == "migrate.same"


def test_an_unreachable_server_is_one_sentence_without_its_password(demo):
    with pytest.raises(DomainError) as refused:
        migrate(demo, Target("postgresql+psycopg://desk:s3cret@127.0.0.1:1/desk", Path("/x")))
    assert refused.value.code == "migrate.unreachable"
    assert "s3cret" not in str(refused.value) and "127.0.0.1" in str(refused.value)


def test_a_value_the_server_cannot_store_is_refused_in_a_sentence_naming_the_rows(demo, target):
    """A NUL character (the services refuse it, an old file may hold one): PostgreSQL's text
    cannot, and the refusal says which rows, with nothing left behind."""
    if not target.on_server:
        pytest.skip("SQLite stores a NUL character")
    with sqlite3.connect(demo) as connection:
        connection.execute("UPDATE case_comment SET body = ? WHERE id = 3", ("antes\x00después",))
    with pytest.raises(ValidationError) as refused:
        migrate(demo, target)
    message = str(refused.value)
    assert refused.value.code == "migrate.insert"
    assert message.startswith("The target refused case_comment row 1 … case_comment row ")
    assert "NUL" in message and "nothing was changed" in message
    assert nothing_written(target)
