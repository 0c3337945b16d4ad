"""The case's fields a person sets: how each is read and checked, and who may edit it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .enums import Complexity, Importance, Origin, Priority, Stage, Status
from .errors import concerning
from .field_parsers import (
    choice_of,
    in_calendar,
    int_in,
    iso_date,
    minutes_at_most,
    optional_int,
    text_field,
    yes_no,
)
from .limits import CEILINGS
from .permissions import Action
from .values import MONEY_MAX, MONEY_PLACES, WORK_MINUTES_MAX, check_amount, parse_decimal


@dataclass(frozen=True)
class FieldSpec:
    label: str
    parse: Callable[[Any], Any]
    permission: Action = Action.EDIT_CASE
    editable: bool = True
    bound: Callable[[Any], object] | None = None
    """What a person may send now, on the parsed value (money, quantities): checked where
    values are sent (an edit, a new case, an import: :func:`check_bounds`), not when a
    case loads, so a figure stored past it by an older version still loads and shows."""


def check_bounds(values: Mapping[str, object]) -> None:
    """Refuse, with the field named, a parsed value past what a person may send."""
    for name, value in values.items():
        spec = FIELDS.get(name)
        if spec is not None and spec.bound is not None and value is not None:
            with concerning(name):
                spec.bound(value)


P = Action.UPDATE_PROGRESS
FIELDS: dict[str, FieldSpec] = {
    # Title and description: the entity refuses past the ceilings; what the desk accepts
    # now (the admin's ``Limits``) is checked where people send them (``edit``, opening).
    "title": FieldSpec("title", text_field("title", required=True, max_len=CEILINGS.title_chars)),
    "description": FieldSpec(
        "description",
        text_field(
            "description",
            required=True,
            max_len=CEILINGS.description_bytes,
            max_bytes=CEILINGS.description_bytes,
        ),
    ),
    "client_id": FieldSpec("client", int_in("client", 1, None)),
    "category_id": FieldSpec("category", int_in("category", 1, None)),
    "area_id": FieldSpec("area", int_in("area", 1, None)),
    "contact_id": FieldSpec("contact", optional_int("contact")),
    "coordinator_id": FieldSpec("coordinator", optional_int("coordinator")),
    "owner_id": FieldSpec("owner", optional_int("owner")),
    "reviewer_id": FieldSpec("reviewer", optional_int("reviewer")),
    "contract_id": FieldSpec("contract", optional_int("contract")),
    "group": FieldSpec("group", text_field("group", max_len=120)),
    "product": FieldSpec("product", text_field("product", max_len=120), P),
    "case_class": FieldSpec("class", text_field("class", max_len=120), P),
    "service": FieldSpec("service", text_field("service", max_len=120), P),
    "support_type": FieldSpec("support type", text_field("support type", max_len=120), P),
    "priority": FieldSpec("priority", choice_of(Priority, "priority")),
    "importance": FieldSpec("importance", choice_of(Importance, "importance")),
    "stage": FieldSpec("stage", choice_of(Stage, "stage"), P),
    "progress": FieldSpec("progress", int_in("progress", 0, 100), P),
    "internal": FieldSpec("internal-case flag", yes_no("internal-case flag")),
    "origin": FieldSpec("origin", choice_of(Origin, "origin")),
    "planned_start": FieldSpec(
        "planned start date",
        iso_date("planned start date"),
        bound=in_calendar("planned start date"),
    ),
    "planned_close": FieldSpec(
        "planned close date",
        iso_date("planned close date"),
        bound=in_calendar("planned close date"),
    ),
    "solution": FieldSpec("solution", text_field("solution"), P),
    "estimate_minutes": FieldSpec(
        "estimate",
        optional_int("estimate"),
        P,
        bound=minutes_at_most("estimate", WORK_MINUTES_MAX),
    ),
    "complexity": FieldSpec("complexity", choice_of(Complexity, "complexity"), P),
    "level": FieldSpec("level", int_in("level", 0, 1000)),
    "billable": FieldSpec("billable flag", yes_no("billable flag")),
    "cost_per_hour": FieldSpec(
        "cost per hour",
        lambda v: parse_decimal(v, "cost per hour"),
        bound=lambda v: check_amount(v, "cost per hour", most=MONEY_MAX, places=MONEY_PLACES),
    ),
    "project": FieldSpec("project", text_field("project", max_len=120)),
    "sale_order": FieldSpec("sale order", text_field("sale order", max_len=120)),
    "chat_channel": FieldSpec("chat channel", text_field("chat channel", max_len=200), P),
    "status": FieldSpec("status", choice_of(Status, "status"), editable=False),
}
"""Every field a case has that a person sets; ``permission`` says who may edit it."""
