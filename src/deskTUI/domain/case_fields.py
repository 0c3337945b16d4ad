"""The case's fields a person sets: how each is read and checked and who may edit it
(``FIELDS``), and how each is shown and asked for (``CASE_FIELDS``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from .durations import format_minutes
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
from .marks import N_
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
    "title": FieldSpec(
        N_("title"), text_field(N_("title"), required=True, max_len=CEILINGS.title_chars)
    ),
    "description": FieldSpec(
        N_("description"),
        text_field(
            N_("description"),
            required=True,
            max_len=CEILINGS.description_bytes,
            max_bytes=CEILINGS.description_bytes,
        ),
    ),
    "client_id": FieldSpec(N_("client"), int_in(N_("client"), 1, None)),
    "category_id": FieldSpec(N_("category"), int_in(N_("category"), 1, None)),
    "area_id": FieldSpec(N_("area"), int_in(N_("area"), 1, None)),
    "contact_id": FieldSpec(N_("contact"), optional_int(N_("contact"))),
    "coordinator_id": FieldSpec(N_("coordinator"), optional_int(N_("coordinator"))),
    "owner_id": FieldSpec(N_("owner"), optional_int(N_("owner"))),
    "reviewer_id": FieldSpec(N_("reviewer"), optional_int(N_("reviewer"))),
    "contract_id": FieldSpec(N_("contract"), optional_int(N_("contract"))),
    "group": FieldSpec(N_("group"), text_field(N_("group"), max_len=120)),
    "product": FieldSpec(N_("product"), text_field(N_("product"), max_len=120), P),
    "case_class": FieldSpec(N_("class"), text_field(N_("class"), max_len=120), P),
    "service_id": FieldSpec(N_("service"), optional_int(N_("service")), P),
    "support_type": FieldSpec(N_("support type"), text_field(N_("support type"), max_len=120), P),
    "priority": FieldSpec(N_("priority"), choice_of(Priority, N_("priority"))),
    "importance": FieldSpec(N_("importance"), choice_of(Importance, N_("importance"))),
    "stage": FieldSpec(N_("stage"), choice_of(Stage, N_("stage")), P),
    "progress": FieldSpec(N_("progress"), int_in(N_("progress"), 0, 100), P),
    "internal": FieldSpec(N_("internal-case flag"), yes_no(N_("internal-case flag"))),
    "origin": FieldSpec(N_("origin"), choice_of(Origin, N_("origin"))),
    "planned_start": FieldSpec(
        N_("planned start date"),
        iso_date(N_("planned start date")),
        bound=in_calendar(N_("planned start date")),
    ),
    "planned_close": FieldSpec(
        N_("planned close date"),
        iso_date(N_("planned close date")),
        bound=in_calendar(N_("planned close date")),
    ),
    "solution": FieldSpec(N_("solution"), text_field(N_("solution")), P),
    "estimate_minutes": FieldSpec(
        N_("estimate"),
        optional_int(N_("estimate")),
        P,
        bound=minutes_at_most(N_("estimate"), WORK_MINUTES_MAX),
    ),
    "complexity": FieldSpec(N_("complexity"), choice_of(Complexity, N_("complexity")), P),
    "level": FieldSpec(N_("level"), int_in(N_("level"), 0, 1000)),
    "billable": FieldSpec(N_("billable flag"), yes_no(N_("billable flag"))),
    "cost_per_hour": FieldSpec(
        N_("cost per hour"),
        lambda v: parse_decimal(v, N_("cost per hour")),
        bound=lambda v: check_amount(v, N_("cost per hour"), most=MONEY_MAX, places=MONEY_PLACES),
    ),
    # The agent working the case links it, as they set its service (issue 21, seed 000).
    "project_id": FieldSpec(N_("project"), optional_int(N_("project")), P),
    "sale_order": FieldSpec(N_("sale order"), text_field(N_("sale order"), max_len=120)),
    "chat_channel": FieldSpec(N_("chat channel"), text_field(N_("chat channel"), max_len=200), P),
    "status": FieldSpec(N_("status"), choice_of(Status, N_("status")), editable=False),
}
"""Every field a case has that a person sets; ``permission`` says who may edit it."""


# -- the fields as people see them ------------------------------------------------------
# One table for the edit form, the case view and ``desktui case show``: each draws its
# rows from it (``page_rows``), so a field added here shows in all three (tests/domain/
# test_case_field_table.py renders the three and checks). Labels are English msgids:
# whoever shows one passes it through gettext.

Kind = Literal["text", "choice", "yes/no", "area", "lookup"]
"""How the form asks for it: a line, a list of the enum's codes, yes/no, several lines,
or a look-up among the desk's records (its value is the record's id)."""
Section = Literal["General", "Others"]


@dataclass(frozen=True)
class CaseField:
    """One field of a case as a person sees it: ``key`` is what the form sends the
    service and what ``names`` calls a reference (``client``, not ``client_id``)."""

    key: str
    label: str
    """What the case view and ``case show`` call it."""
    section: Section
    kind: Kind = "text"
    asked_as: str = ""
    """What the form calls it, when it says more than ``label`` (a format, a scope)."""
    choices: type[Enum] | None = None
    unit: str = ""
    """Written after the value where it is shown (not in the form): "40 %"."""
    attribute: str = ""
    """The ``Case`` attribute it shows (by default ``key``; ``key_id`` for a look-up)."""

    def __post_init__(self) -> None:
        if not self.attribute:
            default = f"{self.key}_id" if self.kind == "lookup" else self.key
            object.__setattr__(self, "attribute", default)

    @property
    def form_label(self) -> str:
        return self.asked_as or self.label


def _general(key: str, label: str, kind: Kind = "text", **more: Any) -> CaseField:
    return CaseField(key, label, "General", kind, **more)


def _others(key: str, label: str, kind: Kind = "text", **more: Any) -> CaseField:
    return CaseField(key, label, "Others", kind, **more)


CASE_FIELDS: tuple[CaseField, ...] = (
    _general("title", N_("Title")),
    _general("client", N_("Client"), "lookup"),
    _general("contact", N_("Contact"), "lookup", asked_as=N_("Contact (of the client)")),
    _general("area", N_("Area"), "lookup"),
    _general("category", N_("Category"), "lookup", asked_as=N_("Category (of the area)")),
    _general("coordinator", N_("Coordinator"), "lookup"),
    _general("group", N_("Group")),
    _general("product", N_("Product")),
    _general("case_class", N_("Class")),
    _general("service", N_("Service"), "lookup"),  # No inventariables (issue 21)
    _general("support_type", N_("Support type")),
    _general("priority", N_("Priority"), "choice", choices=Priority),
    _general("importance", N_("Importance"), "choice", choices=Importance),
    _general("stage", N_("Stage"), "choice", choices=Stage),
    _general("progress", N_("Progress"), asked_as=N_("Progress %"), unit=" %"),
    _general("internal", N_("Internal case"), "yes/no"),
    _general("origin", N_("Origin"), "choice", choices=Origin),
    # Typed as the operator's locale writes a day, or ISO: the form's placeholder says how.
    _general("planned_start", N_("Planned start")),
    _general("planned_close", N_("Planned close")),
    _general("description", N_("Description"), "area"),
    _general("solution", N_("Solution"), "area"),
    _others(
        "estimate",
        N_("Estimate"),
        asked_as=N_("Estimate (3h, 1h30m, 2.5)"),
        attribute="estimate_minutes",
    ),
    _others("complexity", N_("Complexity"), "choice", choices=Complexity),
    _others("level", N_("Level"), asked_as=N_("Level (weight in the queue)")),
    _others("billable", N_("Billable"), "yes/no"),
    _others("cost_per_hour", N_("Cost per hour")),
    _others("owner", N_("Owner"), "lookup"),
    _others("reviewer", N_("Reviewer"), "lookup"),
    _others("contract", N_("Contract"), "lookup", asked_as=N_("Contract (of the client)")),
    _others("project", N_("Project"), "lookup"),  # Proyectos (issue 21)
    _others("sale_order", N_("Sale order")),
    _others("chat_channel", N_("Chat channel")),
)
"""In the form's order: General, then Others (seed 001's editor)."""

BY_KEY = {f.key: f for f in CASE_FIELDS}


def shown_value(case: object, names: Mapping[str, str | None], field: CaseField) -> object:
    """The field's value as the case view and ``case show`` write it (None: nothing).

    ``names`` are the display names of the case's references (``CaseDetail.names``).
    """
    if field.kind == "lookup":
        return names.get(field.key)
    value = getattr(case, field.attribute)
    if value is None:
        return None
    if field.attribute.endswith("_minutes"):  # a duration: "1h30m", as it is typed
        return format_minutes(value)
    if isinstance(value, bool):
        return N_("yes") if value else N_("no")  # marked: the edge shows it translated
    if isinstance(value, Enum):
        return value  # the member: each edge writes its word (deskTUI.words)
    return f"{value}{field.unit}" if field.unit else value


@dataclass(frozen=True)
class Joined:
    """Several fields on one row: "Area / category", "Planned" (start → close)."""

    label: str
    keys: tuple[str, ...]
    between: str
    blank: str = "—"
    """Written for a field with no value."""


@dataclass(frozen=True)
class Figure:
    """A row that is no field a person sets (the status, an SLA clock, a total): its
    renderer supplies the value under this label."""

    label: str


Entry = str | Joined | Figure
"""A row of a page: a field's key, several fields joined, or a figure."""


