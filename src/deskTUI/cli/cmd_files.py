"""``desktui file open``, ``file list`` and ``file limits`` (adding and reviewing live in
cmd_work)."""

from __future__ import annotations

import subprocess

from .. import formats, words
from ..domain.errors import ValidationError
from ..i18n import N_, _, ngettext
from ..services import files, views
from .context import Context
from .render import table, to_jsonable


def file_open(ctx: Context) -> int:
    """A private read-only copy, handed to ``$PAGER`` (or ``xdg-open``) as an argument list."""
    copy = files.open_copy(ctx.read_uow(), ctx.actor(), ctx.args.id)
    where = _("A copy of {name} is at {path}.").format(
        name=ctx.show(copy.item.name), path=ctx.show(str(copy.path))
    )
    viewer = None if ctx.args.print else files.viewer_for(copy.path)
    if viewer is None:
        ctx.say(where)
        return 0
    try:
        subprocess.run(viewer.argv, check=False, shell=False)  # an argument list, never a shell
    except OSError as error:
        raise ValidationError(
            "files.viewer",
            "Cannot run {program}: {reason}; the copy is at {path}",
            program=viewer.argv[0],
            reason=error.strerror or str(error),
            path=str(copy.path),
        ) from None
    if viewer.waits:
        copy.discard()  # the pager has shown it and returned
    else:
        ctx.say(where)  # the desktop's viewer may still be reading it
    return 0


def file_limits(ctx: Context) -> int:
    a = ctx.args
    if a.per_case is not None or a.max_mib is not None:
        limits = files.set_file_limits(
            ctx.uow(), ctx.actor(), max_per_case=a.per_case, max_mib=a.max_mib
        )
    else:
        limits = files.file_limits(ctx.read_uow())
    if ctx.json:
        ctx.emit_json({"max_per_case": limits.max_per_case, "max_bytes": limits.max_bytes})
    else:
        ctx.say(
            ngettext(
                "At most {count} attachment per case, at most {mib} MiB.",
                "At most {count} attachments per case, each at most {mib} MiB.",
                limits.max_per_case,
            ).format(
                count=formats.number(limits.max_per_case), mib=formats.number(limits.max_mib, 1)
            )
        )
    return 0


FILE_HEADERS: list[str] = [N_("ID"), N_("NAME"), N_("SIZE"), N_("REVIEW"), N_("REASON")]


def file_list(ctx: Context) -> int:
    """A case's attachments, as the case view's Files tab shows them (whoever may see the
    case may list them: a client reads why a file they sent was rejected)."""
    detail = views.case_detail(ctx.read_uow(), ctx.actor(), ctx.args.number)
    if ctx.json:
        ctx.emit_json(
            {
                "case": detail.case.number,
                "counters": to_jsonable(detail.file_counters),
                "files": [to_jsonable(f) for f in detail.files],
            }
        )
        return 0
    counters = detail.file_counters
    ctx.say(
        ngettext(
            "{total} file · {pending} pending · {valid} valid · {rejected} rejected",
            "{total} files · {pending} pending · {valid} valid · {rejected} rejected",
            counters.total,
        ).format(
            total=counters.total,
            pending=counters.pending,
            valid=counters.valid,
            rejected=counters.rejected,
        )
    )
    rows = [
        [
            str(f.id),
            ctx.show(f.name),
            formats.number(f.size),
            words.label(f.review),
            ctx.show(f.review_reason) or "—",
        ]
        for f in detail.files
    ]
    for line in table(rows, FILE_HEADERS):
        ctx.say(line)
    return 0
