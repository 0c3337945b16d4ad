"""The case edit form as data, without a widget: its fields, the text each shows, what
the operator changed, who saved meanwhile, what each look-up offers.

screens/edit_case.py draws and runs the form from this; tests/screens/test_case_form.py
checks it without a running app. The fields are domain/case_fields.py's table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..domain.case import Case
from ..domain.case_fields import BY_KEY, CASE_FIELDS, CaseField
from ..domain.durations import format_minutes
from ..domain.edit_merge import changed_by_them
from ..formats import day, figure
from ..safe_text import safe

if TYPE_CHECKING:
    from ..services.views import CaseDetail, FormChoices

FORM = CASE_FIELDS
GENERAL = tuple(f for f in FORM if f.section == "General")
OTHERS = tuple(f for f in FORM if f.section == "Others")
LOOKUPS = tuple(f.key for f in FORM if f.kind == "lookup")
MULTI_LINE = frozenset(f.key for f in FORM if f.kind == "area")
ERROR_FIELDS = {"estimate_minutes": "estimate"}
"""Domain field names that differ from the form's key (``client_id`` → ``client`` is generic)."""


def field_of(key: str) -> CaseField | None:
    return BY_KEY.get(key)


def initial_text(case: Case, key: str) -> str:
    """The field's value as the form shows it, so "unchanged" is a string comparison.

    Text goes through the sanitizer like everywhere else: a title holding
    ``ESC ]0;`` is shown (and, only if the operator edits it, saved) as the
    visible ``\\x1b]0;``; left alone it is not sent, so the stored text stays as it was.
    """
    if key == "estimate":
        return format_minutes(case.estimate_minutes) if case.estimate_minutes is not None else ""
    value = getattr(case, key)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):  # as the operator writes a day: 7/12/2026 (es)
        return day(value)
    if isinstance(value, Decimal):  # 1.500,50 (es), every digit it has
        return str(figure(value))
    if isinstance(value, str):
        return safe(value, one_line=key not in MULTI_LINE)
    return str(getattr(value, "value", value))


def form_key(domain_field: str | None) -> str | None:
    """The form's key for a field a refusal names (``client_id`` → ``client``)."""
    if domain_field is None:
        return None
    return ERROR_FIELDS.get(domain_field, domain_field.removesuffix("_id"))


def differs(one: Case, other: Case, key: str) -> bool:
    """Whether the field ``key`` reads differently in two versions of the case."""
    if key in LOOKUPS:
        return bool(getattr(one, f"{key}_id") != getattr(other, f"{key}_id"))
    return initial_text(one, key) != initial_text(other, key)


def changed_labels(base: Case, theirs: Case) -> list[str]:
    """The form labels (msgids) of the fields another save changed, in the form's order."""
    keys = [f.key for f in FORM]
    changed = changed_by_them(keys, lambda k: _compared(base, k), lambda k: _compared(theirs, k))
    return [BY_KEY[key].form_label for key in changed]


def _compared(case: Case, key: str) -> str:
    return repr(getattr(case, f"{key}_id")) if key in LOOKUPS else initial_text(case, key)


def form_changes(
    base: Case, values: Mapping[str, str], lookups: Mapping[str, int | None] | None
) -> dict[str, Any]:
    """What the form sends the service: each text that differs from ``base``'s, and each
    look-up the operator really changed (``lookups`` None: not loaded yet, none changed).
    A look-up cleared is sent as "" (the service reads it as "none")."""
    plain: dict[str, Any] = {k: v for k, v in values.items() if v != initial_text(base, k)}
    for key, value in (lookups or {}).items():
        if value != getattr(base, f"{key}_id"):
            plain[key] = value if value is not None else ""
    return plain


def draft_values(changes: Mapping[str, Any]) -> dict[str, str]:
    """The changes as a draft keeps them: text, a cleared look-up as ""."""
    return {key: "" if value is None else str(value) for key, value in changes.items()}


def saved_since(
    detail: CaseDetail, seen_log: int | None, drafted_at: datetime | None
) -> tuple[list[str], datetime | None]:
    """Who saved the case since the form opened (log lines newer than ``seen_log``) or
    since the restored draft was written (``drafted_at``), and when last."""
    seen = seen_log or 0
    theirs = [
        e
        for e in detail.log
        if (e.id or 0) > seen or (drafted_at is not None and e.at > drafted_at)
    ]
    who = sorted({detail.logins.get(e.actor_id or 0, "?") for e in theirs})
    return who, max((e.at for e in theirs), default=detail.case.updated_at)


def place_refusals(
    refusals: Iterable[tuple[str, str | None]], shown: Callable[[str], bool]
) -> tuple[dict[str, list[str]], list[str], str | None]:
    """Each sentence under the field it is about (when the form ``shown`` that field), the
    others at the foot; and the first field of the form with a sentence (it gets the cursor)."""
    beside: dict[str, list[str]] = {}
    foot: list[str] = []
    for text, field in refusals:
        if field and shown(field):
            beside.setdefault(field, []).append(text)
        else:
            foot.append(text)
    first = next((f.key for f in FORM if f.key in beside), None)
    return beside, foot, first


Offer = list[tuple[str, int]]
"""A look-up's options: (the name shown, the record's id)."""


def _named(items: Iterable[Any], name: Callable[[Any], str]) -> Offer:
    return [(name(item), item.id) for item in items]


def standing_offers(choices: FormChoices) -> dict[str, Offer]:
    """The look-ups that depend on nothing else: client, area and the staff roles."""
    people = _named(choices.staff, lambda u: f"{u.login}  {u.name}")
    return {
        "client": _named(choices.clients, lambda c: c.name),
        "area": _named(choices.areas, lambda a: a.name),
        "coordinator": people,
        "owner": people,
        "reviewer": people,
        "project": _named(choices.projects, lambda p: p.name),  # issue 21: Proyectos
        "service": _named(choices.services, lambda s: s.name),  # No inventariables
    }


def offers_of_client(choices: FormChoices, client_id: Any) -> dict[str, Offer]:
    """Contacts and contracts follow the client (DOMAIN.md: they must be the client's)."""
    return {
        "contact": _named(
            (c for c in choices.contacts if c.client_id == client_id), lambda c: c.name
        ),
        "contract": _named(
            (c for c in choices.contracts if c.client_id == client_id), lambda c: c.label
        ),
    }


def offers_of_area(choices: FormChoices, area_id: Any) -> dict[str, Offer]:
    """Seed 004: the area first, then one of its categories."""
    return {
        "category": _named(
            (c for c in choices.categories if c.area_id == area_id), lambda c: c.name
        )
    }
