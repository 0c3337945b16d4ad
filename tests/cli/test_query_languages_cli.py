"""``desktui case list --query`` in Spanish and English (issue 20), on both engines."""

from __future__ import annotations

ISSUE_ES = (
    'estado:abierto prioridad:>=alta asignado:yo cliente:"Acme SA" área:Soporte creado:>=01/03/2026'
)
ISSUE_EN = (
    'status:open priority:>=high assignee:me client:"Acme SA" area:Soporte created:>=2026-03-01'
)


def numbers(shop, query: str) -> list[str]:
    return sorted(c["number"] for c in shop.json("case", "list", "--query", query, as_="ana"))


def test_the_issues_spanish_query_lists_what_the_english_one_lists(shop, monkeypatch):
    mine = shop.working_case("--priority", "high")
    shop.working_case("--priority", "low")
    shop.open_case("--priority", "critical")
    monkeypatch.setenv("DESKTUI_LANG", "es")
    spanish = numbers(shop, ISSUE_ES)
    monkeypatch.setenv("DESKTUI_LANG", "en")
    assert spanish == numbers(shop, ISSUE_EN) == [mine]
    assert numbers(shop, ISSUE_ES.replace("01/03/2026", "2026-03-01")) == [mine]


def test_a_wrong_query_word_is_refused_in_spanish_naming_the_spanish_choices(shop, monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")
    shop.refused(
        "case",
        "list",
        "--query",
        "estado:abiertx",
        says="En la consulta, 'estado:abiertx': 'abiertx' no es un estado (abierto, cerrado, "
        "registrado, asignado, en_proceso, en_espera, finalizado, cancelado)",
    )
    shop.refused(
        "case",
        "list",
        "--query",
        "creado:31/02/2026",
        says="En la consulta, 'creado:31/02/2026': '31/02/2026' no es una fecha (dd/mm/aaaa o "
        "aaaa-mm-dd)",
    )


def test_an_english_operator_is_refused_in_english_naming_the_english_choices(shop, monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "en")
    shop.refused(
        "case",
        "list",
        "--query",
        "estado:abiertx",
        says="In the query, 'estado:abiertx': 'abiertx' is not a status (open, closed, new, "
        "assigned, in_progress, on_hold, finished, cancelled)",
    )
