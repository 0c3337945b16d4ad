"""``desktui survey``: templates per category (admins), a case's survey answered question
by question, and ``report surveys`` (issue 21, seed 004), on both engines."""

from __future__ import annotations

import json


def _template(shop) -> None:
    made = shop.json("survey", "template", "add", "Impresoras")
    assert made["name"] == "Impresoras"
    for args in (
        ("--kind", "scale", "--text", "¿Qué tan rápido fue?", "--required"),
        ("--kind", "yes_no", "--text", "¿Se resolvió?", "--required"),
        ("--kind", "choice", "--text", "¿Cómo nos contactó?", "--option", "Teléfono",
         "--option", "Correo", "--option", "Chat"),
    ):  # fmt: skip
        shop.ok("survey", "template", "question", "Impresoras", *args)
    shop.ok("survey", "template", "attach", "Impresoras", "--category", "Impresoras")


def _finished(shop) -> str:
    number = shop.open_case(as_="maria")
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.ok("case", "move", number, "in_progress", as_="ana")
    shop.ok("case", "move", number, "finished", "--solution", "Tóner nuevo", as_="ana")
    return number


def test_an_admin_attaches_a_template_and_the_client_answers_its_three_questions(shop, tmp_path):
    shop.refused("survey", "template", "add", "Otra", as_="sofia", contains="manage areas")
    _template(shop)
    listed = shop.json("survey", "template", "list", as_="sofia")["templates"]
    assert [(t["name"], t["default"], t["categories"]) for t in listed] == [
        ("Satisfaction", True, []),
        ("Impresoras", False, ["Soporte / Impresoras"]),
    ]
    assert [q["kind"] for q in listed[1]["questions"]] == ["scale", "yes_no", "choice"]
    assert [q["code"] for q in listed[0]["questions"]] == ["score", "comment"]
    number = _finished(shop)
    asked = shop.json("survey", "questions", number, as_="maria")["questions"]
    assert [(q["position"], q["required"]) for q in asked] == [(1, True), (2, True), (3, False)]
    for answers, says in (
        (("1=5",), "Question 2 needs an answer"),
        (("1=5", "2=quizás"), "Question 2 is answered yes or no, not 'quizás'"),
        (("1=9223372036854775808", "2=yes"), "Question 1 is answered with a whole number from "
         "1 to 5, not '9223372036854775808'"),
        (("1=5", "2=yes", "3=[bold]Fax"), "Question 3 is answered with one of its options "
         "(Teléfono, Correo, Chat), not '[bold]Fax'"),
        (("1=5", "2=yes", "9=x"), "The survey has no question 9: its questions are 1 to 3"),
        (("5",), "An answer is written N=VALUE (the question's number, =, the answer), not '5'"),
    ):  # fmt: skip
        args = [a for answer in answers for a in ("--answer", answer)]
        shop.refused("survey", "answer", number, *args, as_="maria", says=says)
    shop.refused("survey", "answer", number, "--answer", "1=5", "--answer", "2=yes",
                 as_="sofia", contains="may not answer the survey")  # fmt: skip
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"1": 4, "2": "sí", "3": "2"}}), encoding="utf-8")
    answered = shop.json("survey", "answer", number, "--file", str(answers), as_="maria")
    assert answered["case"] == number and answered["score"] == 4
    assert answered["answers"] == [
        {"question": 1, "value": "4"},
        {"question": 2, "value": "yes"},
        {"question": 3, "value": "Correo"},
    ]
    shop.refused("survey", "answer", number, "--answer", "1=5", "--answer", "2=no",
                 as_="maria", contains="already answered")  # fmt: skip
    # The case's survey as answered: the client and the staff who see the case.
    for who in ("maria", "sofia"):
        shown = shop.json("survey", "show", number, as_=who)
        assert (shown["answered"], [(a["question"], a["kind"], a["value"]) for a in shown["answers"]]) == (
            True, [(1, "scale", "4"), (2, "yes_no", "yes"), (3, "choice", "Correo")],
        )  # fmt: skip
    assert shop.ok("survey", "show", number, as_="sofia").out.splitlines()[1:] == [
        "1  ¿Qué tan rápido fue?  4",
        "2  ¿Se resolvió?         yes",
        "3  ¿Cómo nos contactó?   Correo",
    ]
    shop.refused("survey", "show", number, as_="gloria", contains=number)
    # Its questions stay as they were asked, once answered.
    shop.refused("survey", "template", "question", "Impresoras", "--kind", "text", "--text",
                 "Más", contains="already answered")  # fmt: skip

    found = shop.json("report", "surveys", as_="sofia")
    assert found["report"] == "surveys" and found["by"] == "category"
    assert [
        (r["category"], r["question"], r["kind"], r["answer"], r["answers"], r["average"])
        for r in found["rows"]
    ] == [
        ("Impresoras", 1, "scale", None, 1, "4.00"),
        ("Impresoras", 1, "scale", "4", 1, None),
        ("Impresoras", 2, "yes_no", None, 1, None),
        ("Impresoras", 2, "yes_no", "yes", 1, None),
        ("Impresoras", 3, "choice", None, 1, None),
        ("Impresoras", 3, "choice", "Correo", 1, None),
    ]
    # The satisfaction report counts the template's scale answer as the score.
    satisfaction = shop.json("report", "satisfaction", "--by", "category", as_="sofia")
    assert [(r["category"], r["answers"], r["average"]) for r in satisfaction["rows"]] == [
        ("Impresoras", 1, "4.00")
    ]
    shop.refused("report", "surveys", as_="maria", contains="see reports")


