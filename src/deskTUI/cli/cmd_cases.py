"""case new | list | show | edit | assign | move | comment | quote | survey | next."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import sentences, words
from ..domain.case import FIELDS
from ..domain.durations import parse_duration
from ..domain.enums import Priority
from ..domain.sla import short_left
from ..formats import money, parse_number, read_case_fields, typed_case_fields, when
from ..i18n import N_, _
from ..services import cases, file_batch, mail_notices, search, surveys, views
from ..services.common import stored_id
from .case_columns import case_rows
from .comment_text import comment_body
from .context import Context, number_of
from .parser import EDIT_REFERENCES
from .render import case_json, case_lines, table


def _local(ctx: Context) -> Any:
    def fmt(moment: datetime | None) -> str:
        return when(moment, ctx.tz) if moment else "—"

    return fmt


def _print_case(ctx: Context, number: str) -> None:
    detail = views.case_detail(ctx.read_uow(), ctx.actor(), number)
    if ctx.json:
        ctx.emit_json(case_json(detail))
    else:
        for line in case_lines(detail, _local(ctx)):
            ctx.say(line)


def new(ctx: Context) -> int:
    a = ctx.args
    fields: dict[str, Any] = {}
    if a.billable is not None:
        fields["billable"] = a.billable
    if a.contract is not None:
        fields["contract"] = a.contract
    if a.estimate:
        fields["estimate_minutes"] = parse_duration(a.estimate)
    if a.start:
        fields["planned_start"] = a.start
    if a.close:
        fields["planned_close"] = a.close
    if a.solution:
        fields["solution"] = a.solution
    for linked in ("project", "service"):  # by name (issue 21)
        if getattr(a, linked, None):
            fields[linked] = getattr(a, linked)
    fields = typed_case_fields(fields)  # --start 7/12/2026 as the operator's locale writes
    case, _files = file_batch.open_case_with_files(
        ctx.uow(),
        ctx.actor(),
        [Path(p) for p in a.attach],
        title=a.title,
        client=a.client,
        category=a.category,
        description=a.description,
        area=a.area,
        contact=a.contact_id if a.contact_id is not None else a.contact,
        priority=a.priority,
        fields=fields,
    )
    if ctx.json:
        _print_case(ctx, case.number)
    else:
        ctx.say(case.number)
    return 0


def _query(ctx: Context) -> str:
    a = ctx.args
    parts = [a.query] if a.query else []
    if a.status:
        parts.append("status:" + ",".join(a.status))
    for key in ("assignee", "reporter", "client", "priority", "area", "category"):
        value = getattr(a, key)
        if value:
            parts.append(f"{key}:{search.quoted(value)}")
    return " ".join(parts)


def list_cases(ctx: Context) -> int:
    a = ctx.args
    result = search.search_cases(
        ctx.read_uow(), ctx.actor(), _query(ctx), sort=a.sort, limit=a.limit
    )
    if ctx.json:
        ctx.emit_json(
            [
                case_json(
                    views.case_detail(ctx.read_uow(), ctx.actor(), stored_id(c)), history=False
                )
                for c in result.cases
            ]
        )
        return 0
    names = views.names_for(ctx.read_uow(), ctx.actor(), result.cases)
    # The operator's columns (issue 21): their saved choice, or --columns for this call.
    for line in case_rows(ctx, result, names, _local(ctx)):
        ctx.say(line)
    shown = len(result.cases)
    if result.total > shown:
        ctx.say(
            _("({shown} of {total}; --limit shows more)").format(shown=shown, total=result.total)
        )
    return 0


def show(ctx: Context) -> int:
    _print_case(ctx, ctx.args.number)
    return 0


def edit(ctx: Context) -> int:
    a = ctx.args
    changes: dict[str, Any] = {}
    for name, value in vars(a).items():
        if not name.startswith("set_") or value is None:
            continue
        field = name.removeprefix("set_")
        if field == "estimate_minutes":  # read by the service, told with the other refusals
            field = "estimate"
        changes[EDIT_REFERENCES.get(field, field)] = value
    if not changes:
        print(_("Nothing to change: give --FIELD VALUE options (see --help)."), file=sys.stderr)
        return 2
    # --start 7/12/2026, --cost-per-hour 1.500,50 (es): told with the desk's own refusals
    typed, unread = read_case_fields(changes)
    changed = cases.edit_case(
        ctx.uow(),
        ctx.actor(),
        a.number,
        words.coded(typed),  # --stage "En proceso", --priority alta
        expected_version=a.expect_version,
        refused_at_the_edge=unread,
    )
    if changed:
        ctx.say(
            _("{number}: changed {fields}.").format(
                number=number_of(a.number), fields=", ".join(FIELDS[n].label for n in changed)
            )
        )
    else:
        ctx.say(_("{number}: nothing changed.").format(number=number_of(a.number)))
    return 0


def assign(ctx: Context) -> int:
    a = ctx.args
    case = cases.assign_case(ctx.uow(), ctx.actor(), a.number, a.user, a.note)
    ctx.say(_("{number} is assigned to {user}.").format(number=case.number, user=ctx.show(a.user)))
    return 0


def move(ctx: Context) -> int:
    a = ctx.args
    case = cases.move_case(
        ctx.uow(), ctx.actor(), a.number, a.status, note=a.note, solution=a.solution
    )
    ctx.say(_("{number} is {status}.").format(number=case.number, status=words.label(case.status)))
    return 0


def preview(ctx: Context) -> int:
    result = cases.finish_preview(ctx.read_uow(), ctx.actor(), ctx.args.number)
    if result is None:
        ctx.say(_("Finishing this case consumes no contract."))
    else:
        ctx.say(
            _("Finishing consumes {sentence}.").format(sentence=sentences.finish_preview(result))
        )
    return 0


def comment(ctx: Context) -> int:
    a = ctx.args
    body = comment_body(a.text, a.file)  # several lines: an argument, - (stdin) or --file
    said = cases.comment_case(
        ctx.uow(), ctx.actor(), a.number, body, public=a.public, email=a.email
    )
    if a.email:  # asked for: whether it went is said, not left to mail status
        address = mail_notices.comment_recipient(ctx.read_uow(), ctx.actor(), said.id)
        sentence = (
            _("Added a public comment to {number} and queued it by e-mail to {address}.")
            if address
            else _(
                "Added a public comment to {number}; it was not e-mailed: the case's contact "
                "has no address the desk writes to, or the desk's e-mail is not set up."
            )
        )
        ctx.say(sentence.format(number=number_of(a.number), address=ctx.show(address or "")))
        return 0
    sentence = (
        _("Added a public comment to {number}.")
        if a.public
        else _("Added an internal comment to {number}.")
    )
    ctx.say(sentence.format(number=number_of(a.number)))
    return 0


def quote(ctx: Context) -> int:
    a = ctx.args
    case = cases.issue_quote(
        ctx.uow(),
        ctx.actor(),
        a.number,
        price=parse_number(a.price, N_("quoted price")) if a.price.strip() else a.price,
        currency=a.currency,
        minutes=parse_duration(a.hours),
        message=a.message,
    )
    q = case.quote
    ctx.say(
        _("{number} is quoted at {price}.").format(
            number=case.number, price=money(q.price, q.currency)
        )
    )
    return 0


def _decide(ctx: Context, approve: bool) -> int:
    case = cases.decide_quote(
        ctx.uow(), ctx.actor(), ctx.args.number, approve=approve, note=ctx.args.note
    )
    ctx.say(
        _("The quote of {number} is {status}.").format(
            number=case.number, status=words.label(case.quote.status)
        )
    )
    return 0


def approve_quote(ctx: Context) -> int:
    return _decide(ctx, True)


def reject_quote(ctx: Context) -> int:
    return _decide(ctx, False)


def payment(ctx: Context) -> int:
    case = cases.set_payment(ctx.uow(), ctx.actor(), ctx.args.number, ctx.args.status)
    ctx.say(
        _("{number}: payment {status}.").format(
            number=case.number, status=words.label(case.quote.payment)
        )
    )
    return 0


def survey(ctx: Context) -> int:
    a = ctx.args
    surveys.answer_survey(ctx.uow(), ctx.actor(), a.number, score=a.score, comment=a.comment)
    ctx.say(_("Thank you: the survey of {number} is answered.").format(number=number_of(a.number)))
    return 0


def next_cases(ctx: Context) -> int:
    queue = views.next_cases(ctx.read_uow(), ctx.actor())
    if ctx.json:
        ctx.emit_json(
            [
                {
                    "number": c.number,
                    "title": c.title,
                    "priority": c.priority,
                    "status": c.status,
                    "sla_minutes_left": c.sla.minutes_left if c.sla else None,
                    "sla_breached": c.sla.breached if c.sla else False,
                }
                for c in queue
            ]
        )
        return 0
    rows = [
        [c.number, words.word(Priority, c.priority), words.label(c.status), short_left(c.sla.minutes_left if c.sla else None),
         ctx.show(c.title)[:60]]
        for c in queue
    ]  # fmt: skip
    for line in table(rows, ["NUMBER", "PRIORITY", "STATUS", "SLA", "TITLE"]):
        ctx.say(line)
    return 0
