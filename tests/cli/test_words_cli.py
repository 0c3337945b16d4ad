"""The desk's vocabularies in the shell (issue 20): a person reads "En proceso" and "Alta"
in Spanish, scripts read the same codes (``in_progress``, ``high``) in both languages, and
an import takes either language's words."""

from __future__ import annotations

import pytest

from deskTUI import i18n


@pytest.fixture
def speak(monkeypatch):
    """Run the next commands in ``language`` (as ``DESKTUI_LANG`` chooses at start-up)."""

    def choose(language: str) -> None:
        monkeypatch.setenv("DESKTUI_LANG", language)

    yield choose
    i18n.use("en")


def _worked_case(shop) -> str:
    number = shop.working_case("--priority", "high")
    shop.ok("case", "edit", number, "--stage", "pending_data", "--origin", "social_media")
    shop.ok("case", "comment", number, "Revisé el cable", as_="ana")
    return number


def test_case_show_and_list_name_statuses_and_priorities_in_spanish(shop, speak):
    number = _worked_case(shop)
    speak("es")
    shown = shop.ok("case", "show", number).out
    assert "En proceso · prioridad Alta · Acme SA" in shown
    assert "Pendiente por datos" in shown and "Redes sociales" in shown
    assert "in_progress" not in shown and "pending_data" not in shown
    assert "Asignado → En proceso" in shown  # the log's transition
    assert "Pendiente por datos" in shown.split("Asignado → En proceso")[1]  # the stage's line
    listed = shop.ok("case", "list").out
    assert "En proceso" in listed and "Alta" in listed
    assert "in_progress" not in listed and " high " not in listed


def test_english_reads_the_words_with_spaces_not_the_codes(shop, speak):
    number = _worked_case(shop)
    speak("en")
    shown = shop.ok("case", "show", number).out
    assert "in progress · high priority · Acme SA" in shown
    assert "pending data" in shown and "social media" in shown
    assert "in_progress" not in shown


@pytest.mark.parametrize(
    "command", [("case", "show", "CS-000001"), ("case", "list"), ("case", "next")]
)
def test_json_is_the_same_bytes_in_spanish_and_in_english(shop, speak, command):
    _worked_case(shop)
    speak("es")
    spanish = shop.ok(*command, "--json", as_="ana").out
    assert "En proceso" not in spanish and "Alta" not in spanish
    speak("en")
    english = shop.ok(*command, "--json", as_="ana").out
    assert spanish == english
    assert '"in_progress"' in english


def test_the_spanish_move_and_role_sentences_name_the_words(shop, speak):
    number = shop.open_case()
    shop.ok("case", "assign", number, "ana", as_="sofia")
    speak("es")
    moved = shop.ok("case", "move", number, "in_progress", as_="ana").out
    assert "En proceso" in moved and "in_progress" not in moved
    users = shop.ok("user", "list").out
    assert "supervisor" in users and "agente" in users and "agent " not in users


def _csv(tmp_path, *rows: str):
    path = tmp_path / "cases.csv"
    header = "title,client,category,description,status,priority,stage,origin,assignee"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return str(path)


def test_an_import_takes_spanish_words_for_the_codes_and_stores_the_codes(shop, tmp_path):
    rows = _csv(
        tmp_path,
        "Uno,Acme SA,Impresoras,En español,En proceso,Alta,Pendiente por datos,Redes sociales,ana",
        "Dos,Acme SA,Impresoras,Sin acentos,en espera,CRITICA,no iniciada,telefono,ana",
        "Tres,Acme SA,Impresoras,Los códigos,assigned,low,,email,ana",
    )
    assert shop.ok("import", "cases", rows).out == "Imported 3 cases.\n"
    cases = {c["title"]: c for c in shop.json("case", "list")}
    assert (cases["Uno"]["status"], cases["Uno"]["priority"]) == ("in_progress", "high")
    assert (cases["Dos"]["status"], cases["Dos"]["priority"]) == ("on_hold", "critical")
    assert (cases["Tres"]["status"], cases["Tres"]["priority"]) == ("assigned", "low")
    uno, dos = shop.show(cases["Uno"]["number"]), shop.show(cases["Dos"]["number"])
    assert (uno["stage"], uno["origin"]) == ("pending_data", "social_media")
    assert (dos["stage"], dos["origin"]) == ("not_started", "phone")


def test_an_import_refuses_a_word_of_no_status_and_keeps_nothing(shop, tmp_path):
    rows = _csv(tmp_path, "Uno,Acme SA,Impresoras,Mal,Volando,Alta,,,ana")
    told = shop.run("import", "cases", rows)
    assert told.code == 1 and "Volando" in told.err and "Line 2" in told.err
    assert shop.json("case", "list") == []


def test_the_export_keeps_the_codes_whatever_the_language(shop, speak, tmp_path):
    _worked_case(shop)
    speak("es")
    exported = tmp_path / "out.csv"
    shop.ok("export", "cases", "--format", "csv", "--output", str(exported))
    text = exported.read_text(encoding="utf-8")
    assert ",in_progress,high," in text and "En proceso" not in text


@pytest.mark.parametrize("kind", ["sla", "response"])
def test_a_report_names_priorities_in_spanish_and_its_json_and_csv_keep_the_codes(
    shop, speak, kind
):
    _worked_case(shop)
    speak("es")
    table = shop.ok("report", kind).out
    assert "Crítica" in table and "Alta" in table and "critical" not in table
    document = shop.json("report", kind)
    assert [r["priority"] for r in document["rows"]] == ["critical", "high", "medium", "low"]
    cells = shop.ok("report", kind, "--format", "csv").out.splitlines()
    assert [line.split(",")[0] for line in cells[1:5]] == ["critical", "high", "medium", "low"]
    speak("en")
    assert shop.json("report", kind) == document


def test_the_contracts_report_and_contract_show_name_the_unit_in_spanish(shop, speak):
    speak("es")
    shown = shop.ok("contract", "show", shop.contract).out
    assert "horas" in shown and "hours" not in shown
    table = shop.ok("report", "contracts").out
    assert "horas" in table and "hours" not in table
    assert shop.json("report", "contracts")["rows"][0]["unit"] == "hours"


def test_a_person_types_the_words_of_either_language_where_a_code_is_asked(shop, speak):
    speak("es")
    number = shop.open_case("--priority", "Alta")
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.ok("case", "move", number, "en proceso", as_="ana")
    shop.ok("case", "edit", number, "--stage", "Pendiente por datos", "--origin", "teléfono")
    shop.ok("case", "edit", number, "--importance", "ALTA", "--complexity", "media")
    case = shop.show(number)
    assert (case["status"], case["priority"]) == ("in_progress", "high")
    assert (case["stage"], case["origin"]) == ("pending_data", "phone")
    assert (case["importance"], case["complexity"]) == ("high", "medium")
    assert [c["number"] for c in shop.json("case", "list", "--status", "En Proceso")] == [number]
    shop.ok("user", "set", "luis", "--role", "Administrador")
    roles = {u["login"]: u["role"] for u in shop.json("user", "list")}
    assert roles["luis"] == "admin"


def test_a_word_of_no_member_is_still_refused(shop, speak):
    speak("es")
    number = shop.open_case()
    told = shop.run("case", "move", number, "volando")
    assert told.code == 2 and "volando" in told.err
    told = shop.run("case", "edit", number, "--stage", "volando")
    assert told.code == 1 and "volando" in told.err
    assert shop.show(number)["stage"] == ""