def test_a_category_without_a_template_asks_the_default_survey_and_case_survey_still_works(shop):
    number = _finished(shop)
    shop.ok("case", "survey", number, "--score", "2", "--comment", "Lento", as_="maria")
    rows = shop.json("report", "surveys", "--by", "month", as_="sofia")["rows"]
    assert [(r["question"], r["kind"], r["answer"], r["answers"]) for r in rows] == [
        (1, "scale", None, 1),
        (1, "scale", "2", 1),
        (2, "text", None, 1),
    ]


def test_an_answers_file_that_is_no_survey_is_refused_in_a_sentence(shop, tmp_path):
    number = _finished(shop)
    assert shop.ok("survey", "show", number, as_="maria").out == (
        f"The survey of {number} is not answered.\n"
    )
    big = tmp_path / "big.json"
    big.write_text('{"1": "' + "5" * 1_000_001 + '"}', encoding="utf-8")
    for path, says in (
        (str(big), f"The answers file {big} cannot be read as JSON: more than 1,000,000 bytes"),
        (
            "/dev/zero",
            "The answers file /dev/zero cannot be read as JSON: more than 1,000,000 bytes",
        ),
        (str(tmp_path / "none.json"), "cannot be read as JSON"),
    ):
        shop.refused("survey", "answer", number, "--file", path, as_="maria", contains=says)


def test_a_spanish_reader_sees_yes_no_answers_and_question_kinds_in_words_json_keeps_codes(
    shop, monkeypatch
):
    _template(shop)
    number = _finished(shop)
    shop.ok("survey", "answer", number, "--answer", "1=4", "--answer", "2=yes", as_="maria")
    monkeypatch.setenv("DESKTUI_LANG", "es")
    report = shop.ok("report", "surveys", as_="sofia").out
    assert "sí/no" in report and "escala 1–5" in report
    assert "yes" not in report.replace("yes/no", "")
    assert any(" sí " in line for line in report.splitlines() if "¿Se resolvió?" in line)
    shown = shop.ok("survey", "show", number, as_="sofia").out
    assert [line.split()[-1] for line in shown.splitlines() if "¿Se resolvió?" in line] == ["sí"]
    questions = shop.ok("survey", "questions", number, as_="maria").out
    assert "sí/no" in questions and "escala 1–5" in questions
    found = shop.json("report", "surveys", as_="sofia")["rows"]
    assert {(r["kind"], r["answer"]) for r in found if r["question"] == 2} == {
        ("yes_no", None),
        ("yes_no", "yes"),
    }
