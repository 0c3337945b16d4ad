"""The case's domain is split by concern (issue 19 item 5): each module under 500 lines,
and the names other modules import from ``deskTUI.domain.case`` still found there."""

from pathlib import Path

import pytest

import deskTUI.domain as domain
from deskTUI.domain import case, case_checks, case_fields, field_parsers

CASE_MODULES = ("case.py", "case_fields.py", "case_checks.py", "field_parsers.py")


@pytest.mark.parametrize("name", CASE_MODULES)
def test_each_module_of_the_case_domain_holds_under_500_lines(name: str) -> None:
    lines = (Path(domain.__file__).parent / name).read_text().count("\n")
    assert lines < 500, f"domain/{name} has {lines} lines"


def test_the_names_other_modules_import_from_domain_case_are_the_ones_defined_by_concern() -> None:
    assert case.FIELDS is case_fields.FIELDS
    assert case.FieldSpec is case_fields.FieldSpec
    assert case.check_bounds is case_fields.check_bounds
    for name in ("check_assignee", "check_open_fields", "check_works_in_area"):
        assert getattr(case, name) is getattr(case_checks, name)
    assert case.retitle_needs_asking is case_checks.retitle_needs_asking
    assert field_parsers.int_in("level", 0, 10)("7") == 7
