"""The case edit form as data (screens/case_form.py), checked without a running app:
the text each field shows, what the form sends, where refusals go, who saved meanwhile."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from deskTUI.domain.case import Case
from deskTUI.domain.case_fields import CASE_FIELDS
from deskTUI.domain.enums import LogKind, Priority
from deskTUI.domain.log import LogEntry
from deskTUI.screens import case_form
from deskTUI.screens.case_form import (
    changed_labels,
    differs,
    draft_values,
    form_changes,
    form_key,
    initial_text,
    offers_of_area,
    offers_of_client,
    place_refusals,
    saved_since,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def a_case(**fields: object) -> Case:
    base: dict[str, object] = {
        "title": "Red lenta",
        "client_id": 1,
        "category_id": 3,
        "area_id": 2,
        "description": "Line one\nline two",
        "reporter_id": 9,
        "created_at": T0,
        "id": 42,
    }
    return Case(**{**base, **fields})  # type: ignore[arg-type]


def test_the_form_is_the_case_field_table_general_then_others() -> None:
    assert case_form.FORM == CASE_FIELDS
    assert [f.key for f in case_form.GENERAL + case_form.OTHERS] == [f.key for f in CASE_FIELDS]
    assert case_form.LOOKUPS == (
        "client", "contact", "area", "category", "coordinator", "service", "owner", "reviewer",
        "contract", "project",
    )  # fmt: skip


def test_each_field_shows_its_value_as_text_so_unchanged_is_a_string_comparison() -> None:
    case = a_case(
        estimate_minutes=90,
        internal=True,
        planned_start=date(2026, 3, 9),
        priority=Priority.HIGH,
        progress=40,
        group="Red\x1b]0;x",
    )
    assert initial_text(case, "estimate") == "1h30m"
    assert initial_text(case, "internal") == "yes"
    assert initial_text(case, "billable") == "no"
    assert initial_text(case, "planned_start") == "3/9/2026"  # as the operator writes a day
    assert initial_text(case, "planned_close") == ""
    assert initial_text(case, "priority") == "high"
    assert initial_text(case, "progress") == "40"
    assert initial_text(case, "group") == "Red\\x1b]0;x"  # shown, never obeyed
    assert initial_text(case, "description") == "Line one\nline two"  # several lines kept


def test_the_form_sends_only_the_texts_and_look_ups_the_operator_changed() -> None:
    case = a_case(contact_id=5)
    values = {k: initial_text(case, k) for k in ("title", "progress", "description")}
    values["progress"] = "40"
    lookups = {"client": 1, "contact": None, "owner": 7}
    assert form_changes(case, values, lookups) == {"progress": "40", "contact": "", "owner": 7}


def test_look_ups_not_loaded_yet_are_not_sent_as_cleared() -> None:
    case = a_case(contact_id=5)
    assert form_changes(case, {"title": "Red lenta"}, None) == {}


def test_a_draft_keeps_each_change_as_text() -> None:
    assert draft_values({"owner": 7, "contact": None, "title": "X"}) == {
        "owner": "7",
        "contact": "",
        "title": "X",
    }


def test_a_refusal_is_placed_under_the_forms_key_for_the_field_it_names() -> None:
    assert form_key("client_id") == "client"
    assert form_key("estimate_minutes") == "estimate"
    assert form_key("progress") == "progress"
    assert form_key(None) is None


def test_refusals_go_under_their_fields_the_rest_at_the_foot_the_first_in_the_form_first() -> None:
    refusals = [
        ("bad day", "planned_start"),
        ("too much", "progress"),
        ("lost race", None),
        ("no such", "nowhere"),
        ("too small", "progress"),
    ]
    beside, foot, first = place_refusals(refusals, lambda key: key != "nowhere")
    assert beside == {"planned_start": ["bad day"], "progress": ["too much", "too small"]}
    assert foot == ["lost race", "no such"]
    assert first == "progress"  # progress comes before planned start in the form


def test_two_versions_differ_field_by_field_as_the_form_shows_them() -> None:
    base = a_case(owner_id=3)
    theirs = replace(base, priority=Priority.HIGH, owner_id=4, pending_log=[])
    assert differs(base, theirs, "priority") and differs(base, theirs, "owner")
    assert not differs(base, theirs, "title")
    assert changed_labels(base, theirs) == ["Priority", "Owner"]


def test_who_saved_meanwhile_is_read_from_log_lines_newer_than_the_form_or_its_draft() -> None:
    def line(entry_id: int, actor: int, minutes: int) -> LogEntry:
        return LogEntry(
            case_id=42, at=T0 + timedelta(minutes=minutes), actor_id=actor, kind=LogKind.FIELD,
            id=entry_id,
        )  # fmt: skip

    detail = SimpleNamespace(
        log=[line(1, 1, 0), line(2, 2, 10), line(3, 3, 20)],
        logins={1: "ana", 2: "luis", 3: "sofia"},
        case=a_case(),
    )
    assert saved_since(detail, 2, None) == (["sofia"], T0 + timedelta(minutes=20))  # type: ignore[arg-type]
    drafted = T0 + timedelta(minutes=5)  # a draft written at 09:05: luis saved after it
    assert saved_since(detail, 3, drafted) == (["luis", "sofia"], T0 + timedelta(minutes=20))  # type: ignore[arg-type]
    assert saved_since(detail, 3, None) == ([], detail.case.updated_at)  # type: ignore[arg-type]


def test_contacts_contracts_and_categories_follow_the_client_and_the_area() -> None:
    choices = SimpleNamespace(
        contacts=[SimpleNamespace(id=1, name="Eva", client_id=1),
                  SimpleNamespace(id=2, name="Leo", client_id=2)],
        contracts=[SimpleNamespace(id=5, label="Bolsa 20 h", client_id=2)],
        categories=[SimpleNamespace(id=7, name="Redes", area_id=3)],
    )  # fmt: skip
    assert offers_of_client(choices, 2) == {
        "contact": [("Leo", 2)],
        "contract": [("Bolsa 20 h", 5)],
    }  # type: ignore[arg-type]
    assert offers_of_area(choices, 3) == {"category": [("Redes", 7)]}  # type: ignore[arg-type]
    assert offers_of_area(choices, 4) == {"category": []}  # type: ignore[arg-type]
