"""``desktui report`` in the operator's language (issue 20): a Spanish supervisor reads the
report's title, headings and notes in Spanish and gets a CSV whose header row is in Spanish,
while its cells keep the codes (``hours``, ``all``) and ``--json`` stays as scripts read it.
"""

from __future__ import annotations

import csv
import io

import pytest

ENGLISH_KEYS = [
    "id",
    "contract",
    "client",
    "unit",
    "total_units",
    "used_units",
    "remaining_units",
    "percent_used",
    "level",
    "used_in_period",
]


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")


def test_a_spanish_csv_has_spanish_headers_and_english_codes_in_its_cells(shop, spanish):
    header, *rows = list(
        csv.reader(io.StringIO(shop.ok("report", "contracts", "--format", "csv").out))
    )
    assert header[:5] == ["id", "póliza", "cliente", "unidad", "unidades_totales"]
    assert len(header) == len(ENGLISH_KEYS) and set(header).isdisjoint(ENGLISH_KEYS[1:])
    assert all(" " not in word for word in header)  # a key: one word a spreadsheet can name
    unit = header.index("unidad")
    assert {row[unit] for row in rows} == {"hours"}  # the shop's contract: a code, not "horas"


def test_the_english_csv_header_is_the_columns_keys_as_before(shop):
    header = next(csv.reader(io.StringIO(shop.ok("report", "contracts", "--format", "csv").out)))
    assert header == ENGLISH_KEYS


def test_a_spanish_table_has_a_spanish_title_headings_and_notes(shop, spanish):
    lines = shop.ok("report", "contracts").out.splitlines()
    assert lines[0].startswith("Consumo de pólizas")
    assert "Póliza" in lines[1].split() and "Contract" not in lines[1]
    assert not any("Contracts running during the period" in line for line in lines)


def test_the_json_report_keeps_its_english_keys_and_title_in_spanish(shop, spanish):
    found = shop.json("report", "hours", "--by", "client")
    assert found["title"] == "Hours by client"
    assert found["rows"] == [] or "billable_minutes" in found["rows"][0]
    spanish_table = shop.ok("report", "hours", "--by", "client").out
    assert spanish_table.startswith("Horas por cliente")


def test_a_refused_report_day_names_the_field_in_spanish(shop, spanish):
    result = shop.refused("report", "weekly", "--from", "mañana")
    assert "primer día" in result.err.lower(), result.err
