"""An import moves history (issue 18 review): its moments are past and in order, or the
board, the reports and the agenda count cases opened in 2030 as work done."""

from __future__ import annotations

import io

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.i18n import error_text
from deskTUI.services import transfer

HEADER = "title,client,category,description,created_at,updated_at\n"


def imported(desk, created: str, updated: str) -> list[str]:
    row = f"Importado,Acme SA,Impresoras,Traído de otra mesa,{created},{updated}\n"
    return transfer.import_csv(desk.uow(), desk.admin, io.StringIO(HEADER + row))


def numbers(desk) -> set[int]:
    """The case ids the desk holds (the test desk has fewer than 100)."""
    with desk.uow() as uow:
        return uow.cases.existing(range(1, 100))


@pytest.mark.parametrize(
    ("created", "updated", "says"),
    [
        (
            "2030-01-01T10:00",
            "2030-01-02T10:00",
            "Line 2: created_at 2030-01-01T10:00+00:00 is after now: an import brings what "
            "has happened",
        ),
        (
            "2026-03-01T10:00",
            "9998-12-31T23:59",
            "Line 2: updated_at 9998-12-31T23:59+00:00 is after now: an import brings what "
            "has happened",
        ),
        (
            "2026-02-01T10:00",
            "2026-01-01T10:00",
            "Line 2: updated_at 2026-01-01T10:00+00:00 is before created_at 2026-02-01T10:00+00:00",
        ),
    ],
)
def test_an_imported_case_opened_or_updated_after_now_or_updated_before_it_opened_is_refused(
    desk, created, updated, says
):
    before = numbers(desk)
    with pytest.raises(ValidationError) as refused:
        imported(desk, created, updated)
    assert says in error_text(refused.value)
    assert numbers(desk) == before


def test_an_imported_case_within_the_tolerance_for_clocks_is_taken(desk):
    """The desk's clock reads 12:00; another desk's, 4 minutes ahead, is merely wrong."""
    assert imported(desk, "2026-03-02T12:04", "2026-03-02T12:04") != []
