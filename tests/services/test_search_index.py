"""The case search index on both engines: kept in step by the database, rebuilt the same.

The services only ever add comments; a comment changed or removed by an
administrator's SQL, a bulk load or a migration between engines must still
leave the index saying what the tables say.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from deskTUI.domain.permissions import visibility_scope
from deskTUI.domain.query import parse_query
from deskTUI.services import search
from deskTUI.store import search_index
from deskTUI.store.list_sql import ListQuery


def titles(desk, query):
    return sorted(c.title for c in search.search_cases(desk.uow(), desk.admin, query).cases)


def execute(db, sql, **params):
    with db.engine.begin() as connection:
        connection.execute(text(sql), params)


def comment(desk, case, body):
    from deskTUI.services import cases

    cases.comment_case(desk.uow(), desk.sofia, case.number, body)


def test_a_comment_changed_or_removed_outside_the_app_is_searched_as_it_now_reads(db, desk):
    case = desk.open(title="Monitor sin imagen")
    comment(desk, case, "Probamos otro cable HDMI")
    comment(desk, case, "El cliente cambia la fuente")
    assert titles(desk, "hdmi fuente") == ["Monitor sin imagen"]
    execute(db, "UPDATE case_comment SET body = 'Probamos un cable VGA' WHERE body LIKE '%HDMI%'")
    assert titles(desk, "hdmi") == []
    assert titles(desk, "vga fuente") == ["Monitor sin imagen"]
    execute(db, "DELETE FROM case_comment WHERE body LIKE '%fuente%'")
    assert titles(desk, "fuente") == []
    assert titles(desk, "vga") == ["Monitor sin imagen"]


def test_a_rebuilt_index_finds_exactly_what_the_kept_index_found(db, desk):
    queries = ("impresora", "hdmi", "cliente fuente", "-impresora", "pc", "monit")
    desk.open(title="El PC no enciende", description="Ni la fuente")
    case = desk.open(title="Monitor sin imagen")
    comment(desk, case, "Probamos otro cable HDMI")
    comment(desk, case, "El cliente cambia la fuente")
    kept = {query: titles(desk, query) for query in queries}
    assert kept["cliente fuente"] == ["Monitor sin imagen"]
    with db.engine.begin() as connection:
        for statement in search_index.rebuild_sql(db.dialect):
            connection.exec_driver_sql(statement)
    assert {query: titles(desk, query) for query in queries} == kept


@pytest.mark.postgresql_only
@pytest.mark.parametrize("login", ["admin", "sofia", "ana", "maria"])
def test_a_word_search_on_a_server_is_read_through_the_gin_index(db, desk, login):
    """As each role searches: all of the text, some cases' notes, no notes (a client)."""
    desk.open(title="Impresora atascada")
    scope = visibility_scope(getattr(desk, login))
    for sort in ("updated", "relevance"):
        listed = ListQuery(parse_query("impre -zzz"), scope, {}, {}, "postgresql")
        sql = listed.page(sort, 0, 50)
        with db.engine.connect() as connection:
            # A handful of rows is cheaper to scan: forbid it, so the plan shows the index
            # is usable at all (the query must repeat the indexed expression exactly).
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = connection.exec_driver_sql(
                "EXPLAIN " + sql.text.replace("?", "%s"), tuple(sql.params)
            ).all()
        assert "ix_case_search_document" in "\n".join(row[0] for row in plan), sort


@pytest.mark.postgresql_only
def test_a_comment_past_the_servers_limit_on_one_vector_is_still_stored(db, desk):
    """1 MB of distinct words cannot make one tsvector: the comment is kept, unindexed."""
    desk.open(title="Registro enorme")
    words = " ".join(f"w{n:07d}x" for n in range(120_000))  # 1.3 MB, every word new
    execute(
        db,
        "INSERT INTO case_comment (case_id, author_id, body, visibility, created_at) "
        "SELECT id, (SELECT min(id) FROM desk_user), :body, 'public', created_at "
        "FROM support_case WHERE title = :title",
        body=words,
        title="Registro enorme",
    )
    with db.engine.connect() as connection:
        stored = connection.exec_driver_sql(
            "SELECT length(body) FROM case_comment WHERE body LIKE 'w0000000x%%'"
        ).scalar()
    assert stored == len(words)
    assert titles(desk, "registro") == ["Registro enorme"]
