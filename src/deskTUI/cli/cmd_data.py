"""demo, export, import, calendar export, db backup, db check."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from ..domain.errors import ValidationError
from ..i18n import _
from ..services import maintenance, transfer
from .context import Context


def demo(ctx: Context) -> int:
    from ..services.demo import build_demo
    from ..services.identity import os_login

    if ctx.args.cases < 0:
        raise ValidationError("demo.cases", "The number of cases cannot be negative")
    with ctx.progress("Building the demo desk", ctx.args.cases) as bar:
        summary = build_demo(
            ctx.db(), os_login(), cases=ctx.args.cases, seed=ctx.args.seed, on_cases=bar.advance
        )
    if ctx.json:
        ctx.emit_json(summary)
    else:
        ctx.say(
            _(
                "Demo desk ready: {cases} cases, {users} users, {entries} time entries. You are {login} (admin)."
            ).format(
                cases=summary["cases"],
                users=summary["users"],
                entries=summary["time_entries"],
                login=summary["admin"],
            )
        )
    return 0


def _write_export(ctx: Context, out: TextIO) -> int:
    if ctx.args.format == "csv":
        with ctx.progress("Exporting cases", None) as bar:
            return transfer.export_csv(ctx.uow(), ctx.actor(), out, bar.advance)
    rows = list(transfer.export_rows(ctx.uow(), ctx.actor()))
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(rows)


def export_cases(ctx: Context) -> int:
    a = ctx.args
    if a.output:
        with Path(a.output).open("w", encoding="utf-8", newline="") as out:
            count = _write_export(ctx, out)
    else:
        count = _write_export(ctx, sys.stdout)
    if a.output and not ctx.json:
        ctx.say(_("Exported {count} cases to {path}.").format(count=count, path=ctx.show(a.output)))
    return 0


def import_cases(ctx: Context) -> int:
    path = Path(ctx.args.file)
    if not path.is_file():
        raise ValidationError("import.missing", "{path} is not a readable file", path=str(path))
    try:
        with (
            path.open(encoding="utf-8", newline="") as source,
            ctx.progress("Importing cases", None) as bar,
        ):
            numbers = transfer.import_csv(ctx.uow(), ctx.actor(), source, on_row=bar.advance)
    except UnicodeDecodeError:
        raise ValidationError(
            "import.encoding", "{path} is not UTF-8 text", path=str(path)
        ) from None
    ctx.say(_("Imported {count} cases.").format(count=len(numbers)))
    return 0


def calendar_export(ctx: Context) -> int:
    data = transfer.calendar_ics(ctx.uow(), ctx.actor(), ctx.args.user)
    Path(ctx.args.ics).write_bytes(data)
    ctx.say(_("Wrote {path}.").format(path=ctx.show(ctx.args.ics)))
    return 0


def db_backup(ctx: Context) -> int:
    target = Path(ctx.args.file)
    with ctx.progress("Backing up", None) as bar:
        last = [0]

        def progress(done: int, total: int) -> None:
            bar.advance(done - last[0])
            last[0] = done

        maintenance.backup(ctx.uow(), ctx.actor(), target, progress)
    ctx.say(_("Backed up to {path}.").format(path=ctx.show(str(target))))
    return 0


def db_check(ctx: Context) -> int:
    repaired = maintenance.repair(ctx.uow(), ctx.actor()) if ctx.args.repair else []
    problems = maintenance.check(ctx.uow(), ctx.actor())
    if ctx.json:
        document: dict[str, object] = {"ok": not problems, "problems": problems}
        if ctx.args.repair:
            document["repaired"] = repaired
        ctx.emit_json(document)
        return 1 if problems else 0
    for line in repaired:
        ctx.say(ctx.show(line))
    if problems:
        for problem in problems:
            print(ctx.show(problem), file=sys.stderr)
    else:
        ctx.say(_("The desk is consistent."))
    return 1 if problems else 0
