"""Opening a case and editing its fields: the references resolved, the typed values and
the cross-record rules checked, every refusal told at once."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from ..domain.case import FIELDS, Case, check_bounds, check_open_fields
from ..domain.durations import parse_duration
from ..domain.enums import LogKind, Priority
from ..domain.errors import DomainError, Gathered, ValidationError
from ..domain.limits import Limits
from ..domain.people import User
from ..domain.permissions import Action, require
from ..store.uow import UnitOfWork
from .case_refs import REFERENCE_FIELDS, check_refs, refs_in, resolve_refs
from .common import CaseRef, acting, desk_limits, expect_version, load_case
from .mail_notices import ClientNotice, queue_to_contact


def open_case(
    uow: UnitOfWork,
    actor: User,
    *,
    title: str,
    client: int | str | None,
    category: int | str | None,
    description: str,
    area: int | str | None = None,
    contact: int | str | None = None,
    priority: Priority | str = Priority.MEDIUM,
    fields: Mapping[str, Any] | None = None,
    before_commit: Callable[[UnitOfWork, User, Case], object] | None = None,
    email_contact: bool = True,
) -> Case:
    """Register a case (seed 001 "Registrar el Caso"); its number comes from the store.
    ``before_commit`` writes what comes with it in the same unit of work (its files).
    ``email_contact``: tell the case's contact its number by e-mail (issue 22); the mail
    intake says False and writes that notice itself, threaded under the message in."""
    with uow:
        actor = acting(uow, actor)
        desk_limits(uow).check_case({"title": title, "description": description})
        now = uow.now()
        # Which fields a client may set is asked before any name is looked up: a refusal
        # about a staff member or another account's contact would tell them it exists.
        named = refs_in(fields)
        plain_names = {k for k in fields or {} if k not in REFERENCE_FIELDS}
        check_open_fields(actor, {REFERENCE_FIELDS[k] for k in named} | plain_names)
        refs = resolve_refs(
            uow,
            {
                "client": client,
                "category": category,
                "area": area,
                "contact": contact,
                **named,
            },
            viewer=actor,
        )
        plain = {k: v for k, v in (fields or {}).items() if k not in REFERENCE_FIELDS}
        if "client_id" not in refs:
            raise ValidationError("case.client_required", "The client is required")
        if "category_id" not in refs:
            raise ValidationError(
                "case.category_required",
                "The category is required: choose the area, then its category",
            )
        case = Case(
            title=title,
            description=description,
            client_id=refs["client_id"],
            category_id=refs["category_id"],
            area_id=refs["area_id"],
            contact_id=refs.get("contact_id"),
            reporter_id=actor.id,
            created_at=now,
            priority=priority,  # type: ignore[arg-type]  # a word is parsed and checked by Case
            **{
                k: v
                for k, v in refs.items()
                if k not in ("client_id", "category_id", "area_id", "contact_id")
            },
            **plain,
        )
        require(actor, Action.OPEN_CASE, case)
        check_bounds({name: getattr(case, name) for name in plain if name in FIELDS})
        check_refs(uow, case, now.date())
        case.record(actor, now, LogKind.OPENED, new=case.title)
        uow.cases.add(case)
        if before_commit is not None:
            before_commit(uow, actor, case)
        if email_contact:
            queue_to_contact(uow, case, ClientNotice.OPENED)
        uow.commit()
        return case


def edit_case(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
    refused_at_the_edge: Sequence[DomainError] = (),
) -> list[str]:
    """Change fields; returns the names of those that changed. All or nothing.

    Every refusal is told at once (``Refusals`` when there are several, each about
    its field): the references, the typed values and the cross-record rules, with
    ``refused_at_the_edge``: what the form or the shell could not read as a day or a
    number in the operator's locale (deskTUI.formats), left out of ``changes``.
    """
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        expect_version(case, expected_version)
        refused = Gathered()
        resolved: dict[str, Any] = {}
        with refused.checking():
            resolved = resolve_refs(uow, refs_in(changes), case=case, viewer=actor)
        plain = {k: v for k, v in changes.items() if k not in REFERENCE_FIELDS}
        if "estimate" in plain:  # as people type it: "3h", "1h30m", "2.5"
            text = str(plain.pop("estimate") or "").strip()
            with refused.checking("estimate_minutes"):
                plain["estimate_minutes"] = parse_duration(text) if text else None
        fields = {**plain, **resolved}
        limits = desk_limits(uow)
        changed: list[str] | None = None
        with refused.checking():
            changed = case.edit(actor, fields, uow.now(), limits)
        if changed is None:  # the fields that were read still meet the cross-record rules
            changed = _edit_what_was_read(case, actor, fields, refused, uow.now(), limits)
        with refused.checking():
            check_refs(uow, case, uow.now().date(), changed=set(changed))
        refused.refusals.extend(refused_at_the_edge)
        refused.raise_them()  # nothing was saved: the unit of work rolls the edit back
        if changed:
            uow.cases.save(case)
            uow.commit()
        return changed


def _edit_what_was_read(
    case: Case,
    actor: User,
    fields: Mapping[str, Any],
    refused: Gathered,
    at: datetime,
    limits: Limits,
) -> list[str]:
    """Apply the fields not refused (on this unit of work's copy, never saved) so the
    cross-record rules can be told in the same answer; what they say again is dropped."""
    wrong = {error.field for error in refused.refusals}
    try:
        return case.edit(actor, {k: v for k, v in fields.items() if k not in wrong}, at, limits)
    except DomainError:
        return []
