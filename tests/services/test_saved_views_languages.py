"""Saved views whatever language saved them (issue 20): a view keeps the query's meaning
in canonical English, runs the same for a Spanish and an English operator, and each
reads it in their own words. Real desks on both engines."""

from __future__ import annotations

import pytest

from deskTUI import i18n
from deskTUI.domain.errors import ValidationError
from deskTUI.services import saved_views, search
from deskTUI.services.common import stored_id


def views(desk, actor) -> dict[str, saved_views.ViewCount]:
    return {v.name: v for v in saved_views.panel(desk.uow(), actor)}


def stored(desk, actor) -> dict[str, str]:
    with desk.uow() as uow:
        return dict(uow.saved_views.for_user(stored_id(actor)))


def listed(desk, actor, query: str) -> list[str]:
    return sorted(c.number for c in search.search_cases(desk.uow(), actor, query).cases)


def test_a_view_saved_in_spanish_is_kept_in_english_and_lists_the_same_cases_for_everyone(desk):
    urgent = desk.open(title="Urgente", priority="high")
    desk.open(title="Tranquilo", priority="low")
    i18n.use("es")
    # 01/04/2026 is 1 April to the Spanish operator (the desk's cases are of 2 March); read
    # month first, as an English operator would, it is January 4 and lists nothing.
    typed = "estado:abierto prioridad:>=alta creado:<=01/04/2026"
    saved_views.save_view(desk.uow(), desk.ana, "Prioridad alta", typed)
    assert stored(desk, desk.ana) == {
        "Prioridad alta": "status:open prio:>=high created:<=2026-04-01"
    }
    spanish = views(desk, desk.ana)["Prioridad alta"]
    assert spanish.query == typed
    assert listed(desk, desk.ana, spanish.query) == [urgent.number]
    i18n.use("en")
    english = views(desk, desk.ana)["Prioridad alta"]
    assert english.query == "status:open prio:>=high created:<=2026-04-01"
    assert listed(desk, desk.ana, english.query) == [urgent.number]
    assert spanish.count == english.count == 1


def test_a_view_saved_in_english_before_runs_for_a_spanish_operator_in_spanish_words(desk):
    desk.open(title="Urgente", priority="critical")
    with desk.uow() as uow:  # as every view was saved before issue 20: the typed English
        uow.saved_views.put(
            stored_id(desk.ana), "Old", "status:open prio:>=high assignee:none created:>=2026-03-01"
        )
        uow.commit()
    i18n.use("es")
    old = views(desk, desk.ana)["Old"]
    assert (old.refusal, old.count) == (None, 1)
    assert old.query == "estado:abierto prioridad:>=alta asignado:nadie creado:>=01/03/2026"
    built_in = views(desk, desk.ana)["My queue"]
    assert built_in.query == "estado:abierto asignado:yo"


def test_a_wrong_word_in_a_view_is_refused_in_spanish_naming_the_spanish_choices(desk):
    i18n.use("es")
    with pytest.raises(ValidationError) as refused:
        saved_views.save_view(desk.uow(), desk.ana, "Rota", "estado:abiertx")
    assert i18n.error_text(refused.value) == (
        "En la consulta, 'estado:abiertx': 'abiertx' no es un estado (abierto, cerrado, "
        "registrado, asignado, en_proceso, en_espera, finalizado, cancelado)"
    )
    assert stored(desk, desk.ana) == {}


def test_a_view_no_text_can_rewrite_is_kept_and_shown_as_typed(desk):
    """``a"b"`` is the word ``a"b``: written back it leaves one quotation mark open."""
    i18n.use("es")
    saved_views.save_view(desk.uow(), desk.ana, "Comillas", 'estado:abierto a"b"')
    assert stored(desk, desk.ana) == {"Comillas": 'estado:abierto a"b"'}
    view = views(desk, desk.ana)["Comillas"]
    assert (view.query, view.refusal, view.count) == ('estado:abierto a"b"', None, 0)
