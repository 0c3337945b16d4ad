"""One case field table (domain/case_fields.py CASE_FIELDS, issue 19 item 4): the edit
form, the case view and ``desktui case show`` are drawn from it. Each of the three is
rendered here and must show every field of the table (``case show`` all but the ones it
names as never written), in its page's order: a field added to the table and left out by
one of them fails this test."""

from __future__ import annotations

from deskTUI.cli.render import SHOW_GENERAL, SHOW_OMITS, SHOW_OTHERS, SHOWN_ELSEWHERE, case_lines
from deskTUI.domain.case_fields import CASE_FIELDS, Joined, placed, shown_value
from deskTUI.domain.local_time import shown_local
from deskTUI.formats import figure
from deskTUI.i18n import _
from deskTUI.screens.case_sections import GENERAL_PAGE, OTHERS_PAGE
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.services import cases, records, views

from .conftest import make_app, settle

FILLED = {
    "group": "Grupo N2",
    "product": "Impresora HP",
    "case_class": "Incidente",
    "service": "Mesa de ayuda",
    "support_type": "Remoto",
    "progress": "40",
    "internal": "yes",
    "planned_start": "2026-03-09",
    "planned_close": "2026-03-20",
    "solution": "Cambiar el tóner",
    "estimate": "1h30m",
    "level": "3",
    "cost_per_hour": "12.50",
    "project": "Renovación",
    "sale_order": "OV-77",
    "chat_channel": "#soporte",
}
"""A value in every free field, each different, so a row is found by what it says."""


def _filled_case(desk, queue):
    case = queue[1]
    # A project and a service are records a case links to (issue 21), named as typed.
    records.add(desk.uow(), desk.admin, "project", FILLED["project"])
    records.add(desk.uow(), desk.admin, "service", FILLED["service"])
    cases.edit_case(desk.uow(), desk.admin, case.id, FILLED)
    return views.case_detail(desk.uow(), desk.sofia, case.id)


def _row_of(lines: list[str], label: str) -> int:
    found = [i for i, line in enumerate(lines) if line.strip().startswith(label)]
    assert found, f"no row {label!r} in:\n" + "\n".join(lines)
    return found[0]


def _label_of(key: str, layout) -> str:
    """The row label a page shows field ``key`` under (its own, or its joined row's)."""
    for entry in layout:
        if isinstance(entry, Joined) and key in entry.keys:
            return entry.label
    return next(f.label for f in CASE_FIELDS if f.key == key)


def _check_page(lines: list[str], layout, keys: list[str], detail, label=_) -> None:
    """Every field in ``keys`` has its row, showing its value, in the page's order."""
    at = []
    for key in keys:
        field = next(f for f in CASE_FIELDS if f.key == key)
        row = _row_of(lines, label(_label_of(key, layout)))
        value = figure(shown_value(detail.case, detail.names, field))  # a day: 3/9/2026
        assert str("—" if value in (None, "") else value) in lines[row], (key, lines[row])
        at.append(row)
    assert at == sorted(at), f"fields out of the page's order: {list(zip(keys, at, strict=True))}"


async def test_the_edit_form_asks_for_every_field_of_the_table_in_its_order(desk, queue):
    detail = _filled_case(desk, queue)
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(EditCaseScreen(detail.case, detail.names))
        await settle(pilot)
        labels = [str(label.render()) for label in app.screen.query(".form-row Label")]
        assert labels == [_(f.form_label) for f in CASE_FIELDS]
        for field in CASE_FIELDS:
            assert app.screen.query_one(f"#f-{field.key}")


async def test_the_case_view_shows_every_field_of_the_table_in_its_pages_order(desk, queue):
    detail = _filled_case(desk, queue)
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(CaseViewScreen(detail.case.id))
        await settle(pilot)
        for section, layout in (("General", GENERAL_PAGE), ("Others", OTHERS_PAGE)):
            body = str(app.screen.query_one(f"#{section.lower()}-body").render())
            keys = [f.key for f in CASE_FIELDS if f.section == section]
            assert sorted(placed(layout)) == sorted(keys), section
            _check_page(body.splitlines(), layout, placed(layout), detail)


def test_case_show_writes_every_field_of_the_table_but_the_ones_it_names(desk, queue):
    detail = _filled_case(desk, queue)
    lines = case_lines(detail, lambda moment: shown_local(moment) if moment else "—")
    every = {f.key for f in CASE_FIELDS}
    rows = placed(SHOW_GENERAL) + placed(SHOW_OTHERS)
    assert set(rows) | SHOWN_ELSEWHERE | SHOW_OMITS == every
    assert not set(rows) & (SHOWN_ELSEWHERE | SHOW_OMITS)
    case = detail.case
    general, others = lines.index("General"), lines.index("Others")

    def lower(label: str) -> str:
        return _(label).lower()

    _check_page(lines[general:others], SHOW_GENERAL, placed(SHOW_GENERAL), detail, lower)
    _check_page(lines[others:], SHOW_OTHERS, placed(SHOW_OTHERS), detail, lower)
    # The fields written outside the rows: the first two lines, the blocks, the totals.
    assert case.title in lines[0]
    assert f"{case.priority.value} priority" in lines[1] and detail.names["client"] in lines[1]
    assert "    Cambiar el tóner" in lines and "    Sale una hoja en blanco" in lines
    assert lines[_row_of(lines, "estimate")].split() == ["estimate", "1h30m"]
