"""Seed 004's day in Spanish (issue 20's "Done when"): a supervisor whose session says
LANG=es_MX.UTF-8 works the desk by keys only and types Spanish: opens a case (área, then
its categoría; cliente, then its contacto), assigns it (Registrado → Asignado), moves it to
En proceso, logs time, finishes it with a solution (Finalizado), reads the Bitácora and
finds it with a Spanish query; the client then answers the encuesta. Each step is checked
twice: on the desk (the services read codes: status == "finished") and on screen (Spanish
words, none of the UI's English: test_spanish_screens' word list)."""

from __future__ import annotations

import pytest

from deskTUI import i18n
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import AssignDialog, StatusDialog, SurveyDialog, TimeDialog
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.services import views
from deskTUI.services.case_list import read_query
from deskTUI.widgets.case_table import CaseTable

from .conftest import NAMED_KEYS, burst, delivered, make_app, settle
from .test_spanish_screens import english_in, screen_lines


@pytest.fixture
def mexican_session(monkeypatch):
    """The language as an SSH login with LANG=es_MX.UTF-8 gives it: no DESKTUI_LANG."""
    monkeypatch.delenv("DESKTUI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    language = i18n.resolve()
    i18n.use(language, i18n.resolve_locale(language))
    assert (i18n.current(), i18n.current_locale()) == ("es", "es_MX")
    yield
    i18n.use("en", "en")


def seen(app) -> str:
    """What the operator reads, after checking it shows no English word."""
    lines = screen_lines(app)
    found = english_in(lines)
    assert not found, "\n".join([*found, "", *lines])
    return "\n".join(lines)


async def keys(pilot, *typed: str) -> None:
    """Keys as a terminal delivers what a person types, in one burst: a name ("enter",
    "ctrl+s") or a text, letter by letter (the screens hold keys typed ahead of them)."""
    letters: list[str] = []
    for key in typed:
        named = key in NAMED_KEYS or key in ARROWS or key.startswith("ctrl+")
        letters += [key] if named else list(key)
    burst(pilot.app, *letters)
    await delivered(pilot)


ARROWS = ("down", "up", "right", "left")


def case_of(desk, case_id: int):
    return views.case_detail(desk.uow(), desk.sofia, case_id)


async def test_a_spanish_supervisor_opens_a_case_by_keys_area_then_category_client_then_contact(
    desk, mexican_session
):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen(app)
        await keys(pilot, "n")
        assert isinstance(app.screen, NewCaseScreen)
        text = seen(app)
        assert all(word in text for word in ("Área", "Categoría", "Cliente", "Contacto"))
        # Área: Soporte; its categorías only, Redes; cliente Acme SA; its contacto John Smith.
        await keys(pilot, "enter", "Soporte", "enter", "tab", "enter")
        offered = seen(app)  # the categorías of Soporte, none of Desarrollo's
        assert "Impresoras" in offered and "Errores" not in offered
        await keys(pilot, "Redes", "enter", "tab")
        await keys(pilot, "enter", "Acme", "enter", "tab", "enter")
        offered = seen(app)  # the contactos of Acme SA, none of Globex Ltda's
        assert "María Pérez" in offered and "Ana Gómez" not in offered
        await keys(pilot, "John", "enter", "tab")
        await keys(pilot, "Sin red en recepción", "tab", "tab", "Desde las 9, ningún equipo")
        seen(app)
        await keys(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseViewScreen)
        text = seen(app)
        assert "Registrado" in text and "Sin red en recepción" in text
        case_id = app.screen.case_id
    detail = case_of(desk, case_id)
    assert (detail.names["area"], detail.names["category"]) == ("Soporte", "Redes")
    assert (detail.names["client"], detail.names["contact"]) == ("Acme SA", "John Smith")
    assert detail.case.title == "Sin red en recepción"
    assert detail.case.description == "Desde las 9, ningún equipo"
    assert detail.case.status == "new"


async def test_seed_004s_day_in_spanish_from_registrado_to_finalizado_and_the_encuesta(
    desk, mexican_session
):
    """A case María (a client) opened, as seed 004's supervisor finds them in the list:
    the encuesta is offered to the client who opened the case (staff are offered none),
    so the day's case is hers."""
    case = desk.open(by=desk.maria, title="No imprime en color", category="Impresoras")
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(CaseViewScreen(case.id))
        await settle(pilot)
        assert "Registrado" in seen(app)

        await keys(pilot, "a")  # asignar: to herself, as seed 004 allows
        assert isinstance(app.screen, AssignDialog)
        seen(app)
        await keys(pilot, "sofia", "enter")
        assert case_of(desk, case.id).case.status == "assigned"
        assert "Asignado" in seen(app)

        await keys(pilot, "s")  # estado: En proceso
        assert isinstance(app.screen, StatusDialog)
        assert "En proceso" in seen(app)
        await keys(pilot, "enter", "enter")  # En proceso, no nota
        assert isinstance(app.screen, CaseViewScreen), seen(app)
        assert case_of(desk, case.id).case.status == "in_progress"
        assert "En proceso" in seen(app)

        await keys(pilot, "t")  # tiempo: 1 h 30 of diagnóstico
        assert isinstance(app.screen, TimeDialog)
        seen(app)
        await keys(pilot, "1h30", "tab", "Diagnóstico del cabezal", "enter")
        assert isinstance(app.screen, CaseViewScreen), seen(app)
        assert [e.minutes for e in case_of(desk, case.id).entries] == [90]

        await keys(pilot, "s")  # estado: Finalizado, with its solución
        assert "Finalizado" in seen(app)
        await keys(pilot, "down", "enter", "tab", "Cabezal limpiado y calibrado", "enter")
        assert isinstance(app.screen, CaseViewScreen), seen(app)
        detail = case_of(desk, case.id)
        assert detail.case.status == "finished"
        assert detail.case.solution == "Cabezal limpiado y calibrado"
        assert "Finalizado" in seen(app)

        # La Bitácora: the sixth tab, reached with the arrows from the tabs' bar; each tab
        # on the way (Actividades shows the time logged) reads Spanish too.
        tabs = {}
        for number in range(2, 7):
            await keys(pilot, "right")
            assert app.screen.query_one("#sections").active == f"tab-{number}"
            tabs[number] = seen(app)
        assert "Diagnóstico del cabezal" in tabs[2], tabs[2]
        log = tabs[6]
        for line in (
            "6 líneas",
            "Registrado → Asignado (sofia)",
            "Asignado → En proceso",
            "Tiempo: registró 1h30m",
            "Solución: Cabezal limpiado y calibrado",
            "En proceso → Finalizado",
        ):
            assert line in log, line

        # Back to the list, and a query in Spanish: the finished case, and it alone.
        await keys(pilot, "escape", "slash", "ctrl+a", "ctrl+k", "estado:finalizado", "enter")
        table = app.screen.query_one(CaseTable)
        assert table.total == 1 and table.highlighted.number == case.number
        found = seen(app)
        assert "estado:finalizado" in found and "Finalizado" in found
    assert read_query("estado:finalizado") == read_query("status:finished")

    # María, the client who opened it, is offered the encuesta when she logs in.
    client = make_app(desk, desk.maria)
    async with client.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(client.screen, SurveyDialog)
        offer = seen(client)
        assert f"¿Cómo lo hicimos en {case.number}?" in offer, offer
        await keys(pilot, "4", "Muy amables, gracias", "enter")
        assert not isinstance(client.screen, SurveyDialog)
        seen(client)
    with desk.uow() as uow:
        answer = uow.surveys.for_case(case.id)
    assert (answer.respondent_id, answer.score, answer.comment) == (
        desk.maria.id,
        4,
        "Muy amables, gracias",
    )
