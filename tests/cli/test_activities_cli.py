"""Issue 21 (ACTIVITIES): seed 001's activity from the shell, on both engines: its
executor (a supervisor logs for her agent, an agent only for herself), its article (one
list with the cases' product/article, read only where the reader may see), ``--json``."""

from __future__ import annotations


def test_a_supervisor_logs_an_agents_activity_with_an_article_and_changes_it(shop):
    number = shop.working_case()
    shop.ok("case", "edit", number, "--product", "Fusor HP 4015", as_="sofia")
    logged = shop.json(
        "time", "log", number, "--date", "2026-03-02", "--start", "09:00", "--end", "10:30",
        "--note", "Cambio del fusor", "--executor", "ana", "--article", "Fusor HP 4015",
        as_="sofia",
    )  # fmt: skip
    assert (logged["minutes"], logged["article"], logged["work_date"]) == (
        90,
        "Fusor HP 4015",
        "2026-03-02",
    )
    (entry,) = shop.json("time", "list", number)["entries"]
    assert (entry["executor"], entry["article"], entry["id"]) == (
        "ana",
        "Fusor HP 4015",
        logged["id"],
    )
    text = shop.ok("time", "list", number).out.splitlines()
    assert "Fusor HP 4015" in text[1] and "ARTICLE" in text[0]
    assert "Cambio del fusor · Fusor HP 4015" in shop.ok("case", "show", number).out
    changed = shop.json(
        "time", "edit", str(logged["id"]), "--article", "Bandeja 2", "--executor", "luis",
        as_="sofia",
    )  # fmt: skip
    assert (changed["article"], changed["minutes"], changed["id"]) == (
        "Bandeja 2",
        90,
        logged["id"],
    )
    (entry,) = shop.json("time", "list", number)["entries"]
    assert (entry["executor"], entry["article"]) == ("luis", "Bandeja 2")
    assert "changed to 1h30m" in str(shop.show(number)["log"])


def test_an_agent_logs_only_for_herself(shop):
    number = shop.working_case()
    shop.refused(
        "time", "log", number, "--duration", "1h", "--executor", "luis", as_="ana",
        contains="ana (agent) may not edit",
    )  # fmt: skip
    logged = shop.json("time", "log", number, "--duration", "1h", as_="ana")
    shop.refused(
        "time", "edit", str(logged["id"]), "--executor", "luis", as_="ana",
        contains="ana (agent) may not edit",
    )  # fmt: skip


def test_the_articles_offered_are_those_in_use_on_the_cases_the_reader_sees(shop):
    printers = shop.working_case()
    shop.ok("case", "edit", printers, "--product", "Fusor HP 4015", as_="sofia")
    shop.ok("time", "log", printers, "--duration", "1h", "--article", "Bandeja 2", as_="ana")
    shop.ok("time", "log", printers, "--duration", "30m", "--article", "bandeja 2", as_="ana")
    hidden = shop.open_case(category="Errores", title="Error al facturar")
    shop.ok("case", "edit", hidden, "--product", "Módulo de nómina secreto")
    shop.ok(
        "user", "add", "pedro", "--role", "agent", "--name", "Pedro Gil", "--area", "Desarrollo"
    )
    assert shop.json("time", "articles", as_="sofia")["articles"] == [
        "Bandeja 2",
        "bandeja 2",
        "Fusor HP 4015",
    ]
    assert shop.json("time", "articles", as_="pedro")["articles"] == ["Módulo de nómina secreto"]
    assert "Fusor HP 4015" in shop.ok("time", "articles", as_="ana").out.splitlines()
    assert shop.json("time", "articles", as_="maria")["articles"] == [
        "Bandeja 2",
        "bandeja 2",
        "Fusor HP 4015",
        "Módulo de nómina secreto",
    ]


def test_a_comment_of_several_lines_comes_from_stdin_or_a_file(shop, monkeypatch, tmp_path):
    import io
    import sys

    number = shop.working_case()
    typed = "Revisé el fusor.\n\nPasos:\n  1. limpiar\n  2. calibrar\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(typed.encode())))
    shop.ok("case", "comment", number, "-", as_="ana")
    note = tmp_path / "nota.txt"
    note.write_bytes("Primera línea\r\nSegunda línea\r\n".encode())
    shop.ok("case", "comment", number, "--file", str(note), "--public", as_="sofia")
    shop.ok("case", "comment", number, "una\nsola llamada", as_="ana")
    comments = shop.show(number)["comments"]
    assert [c["body"] for c in comments] == [
        "Revisé el fusor.\n\nPasos:\n  1. limpiar\n  2. calibrar",
        "Primera línea\nSegunda línea",
        "una\nsola llamada",
    ]
    shop.refused("case", "comment", number, as_="ana", contains="Give the comment")
    shop.refused(
        "case", "comment", number, "--file", str(tmp_path / "no.txt"), as_="ana",
        contains="cannot be read",
    )  # fmt: skip
    shop.refused(
        "case", "comment", number, "texto", "--file", str(note), as_="ana", contains="not both"
    )
    note.write_bytes(b"caf\xe9 latin-1")
    shop.refused("case", "comment", number, "--file", str(note), as_="ana", contains="UTF-8")


def test_a_span_past_midnight_is_refused_with_how_to_log_it_as_two_activities(shop):
    number = shop.working_case()
    shop.refused(
        "time", "log", number, "--date", "2026-03-02", "--start", "23:00", "--end", "01:00",
        as_="ana", contains="for work past midnight, log two activities",
    )  # fmt: skip
    shop.ok(
        "time", "log", number, "--date", "2026-03-02", "--start", "23:00", "--end", "23:59",
        as_="ana",
    )  # fmt: skip
    shop.ok(
        "time", "log", number, "--date", "2026-03-03", "--start", "00:00", "--end", "01:00",
        as_="ana",
    )  # fmt: skip
    assert shop.json("time", "list", number)["total_minutes"] == 119
