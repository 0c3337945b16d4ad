"""A free-text search matches only what the person searching may read (issue 17, item 1).

A client reads a case's title, description and public comments; internal notes
are for the staff who may read them (permissions VIEW_INTERNAL). Every way a
text search answers a person — the list (both read paths), its count, its
exclusions (``-word``), its relevance order and the saved views' counts — is
tried with every start of every word of an internal note, on both engines.
"""

from __future__ import annotations

import re

import pytest

from deskTUI.services import case_list, cases, saved_views, search
from deskTUI.store.list_reader import ListReader

NOTE = "El cliente owes 300 USD al banco; zzsecreto Qx y clave-Hunter2 en /etc/ñandú"
"""An internal note: words, a number, a one- and two-letter word, punctuation, accents."""
PUBLIC = "Cambiamos el tóner azul"
TITLE = "Impresora atascada"
DESCRIPTION = "Sale una hoja en blanco"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def starts(text: str) -> set[str]:
    """Every search a person could type to find a word of ``text``: each start of three
    letters or more, and the whole word when it is shorter (search_index.PREFIX_LENGTH)."""
    out = set()
    for word in words(text):
        if len(word) < 3:
            out.add(word)
        out |= {word[:n] for n in range(3, len(word) + 1)}
    return out


def fold(text: str) -> str:
    return text.translate(str.maketrans("áéíóúñü", "aeiounu"))


@pytest.fixture
def noted(desk):
    """A case of Acme SA opened by the agent luis, assigned to ana, with a public comment
    and an internal note; and a second case with the same public words and no note."""
    case = desk.open(by=desk.luis, title=TITLE, description=DESCRIPTION)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.comment_case(desk.uow(), desk.ana, case.number, PUBLIC, public=True)
    cases.comment_case(desk.uow(), desk.ana, case.number, NOTE)
    other = desk.open(title=TITLE, description=DESCRIPTION)
    cases.comment_case(desk.uow(), desk.sofia, other.number, PUBLIC, public=True)
    return case


def found(desk, actor, query: str, sort: str = "updated") -> set[int]:
    return {c.id for c in search.search_cases(desk.uow(), actor, query, sort=sort).cases}


def secret_starts() -> list[str]:
    """The starts of the note's words that start no word of what a client may read."""
    readable = {fold(w) for w in words(f"{TITLE} {DESCRIPTION} {PUBLIC}")}
    return sorted(s for s in starts(NOTE) if not any(w.startswith(fold(s)) for w in readable))


def test_a_client_recovers_no_word_start_of_an_internal_note(desk, noted):
    tried = secret_starts()
    assert {"owe", "zzs", "300", "qx", "y", "hunter2", "etc", "ñan"} <= set(tried)
    leaked = []
    for start in tried:
        for query, sort in (
            (start, "updated"),
            (start, "relevance"),
            (f"impresora {start}", "next"),
        ):
            if noted.id in found(desk, desk.maria, query, sort):
                leaked.append(f"{query!r} ({sort})")
        if noted.id not in found(desk, desk.maria, f"impresora -{start}"):
            leaked.append(f"-{start}")  # the note hid the case: that tells its words too
    assert leaked == []


def test_the_staff_who_may_read_the_note_find_the_case_by_each_of_its_words(desk, noted):
    for actor in (desk.admin, desk.sofia, desk.ana):
        for start in secret_starts():
            assert noted.id in found(desk, actor, start), (actor.login, start)
        assert noted.id not in found(desk, actor, "impresora -zzsecreto"), actor.login


def test_staff_who_only_opened_the_case_do_not_find_it_by_its_note(desk, noted):
    """luis opened it, ana has it: luis sees the case but may not read its notes."""
    assert noted.id in found(desk, desk.luis, "impresora")
    for start in ("owes", "zzsec", "hunter2", "qx"):
        assert noted.id not in found(desk, desk.luis, start), start
        assert noted.id in found(desk, desk.luis, f"impresora -{start}"), start
    sofia_reads = found(desk, desk.sofia, "zzsecreto tóner", "relevance")
    assert noted.id in sofia_reads  # a note word and a public word together