def placed(layout: Iterable[Entry]) -> list[str]:
    """The keys of the fields a layout places, in its order."""
    keys: list[str] = []
    for entry in layout:
        if isinstance(entry, str):
            keys.append(entry)
        elif isinstance(entry, Joined):
            keys.extend(entry.keys)
    return keys


def page_rows(
    section: Section,
    layout: Sequence[Entry],
    case: object,
    names: Mapping[str, str | None],
    figures: Mapping[str, object],
    *,
    elsewhere: Iterable[str] = (),
    written: Callable[[object], object] = lambda value: value,
) -> list[tuple[str, object]]:
    """The (label msgid, value) rows of one section of a case's page, in ``layout``'s
    order; a field of the section the layout does not place (nor ``elsewhere``: shown by
    the page in another form) follows at the end, so a new field is never left out.
    ``written`` writes each part of a joined row as the edge shows values (a day in the
    operator's locale, a word in their language) before the parts are joined."""
    rows: list[tuple[str, object]] = []
    for entry in layout:
        if isinstance(entry, Figure):
            rows.append((entry.label, figures[entry.label]))
        elif isinstance(entry, Joined):
            parts = (shown_value(case, names, BY_KEY[key]) for key in entry.keys)
            joined = entry.between.join(_or(written(p), entry.blank) for p in parts)
            rows.append((entry.label, joined))
        else:
            field = BY_KEY[entry]
            rows.append((field.label, shown_value(case, names, field)))
    done = {*placed(layout), *elsewhere}
    for field in CASE_FIELDS:
        if field.section == section and field.key not in done:
            rows.append((field.label, shown_value(case, names, field)))
    return rows


def _or(value: object, blank: str) -> str:
    return blank if value is None or value == "" else str(value)
