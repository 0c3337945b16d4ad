"""Solutions are part of the full-text index (issue 21, seed 000; revision 0015): a word
only in a case's solution finds it, for those who may see the case. Both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from deskTUI.services import cases, search
from deskTUI.store.database import HEAD_REVISION, current_revision
from deskTUI.store.uow import UnitOfWork

SOLUTION = "Reemplazamos el fusor quemado\nY limpiamos el rodillo"


def finish(desk, number: str, solution: str, by=None) -> None:
    agent = by or desk.ana
    cases.assign_case(desk.uow(), desk.admin, number, agent.login)
    cases.move_case(desk.uow(), agent, number, "in_progress")
    cases.move_case(desk.uow(), agent, number, "finished", solution=solution)


def found(desk, actor, query: str) -> list[str]:
    return [c.number for c in search.search_cases(desk.uow(), actor, query).cases]


@pytest.fixture
def solved(desk):
    """Acme SA's printer case finished with a fuser's solution."""
    case = desk.open(title="Impresora atasca el papel", description="Hojas arrugadas al salir")
    finish(desk, case.number, SOLUTION)
    return case


def test_a_word_only_in_a_solution_finds_its_case_for_those_who_see_it(desk, solved):
    assert found(desk, desk.sofia, "fusor") == [solved.number]
    assert found(desk, desk.maria, "rodillo") == [solved.number]  # the client reads it
    assert found(desk, desk.sofia, "fus quemado") == [solved.number]  # starts of words too
    # Globex's client and Desarrollo's agent may not see the case: nothing
    assert found(desk, desk.gloria, "fusor") == []
    assert found(desk, desk.pedro, "fusor") == []


def test_a_changed_solution_is_searched_by_its_new_words_only(desk, solved):
    cases.move_case(desk.uow(), desk.sofia, solved.number, "in_progress", note="Volvió a fallar")
    cases.move_case(desk.uow(), desk.ana, solved.number, "finished", solution="Cambiamos el tóner")
    assert found(desk, desk.sofia, "toner") == [solved.number]
    assert found(desk, desk.sofia, "fusor") == []


def migrate(db, revision: str) -> None:
    from alembic import command

    from deskTUI.store.migrate import alembic_config

    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "head":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)


def test_cases_solved_before_revision_0015_are_found_by_their_solutions_after_it(desk, db, solved):
    migrate(db, "0014")
    with db.engine.begin() as connection:  # a solution written by the older deskTUI
        connection.execute(
            text("UPDATE support_case SET solution = 'Ajustamos el diafragma' WHERE id = :i"),
            {"i": solved.id},
        )
    migrate(db, "head")
    assert current_revision(db) == HEAD_REVISION
    uow = lambda: UnitOfWork(db, clock=desk.clock)  # noqa: E731
    hits = search.search_cases(uow(), desk.sofia, "diafragma").cases
    assert [c.number for c in hits] == [solved.number]