def test_a_client_finds_the_case_by_its_title_description_and_public_comments(desk, noted):
    for start in starts(f"{TITLE} {DESCRIPTION} {PUBLIC}"):
        assert noted.id in found(desk, desk.maria, start), start
    assert noted.id in found(desk, desk.maria, "toner azul impresora", "relevance")
    assert noted.id not in found(desk, desk.maria, "impresora -azul")


def test_the_lists_bare_read_path_and_counts_keep_notes_from_a_client(desk, noted):
    reader = ListReader.for_database(desk.uow().db)
    now = desk.clock()
    for start in ("owes", "zzsec", "qx", "hunter2"):
        page = case_list.case_page(reader, desk.maria, start, now=now, sort="relevance")
        assert [row.id for row in page.rows] == [], start
        assert case_list.case_count(reader, desk.maria, start, now=now).total == 0, start
        page = case_list.case_page(reader, desk.ana, start, now=now)
        assert noted.id in [row.id for row in page.rows], start
    mine = case_list.case_count(reader, desk.maria, "impresora -zzsecreto", now=now).total
    assert mine == case_list.case_count(reader, desk.maria, "impresora", now=now).total == 2


def test_a_saved_views_count_holds_no_case_found_by_a_note_the_client_may_not_read(desk, noted):
    saved_views.save_view(desk.uow(), desk.maria, "Secreto", "zzsecreto")
    saved_views.save_view(desk.uow(), desk.ana, "Secreto", "zzsecreto")
    counts = {v.name: v.count for v in saved_views.panel(desk.uow(), desk.maria)}
    assert counts["Secreto"] == 0
    counts = {v.name: v.count for v in saved_views.panel(desk.uow(), desk.ana)}
    assert counts["Secreto"] == 1


def test_a_note_made_public_is_found_by_the_client_and_a_public_comment_made_internal_is_not(
    db, desk, noted
):
    """The index follows a comment's visibility when it is changed outside the app."""
    from sqlalchemy import text

    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE case_comment SET visibility = 'public' WHERE body LIKE '%zzsecreto%'")
        )
    assert noted.id in found(desk, desk.maria, "zzsecreto")
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE case_comment SET visibility = 'internal' WHERE body = :body"),
            {"body": PUBLIC},
        )
    assert found(desk, desk.maria, "azul") == set()
    assert noted.id in found(desk, desk.ana, "azul")


def test_a_desk_made_at_the_previous_revision_gets_its_notes_apart_on_upgrade(db, desk, noted):
    """Revision 0010 makes the index again from the tables: a note written while the
    desk was at 0009 (one column of every comment) is out of a client's reach after it."""
    from alembic import command

    from deskTUI.store.database import HEAD_REVISION, current_revision
    from deskTUI.store.migrate import alembic_config, upgrade_to_head

    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    assert current_revision(db) == "0009"
    assert (
        index_columns(db) == ["title", "description", "comments"]
        if db.dialect == "sqlite"
        else [
            "case_id",
            "head",
            "talk",
        ]
    )
    # Written as the desk at 0009 holds them: today's services read columns of later
    # revisions (desk_user.language, 0011), so the rows go in through the table alone.
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from deskTUI.store.tables import CommentRow

    with db.engine.begin() as connection:
        for body, visibility in (
            ("zzviejo debe dinero", "internal"),
            ("limpiamos rodillo", "public"),
        ):
            connection.execute(
                insert(CommentRow.__table__).values(
                    case_id=noted.id,
                    author_id=desk.ana.id,
                    body=body,
                    visibility=visibility,
                    created_at=datetime(2026, 3, 2, 12, tzinfo=UTC),
                )
            )
    upgrade_to_head(db)
    assert current_revision(db) == HEAD_REVISION
    assert {"talk", "notes"} <= set(index_columns(db))  # (0015 adds the solution)
    for start in ("zzvie", "debe", "zzsecreto", "owes"):
        assert found(desk, desk.maria, start) == set(), start
        assert noted.id in found(desk, desk.ana, start), start
    assert noted.id in found(desk, desk.maria, "rodillo azul")


def index_columns(db) -> list[str]:
    with db.engine.connect() as connection:
        if db.dialect == "sqlite":
            rows = connection.exec_driver_sql("PRAGMA table_info(case_search)")
            return [row[1] for row in rows]
        rows = connection.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'case_search' ORDER BY ordinal_position"
        )
        return [row[0] for row in rows]


