"""``desktui case show`` in the operator's language (issue 20: "a refusal and ``case show``
read in the operator's language"): every label, heading and counter sentence of the page,
and the yes/no of a flag, are Spanish for a Spanish operator; English reads as before.
"""

from __future__ import annotations

import re

import pytest

ENGLISH_WORDS = re.compile(
    r"\b(General|Activities|Others|Counters|Comments|description|billable|non-billable|"
    r"estimate|remaining|cost|files|events|tasks|pending|valid|rejected|planned|held|"
    r"completed|started|yes|contract balance|assignee|opened by|created|updated)\b"
)


@pytest.fixture
def case(shop):
    number = shop.working_case("--contract", shop.contract, "--billable", title="Impresora")
    shop.ok("time", "log", number, "--duration", "30m", "--billable", as_="ana")
    return number


def test_case_show_in_spanish_has_no_english_label_nor_flag(shop, case, monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")
    lines = shop.ok("case", "show", case).out.splitlines()
    labels = [line[:21] for line in lines if line.startswith("  ") and not line.startswith("    ")]
    headings = [line for line in lines if line and not line.startswith(" ")][1:]
    assert headings[:4] == ["Generales", "Actividades", "Otros", "Contadores"]
    assert [m.group(0) for text in labels + headings for m in ENGLISH_WORDS.finditer(text)] == []
    assert any(line.split()[-1] == "sí" for line in lines if "facturable" in line)
    counters = next(line for line in lines if line.lstrip().startswith("archivos"))
    assert "pendientes" in counters and "pending" not in counters


def test_case_show_in_english_keeps_its_words(shop, case):
    lines = shop.ok("case", "show", case).out.splitlines()
    assert {"General", "Activities", "Others", "Counters"} <= set(lines)
    assert any(line.split() == ["billable", "yes"] for line in lines)
    assert any(line.split()[:2] == ["files", "0"] and "pending" in line for line in lines)
