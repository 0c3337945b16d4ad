"""The Log tab reads as words (issue 18): "Estimate: 2h", not "estimate_minutes: 120"."""

from __future__ import annotations

from textual.widgets import DataTable

from deskTUI.services import cases

from .conftest import running_app


async def test_the_log_tab_names_fields_people_and_records_as_a_person_reads_them(desk, queue):
    number = queue[1].number
    cases.edit_case(
        desk.uow(),
        desk.sofia,
        number,
        {
            "estimate": "2h",
            "owner": "ana",
            "category": "Impresoras",
            "billable": True,
            "progress": 40,
        },
    )
    async with running_app(desk, desk.sofia, case_id=queue[1].id, size=(120, 40)) as (app, _):
        log = app.screen.query_one("#log-table", DataTable)
        said = [str(log.get_row_at(i)[2]) for i in range(log.row_count)]

    for words in (
        "Estimate: 2h",
        "Owner: ana",
        "Category: Redes → Impresoras",
        "Billable: no → yes",
        "Progress: 0 % → 40 %",
    ):
        assert words in said, said
    assert not [line for line in said if "_id" in line or "estimate_minutes" in line], said
