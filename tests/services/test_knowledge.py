"""Similar solved cases (issue 21, seed 000: "una base de conocimientos para futuros
problemas similares"): the finished cases best matching a case, only among those the
person may see, never the case itself. Both engines."""

from __future__ import annotations

import time

import pytest

from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.services import knowledge

from .test_solutions_searched import finish
from .test_solutions_searched import solved as solved  # a fixture


# -- similar solved cases ---------------------------------------------------------------
@pytest.fixture
def knowledge_desk(desk, solved):
    """Beside ``solved``: a finished network case, a finished printer case of Globex
    (Gloria's client) in Soporte and another in Desarrollo, an open printer case
    (not solved: never offered) and the new case asking."""
    network = desk.open(title="Red lenta en la oficina", category="Redes")
    finish(desk, network.number, "Cambiamos el switch")
    globex = desk.open(title="Impresora atasca hojas", client="Globex Ltda")
    finish(desk, globex.number, "Resma húmeda: se cambió")
    dev = desk.open(
        by=desk.admin,
        title="Impresora del equipo atasca",
        client="Globex Ltda",
        area="Desarrollo",
        category="Errores",
    )
    finish(desk, dev.number, "Driver actualizado", by=desk.pedro)
    desk.open(title="Impresora atasca el papel otra vez")
    asking = desk.open(title="La impresora atasca el papel", description="Arruga las hojas")
    return {"solved": solved, "network": network, "globex": globex, "dev": dev, "asking": asking}


def similar(desk, actor, case, **kw) -> list[str]:
    return [s.number for s in knowledge.similar_cases(desk.uow(), actor, case.number, **kw)]


def test_similar_cases_are_the_finished_ones_best_matching_first_never_the_case_itself(
    desk, knowledge_desk
):
    k = knowledge_desk
    found = knowledge.similar_cases(desk.uow(), desk.admin, k["asking"].number)
    numbers = [s.number for s in found]
    assert numbers[0] == k["solved"].number
    assert set(numbers) == {k["solved"].number, k["globex"].number, k["dev"].number}
    assert found[0].solution_first_line == "Reemplazamos el fusor quemado"
    assert found[0].score > found[1].score >= found[2].score >= 0
    # A solved case asks too, and is never its own answer
    assert k["solved"].number not in similar(desk, desk.admin, k["solved"])
    assert similar(desk, desk.admin, k["asking"], limit=1) == [k["solved"].number]


def test_only_cases_the_person_may_see_are_offered_as_similar(desk, knowledge_desk):
    k = knowledge_desk
    everyone = {k["solved"].number, k["globex"].number, k["dev"].number}
    assert set(similar(desk, desk.sofia, k["asking"])) == everyone - {k["dev"].number}
    assert set(similar(desk, desk.maria, k["asking"])) == {k["solved"].number}
    with pytest.raises(
        PermissionDenied, match="no case"
    ):  # Globex's client may not see the case asking
        similar(desk, desk.gloria, k["asking"])
    assert similar(desk, desk.gloria, k["globex"]) == [k["dev"].number]  # her account's
    with pytest.raises(PermissionDenied, match="no case"):
        similar(desk, desk.pedro, k["asking"])
    assert similar(desk, desk.pedro, k["dev"]) == []  # his area's one is the case itself


@pytest.mark.parametrize(
    "title",
    [
        'impresora" OR papel NOT {title} : NEAR(a b) *',
        "[bold]impresora[/bold] -papel ^atasca AND",
        "Impresión atascó el PAPEL \x1b[31m\t",
    ],
)
def test_query_syntax_typed_into_a_case_is_matched_as_words(desk, knowledge_desk, title):
    asking = desk.open(title=title)
    assert knowledge_desk["solved"].number in similar(desk, desk.admin, asking)


def test_a_case_of_only_short_or_common_words_has_no_similar_cases(desk, knowledge_desk):
    asking = desk.open(title="No es de la y el", description="a b c — ?? ¿¡ ok")
    assert similar(desk, desk.admin, asking) == []


def test_a_ten_thousand_character_description_is_matched_by_its_first_words_quickly(
    desk, knowledge_desk
):
    long = desk.open(title="Impresora", description=("fusor quemado rodillo " * 500)[:10_000])
    start = time.perf_counter()
    assert similar(desk, desk.admin, long)[0] == knowledge_desk["solved"].number
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("limit", [0, -1, 51, 2**63])
def test_a_limit_out_of_bounds_is_refused_in_a_sentence(desk, knowledge_desk, limit):
    with pytest.raises(ValidationError, match="from 1 to 50"):
        similar(desk, desk.admin, knowledge_desk["asking"], limit=limit)


@pytest.mark.sqlite_only  # PostgreSQL's ts_rank reads no more than the matches: no cut
def test_words_common_on_the_desk_are_left_out_and_the_rare_ones_decide(
    desk, knowledge_desk, monkeypatch
):
    """At a million cases a word in a tenth of the newest ones tells nothing apart and
    costs bm25() a read of every case holding it: such words are left out. Made small:
    a word in three of the newest cases is common here (the case asking counts)."""
    from deskTUI.store import similar_sql

    asking = desk.open(title="Impresora con fusor roto", description="Atasca papel")
    everything = set(similar(desk, desk.admin, asking))
    assert {knowledge_desk["globex"].number, knowledge_desk["dev"].number} <= everything
    monkeypatch.setattr(similar_sql, "COMMON_FLOOR", 3)
    # "impresora", "atasca", "papel" are in several cases; "fusor" in one solution
    assert similar(desk, desk.admin, asking) == [knowledge_desk["solved"].number]
