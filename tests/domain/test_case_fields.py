"""Field validation of a case and Case.edit: messages, all-or-nothing, the field log, who edits."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from deskTUI.domain.case import Case
from deskTUI.domain.enums import Importance, LogKind, Origin, Priority, Stage, Status
from deskTUI.domain.errors import CaseClosed, PermissionDenied, ValidationError
from deskTUI.domain.values import TITLE_MAX

from .conftest import CLIENT, PEOPLE, T0, at, make_case


def edit_refused(changes: dict, case: Case | None = None) -> ValidationError:
    """Edit as the area supervisor, expect a ValidationError, and check nothing changed."""
    case = case or make_case(Status.IN_PROGRESS)
    before = {name: getattr(case, name) for name in changes if hasattr(case, name)}
    with pytest.raises(ValidationError) as refused:
        case.edit(PEOPLE.supervisor, changes, at(hours=2))
    assert {name: getattr(case, name) for name in before} == before
    assert case.pending_log == []
    return refused.value


# -- text fields ----------------------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   ", None])
def test_a_title_is_required(title: str | None) -> None:
    error = edit_refused({"title": title})
    assert error.code == "text.required"
    assert str(error) == "The title is required"


def test_a_title_longer_than_the_maximum_is_refused() -> None:
    error = edit_refused({"title": "x" * (TITLE_MAX + 1)})
    assert error.code == "text.too_long"
    assert str(error) == "The title is 201 characters long; at most 200 are allowed"


def test_a_title_of_exactly_the_maximum_length_is_accepted() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"title": "x" * TITLE_MAX}, at(hours=2))
    assert case.title == "x" * TITLE_MAX


def test_a_title_is_stored_without_surrounding_blanks() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"title": "  Toner empty \n"}, at(hours=2))
    assert case.title == "Toner empty"


def test_a_description_is_required() -> None:
    error = edit_refused({"description": "  "})
    assert error.code == "text.required"
    assert str(error) == "The description is required"


@pytest.mark.parametrize("name", ["title", "description", "solution", "product"])
def test_a_nul_character_is_refused_in_any_text(name: str) -> None:
    error = edit_refused({name: "paper\x00jam"})
    assert error.code == "text.nul"
    assert "contains a NUL character" in str(error)


def test_other_control_characters_are_kept_as_data() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"description": "line one\nline\ttwo"}, at(hours=2))
    assert case.description == "line one\nline\ttwo"


def test_a_new_case_without_title_cannot_even_be_built() -> None:
    with pytest.raises(ValidationError) as refused:
        make_case(title="")
    assert refused.value.code == "text.required"


# -- numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "stored"), [(0, 0), ("100", 100), (" 55 ", 55), (37, 37)])
def test_progress_accepts_whole_numbers_from_0_to_100(raw: object, stored: int) -> None:
    case = make_case(Status.IN_PROGRESS, progress=10)
    case.edit(PEOPLE.assignee, {"progress": raw}, at(hours=2))
    assert case.progress == stored


@pytest.mark.parametrize("raw", [-1, 101, "150"])
def test_progress_outside_0_to_100_is_refused(raw: object) -> None:
    error = edit_refused({"progress": raw})
    assert error.code == "field.range"
    assert f"The progress must be from 0 to 100, not {int(raw)}" == str(error)


@pytest.mark.parametrize("raw", ["half", "12.5", "", None, 12.5])
def test_progress_that_is_not_a_whole_number_is_refused(raw: object) -> None:
    error = edit_refused({"progress": raw})
    assert error.code == "field.integer"
    assert str(error) == f"The progress {raw!r} is not a whole number"


@pytest.mark.parametrize("raw", [-1, 1001])
def test_the_level_lies_between_0_and_1000(raw: int) -> None:
    error = edit_refused({"level": raw})
    assert error.code == "field.range"
    assert str(error) == f"The level must be from 0 to 1000, not {raw}"


def test_the_level_bounds_are_accepted() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"level": 1000}, at(hours=2))
    assert case.level == 1000
    case.edit(PEOPLE.supervisor, {"level": "0"}, at(hours=3))
    assert case.level == 0


def test_an_estimate_may_be_cleared_but_not_negative() -> None:
    case = make_case(Status.IN_PROGRESS, estimate_minutes=120)
    case.edit(PEOPLE.assignee, {"estimate_minutes": ""}, at(hours=2))
    assert case.estimate_minutes is None
    error = edit_refused({"estimate_minutes": -5})
    assert error.code == "field.range"
    assert str(error) == "The estimate must be 0 or more, not -5"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("12.50", Decimal("12.50")), ("12,50", Decimal("12.50")), (0, Decimal(0)), (30, Decimal(30))],
)
def test_the_cost_per_hour_is_a_decimal_of_zero_or_more(raw: object, stored: Decimal) -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"cost_per_hour": raw}, at(hours=2))
    assert case.cost_per_hour == stored
    assert isinstance(case.cost_per_hour, Decimal)


def test_a_negative_cost_per_hour_is_refused() -> None:
    error = edit_refused({"cost_per_hour": "-0.01"})
    assert error.code == "decimal.too_small"
    assert str(error) == "The cost per hour must be at least 0, not -0.01"


@pytest.mark.parametrize("raw", ["ten", "NaN", "Infinity", ""])
def test_a_cost_per_hour_that_is_not_a_number_is_refused(raw: str) -> None:
    error = edit_refused({"cost_per_hour": raw})
    assert error.code == "decimal.invalid"
    assert str(error) == f"The cost per hour {raw!r} is not a number"


# -- choices, flags, dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "raw", "stored"),
    [
        ("priority", "HIGH", Priority.HIGH),
        ("priority", " critical ", Priority.CRITICAL),
        ("importance", Importance.LOW, Importance.LOW),
        ("stage", "pending_data", Stage.PENDING_DATA),
        ("stage", "", Stage.BLANK),
        ("origin", "phone", Origin.PHONE),
    ],
)
def test_a_choice_field_takes_its_codes_in_any_case(name: str, raw: object, stored: object) -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {name: raw}, at(hours=2))
    assert getattr(case, name) is stored


def test_a_priority_outside_the_list_is_refused_with_the_choices() -> None:
    error = edit_refused({"priority": "urgent"})
    assert error.code == "field.choice"
    assert str(error) == (
        "'urgent' is not a valid priority: choose one of low, medium, high, critical"
    )


def test_a_stage_outside_the_list_names_the_blank_choice_too() -> None:
    error = edit_refused({"stage": "done"})
    assert error.code == "field.choice"
    assert str(error) == (
        "'done' is not a valid stage: choose one of '', not_started, in_progress, completed, "
        "pending_data, delayed, planned, other_1, other_2, other_3"
    )


@pytest.mark.parametrize("name", ["importance", "complexity"])
def test_importance_and_complexity_have_three_levels(name: str) -> None:
    error = edit_refused({name: "critical"})
    assert error.code == "field.choice"
    assert str(error).endswith("choose one of low, medium, high")


@pytest.mark.parametrize("raw", [True, "yes", "Y", "1", "true", "on", "sí", "si"])
def test_yes_words_set_a_flag(raw: object) -> None:
    case = make_case(Status.IN_PROGRESS, internal=False)
    case.edit(PEOPLE.supervisor, {"internal": raw}, at(hours=2))
    assert case.internal is True


@pytest.mark.parametrize("raw", [False, "no", "N", "0", "false", "off", ""])
def test_no_words_clear_a_flag(raw: object) -> None:
    case = make_case(Status.IN_PROGRESS, billable=True)
    case.edit(PEOPLE.supervisor, {"billable": raw}, at(hours=2))
    assert case.billable is False


@pytest.mark.parametrize("raw", ["maybe", "2", "oui"])
def test_a_flag_refuses_other_words(raw: str) -> None:
    error = edit_refused({"billable": raw})
    assert error.code == "field.bool"
    assert str(error) == f"The billable flag must be yes or no, not {raw!r}"


def test_planned_dates_are_read_as_year_month_day() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(
        PEOPLE.supervisor,
        {"planned_start": "2026-03-02", "planned_close": datetime(2026, 3, 9, 17, 0)},
        at(hours=2),
    )
    assert case.planned_start == date(2026, 3, 2)
    assert case.planned_close == date(2026, 3, 9)


@pytest.mark.parametrize("raw", ["03/02/2026", "2026-13-01", "2026-02-30", "tomorrow"])
def test_a_date_not_written_year_month_day_is_refused(raw: str) -> None:
    error = edit_refused({"planned_start": raw})
    assert error.code == "field.date"
    assert str(error) == f"The planned start date {raw!r} is not a date: write YYYY-MM-DD"


def test_a_planned_close_before_the_planned_start_is_refused() -> None:
    error = edit_refused({"planned_start": "2026-03-10", "planned_close": "2026-03-09"})
    assert error.code == "case.dates"
    assert str(error) == (
        "The planned close date 2026-03-09 is before the planned start date 2026-03-10"
    )


def test_moving_only_the_close_before_the_existing_start_is_refused() -> None:
    case = make_case(Status.IN_PROGRESS, planned_start=date(2026, 3, 10))
    error = edit_refused({"planned_close": "2026-03-01"}, case)
    assert error.code == "case.dates"


def test_a_case_cannot_be_built_with_its_close_before_its_start() -> None:
    with pytest.raises(ValidationError) as refused:
        make_case(planned_start=date(2026, 3, 10), planned_close=date(2026, 3, 9))
    assert refused.value.code == "case.dates"


def test_the_same_start_and_close_day_is_accepted() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"planned_start": "2026-03-10", "planned_close": "2026-03-10"}, T0)
    assert case.planned_start == case.planned_close == date(2026, 3, 10)


# -- unknown fields -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["colour", "status", "id", "created_at", "closed_minutes"])
def test_a_field_that_is_not_editable_is_refused_naming_the_editable_ones(name: str) -> None:
    error = edit_refused({name: "x"})
    assert error.code == "field.unknown"
    message = str(error)
    assert message.startswith(f"{name!r} is not a field that can be edited (editable: title, ")
    assert "progress" in message
    assert "status," not in message


# -- all or nothing, and the log -----------------------------------------------------------


def test_a_bad_value_among_good_ones_changes_nothing_and_logs_nothing() -> None:
    case = make_case(Status.IN_PROGRESS, progress=10)
    error = edit_refused(
        {"title": "Toner empty", "priority": "high", "progress": 150, "level": 3}, case
    )
    assert error.code == "field.range"
    assert case.title == "Printer on floor 2 jams"
    assert case.priority is Priority.MEDIUM
    assert case.progress == 10
    assert case.level == 0


def test_dates_in_the_wrong_order_among_good_changes_change_nothing() -> None:
    case = make_case(Status.IN_PROGRESS)
    edit_refused(
        {"title": "Toner empty", "planned_start": "2026-03-10", "planned_close": "2026-03-01"}, case
    )
    assert case.title == "Printer on floor 2 jams"
    assert case.planned_start is None


def test_an_edit_logs_one_field_entry_per_field_that_really_changed() -> None:
    case = make_case(Status.IN_PROGRESS, progress=10)
    when = at(hours=2)

    changed = case.edit(
        PEOPLE.supervisor,
        {
            "title": "Printer on floor 2 jams",  # unchanged
            "priority": "high",
            "progress": "40",
            "billable": "yes",
            "planned_close": "2026-03-20",
            "cost_per_hour": "30",
        },
        when,
    )

    assert changed == ["priority", "progress", "billable", "planned_close", "cost_per_hour"]
    assert [(e.kind, e.field, e.old, e.new) for e in case.pending_log] == [
        (LogKind.FIELD, "priority", "medium", "high"),
        (LogKind.FIELD, "progress", "10", "40"),
        (LogKind.FIELD, "billable", "no", "yes"),
        (LogKind.FIELD, "planned_close", None, "2026-03-20"),
        (LogKind.FIELD, "cost_per_hour", "0", "30"),
    ]
    assert all(e.actor_id == PEOPLE.supervisor.id and e.at == when for e in case.pending_log)
    assert not any(e.is_transition for e in case.pending_log)
    assert case.updated_at == when


def test_an_edit_that_changes_nothing_returns_nothing_and_logs_nothing() -> None:
    case = make_case(Status.IN_PROGRESS, cost_per_hour=Decimal("30.00"))
    assert case.edit(PEOPLE.supervisor, {"priority": "MEDIUM", "cost_per_hour": "30"}, T0) == []
    assert case.pending_log == []
    assert case.updated_at == T0


# -- who edits what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("progress", 60),
        ("stage", "delayed"),
        ("solution", "Cleaned the rollers"),
        ("estimate_minutes", 240),
        ("complexity", "high"),
        ("product", "LaserJet 4000"),
        ("chat_channel", "#floor-2"),
    ],
)
def test_the_assignee_may_update_the_progress_fields(name: str, raw: object) -> None:
    case = make_case(Status.IN_PROGRESS)
    assert case.edit(PEOPLE.assignee, {name: raw}, at(hours=2)) == [name]


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("title", "Toner"),
        ("priority", "critical"),
        ("billable", "yes"),
        ("cost_per_hour", "99"),
        ("level", 5),
        ("client_id", 200),
        ("area_id", 8),
    ],
)
def test_the_assignee_may_not_edit_the_case_itself(name: str, raw: object) -> None:
    case = make_case(Status.IN_PROGRESS)
    with pytest.raises(PermissionDenied) as refused:
        case.edit(PEOPLE.assignee, {name: raw}, at(hours=2))
    assert refused.value.code == "permission.denied"
    assert str(refused.value) == (
        "alex (agent) may not edit CS-000042: only an admin or a supervisor of its area may"
    )
    assert case.pending_log == []


def test_a_forbidden_field_among_allowed_ones_changes_nothing() -> None:
    case = make_case(Status.IN_PROGRESS, progress=10)
    with pytest.raises(PermissionDenied):
        case.edit(PEOPLE.assignee, {"progress": 50, "title": "Toner"}, at(hours=2))
    assert case.progress == 10
    assert case.pending_log == []


@pytest.mark.parametrize("who", ["other_agent", "other_supervisor", "reporter", "stranger"])
def test_people_without_a_relation_may_not_even_update_the_progress(who: str) -> None:
    case = make_case(Status.IN_PROGRESS)
    actor = PEOPLE[who]
    with pytest.raises(PermissionDenied) as refused:
        case.edit(actor, {"progress": 50}, at(hours=2))
    assert refused.value.code == "permission.denied"
    assert f"may not update the progress of {case.number}" in str(refused.value)
    assert case.progress == 0


@pytest.mark.parametrize("who", ["admin", "supervisor"])
def test_managers_may_edit_any_field(who: str) -> None:
    case = make_case(Status.IN_PROGRESS)
    changed = case.edit(
        PEOPLE[who], {"title": "Toner", "priority": "low", "progress": 5}, at(hours=2)
    )
    assert changed == ["title", "priority", "progress"]


def test_a_finished_case_may_still_be_corrected() -> None:
    case = make_case(Status.FINISHED)
    case.edit(PEOPLE.supervisor, {"solution": "Replaced the roller and the fuser"}, at(days=2))
    assert case.solution == "Replaced the roller and the fuser"


def test_a_cancelled_case_refuses_edits() -> None:
    case = make_case(Status.CANCELLED, client_id=CLIENT)
    with pytest.raises(CaseClosed) as refused:
        case.edit(PEOPLE.admin, {"progress": 100}, at(days=2))
    assert refused.value.code == "case.cancelled"
    assert str(refused.value) == "CS-000042 is cancelled: a cancelled case is closed for good"
    assert case.progress == 0
    assert case.pending_log == []


def test_a_yes_or_no_is_not_a_progress_figure() -> None:
    error = edit_refused({"progress": True})
    assert error.code == "field.integer"


@pytest.mark.parametrize("text", ["20260302", "2026-W10-1", "2/3/2026", "2026-3-2"])
def test_a_planned_date_must_be_written_year_month_day(text):
    case = make_case()
    with pytest.raises(ValidationError, match="write YYYY-MM-DD") as error:
        case.edit(PEOPLE["supervisor"], {"planned_start": text}, at(5))
    assert error.value.code == "field.date"
    assert case.planned_start is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "ok", "progress": 150}, "progress"),
        ({"level": "mucho"}, "level"),
        ({"planned_start": "2026-03-10", "planned_close": "2026-03-01"}, "planned_close"),
        ({"priority": "urgentísimo"}, "priority"),
    ],
)
def test_a_refused_edit_names_the_field_it_is_about(changes: dict, field: str) -> None:
    """Forms put the sentence next to that field, so the refusal must say which it is."""
    assert edit_refused(changes, make_case(Status.IN_PROGRESS)).field == field