def test_each_person_finds_by_a_note_exactly_the_cases_whose_notes_they_may_read(desk):
    """The SQL's notes scope says what ``can(VIEW_INTERNAL)`` says, case by case, for
    every role: pool, assignee, area supervisor, reporter only, another area, a client."""
    from deskTUI.domain.permissions import Action, can

    made = [
        desk.open(title="Sin asignar"),
        desk.open(by=desk.luis, title="Abierto por Luis"),
        desk.open(title="De Ana"),
        desk.open(
            by=desk.diego,
            title="Error",
            area="Desarrollo",
            category="Errores",
            client="Globex Ltda",
        ),
        desk.open(by=desk.maria, title="De María"),
    ]
    cases.assign_case(desk.uow(), desk.sofia, made[1].number, "ana")
    cases.assign_case(desk.uow(), desk.sofia, made[2].number, "ana")
    cases.assign_case(desk.uow(), desk.admin, made[3].number, "pedro")
    cases.assign_case(desk.uow(), desk.sofia, made[4].number, "luis")
    for case in made:
        cases.comment_case(desk.uow(), desk.admin, case.number, "zznota interna")
    stored = search.search_cases(desk.uow(), desk.admin, "zznota").cases
    assert len(stored) == len(made)
    people = ("admin", "sofia", "diego", "ana", "luis", "pedro", "maria", "jorge", "gloria")
    for login in people:
        actor = getattr(desk, login)
        readable = {c.id for c in stored if can(actor, Action.VIEW_INTERNAL, c)}
        assert found(desk, actor, "zznota") == readable, login
        assert found(desk, actor, "zznota", "relevance") == readable, login


HOSTILE = [
    "notes:zzsecreto",
    "{notes}:zzsecreto",
    "{notes} : zzsecreto",
    "notes : zzsecreto",
    "- {title} : zzsecreto",
    "NEAR(zzsecreto owes)",
    '"zzsecreto"',
    "zzsecreto*",
    "^zzsecreto",
    "(zzsecreto) OR (impresora)",
    "impresora OR zzsecreto",
    "zzsecreto:*",
    "zzsecreto & owes",
    "!impresora | zzsecreto",
    "'zzsecreto':*",
]
"""FTS5 and tsquery syntax a client might type to reach the notes column."""


@pytest.mark.parametrize("text", HOSTILE)
def test_search_syntax_typed_by_a_client_cannot_reach_the_notes(desk, noted, text):
    from deskTUI.domain.errors import ValidationError

    try:
        listed = found(desk, desk.maria, text, "relevance")
    except ValidationError:
        return  # refused in a sentence: nothing found either
    assert noted.id not in listed


def ranked(desk, actor, query: str) -> list[int]:
    return [c.id for c in search.search_cases(desk.uow(), actor, query, sort="relevance").cases]


@pytest.fixture
def twins(desk):
    """Two cases luis opened and ana has (luis sees them, reads none of their notes): the
    first says tóner in its title and a comment, the second in a comment only, so the
    first ranks above it."""
    made = []
    for title in ("Tóner atascado", TITLE):
        case = desk.open(by=desk.luis, title=title, description=DESCRIPTION)
        cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
        cases.comment_case(desk.uow(), desk.ana, case.number, "tóner", public=True)
        made.append(case)
    return made


def test_the_words_of_a_note_one_may_not_read_do_not_move_a_case_in_the_relevance_order(
    desk, twins
):
    """The order is a channel too: on SQLite a note's words ranked a case higher for luis,
    who sees it and may not read its notes, so comparing two cases told which notes hold a
    word (a client's words never reach the notes column: the order was already theirs)."""
    first, second = twins
    before = {who.login: ranked(desk, who, "toner") for who in (desk.luis, desk.maria)}
    cases.comment_case(desk.uow(), desk.ana, second.number, " ".join(["tóner"] * 40))
    after = {who.login: ranked(desk, who, "toner") for who in (desk.luis, desk.maria)}
    assert after == before
    assert set(ranked(desk, desk.ana, "toner")) == {first.id, second.id}
