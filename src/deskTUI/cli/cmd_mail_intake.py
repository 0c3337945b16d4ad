"""``desktui mail ingest [--maildir DIR]`` and ``desktui mail fetch`` (issue 22).

For an MTA's pipe (``|desktui --db URL mail ingest``), the exit code is what the MTA acts
on: 0 the desk took the message (a case, a comment, a step; or refused, a loop, a
duplicate: recorded, and answered by the desk's own e-mail when someone should hear of
it, so the MTA must not bounce it too); 75 (EX_TEMPFAIL) the message is held (a sender
past the desk's pace) or the database could not take it now: the MTA keeps it and tries
again; 1 the desk cannot take mail at all (no address set up) and says why.
"""

from __future__ import annotations

import sys
from typing import Any, BinaryIO

from .. import words
from ..domain.errors import Conflict
from ..i18n import _, error_text, ngettext
from ..mail.limits import MailLimits
from ..services.mail_batches import Batch, fetch_mailbox, ingest_maildir
from ..services.mail_ingest import Ingested, ingest_message, prepare
from ..store.database import StoreUnavailable
from .context import Context

EX_TEMPFAIL = 75
"""sysexits.h: a temporary failure; every MTA keeps the message and tries again."""
CHUNK = 1 << 16


def read_stdin(source: BinaryIO, most: int) -> bytes:
    """At most ``most`` + 1 bytes of the message (one more says it is too large); the rest
    is read and dropped, so the MTA writing it never meets a closed pipe."""
    data = source.read(most + 1)
    while source.read(CHUNK):
        pass
    return data


def _json(done: Ingested) -> dict[str, Any]:
    why = done.reason
    return {
        "outcome": done.outcome.value,
        "message_id": done.message_id,
        "sender": done.sender,
        "case": done.case_number,
        "reason": None if why is None else {"code": why.code, "message": str(why)},
    }


def _line(ctx: Context, done: Ingested) -> str:
    """One line: the case it touched first (what scripts and MTAs' logs look for)."""
    what = words.mail_word(done.outcome)
    said = what if done.reason is None else f"{what}: {error_text(done.reason)}"
    said = ctx.show(said)
    return f"{done.case_number}: {said}" if done.case_number else said


def mail_ingest(ctx: Context) -> int:
    if ctx.args.maildir:
        return _report(ctx, ingest_maildir(ctx.uow(), ctx.args.maildir))
    uow = ctx.uow()
    try:
        desk = prepare(uow)
        raw = read_stdin(sys.stdin.buffer, desk.limits.total_bytes or MailLimits().total_bytes)
        done = ingest_message(uow, raw, desk)
    except (StoreUnavailable, Conflict) as error:
        # The message is not lost: the MTA keeps it and pipes it again later.
        print(error_text(error), file=sys.stderr)
        return EX_TEMPFAIL
    if ctx.json:
        ctx.emit_json(_json(done))
    else:
        ctx.say(_line(ctx, done))
    return EX_TEMPFAIL if done.held else 0


def mail_fetch(ctx: Context) -> int:
    return _report(ctx, fetch_mailbox(ctx.uow()))


def _report(ctx: Context, batch: Batch) -> int:
    if ctx.json:
        ctx.emit_json(
            {
                "taken": [_json(done) for done in batch.taken],
                "held": batch.held,
                "failed": [
                    {"message": name, "code": why.code, "reason": str(why)}
                    for name, why in batch.failed
                ],
                "problem": None
                if batch.problem is None
                else {"code": batch.problem.code, "message": str(batch.problem)},
            }
        )
    else:
        for done in batch.taken:
            ctx.say(_line(ctx, done))
        if batch.held:
            count = len(batch.held)
            ctx.say(
                ngettext(
                    "{n} message held (a sender past the desk's pace): taken on a later run.",
                    "{n} messages held (a sender past the desk's pace): taken on a later run.",
                    count,
                ).format(n=count)
            )
        for name, why in batch.failed:
            ctx.say(ctx.show(_("{message} left for a later run: {reason}").format(
                message=name, reason=error_text(why)
            )))  # fmt: skip
        if not batch.taken and not batch.held and not batch.failed and batch.problem is None:
            ctx.say(_("No new message."))
    if batch.problem is not None:
        raise batch.problem
    return 1 if batch.failed else 0
