"""demo, export, import, calendar export, db backup, db check, db migrate."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import formats
from ..domain.errors import ValidationError
from ..i18n import N_, _, ngettext
from ..safe_text import safe, safe_json
from ..services import ics_calendar, maintenance, transfer
from .context import Context

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


def demo(ctx: Context) -> int:
    from ..services.identity import os_login
    from ..tools.demo import build_demo

    if ctx.args.cases < 0:
        raise ValidationError("demo.cases", "The number of cases cannot be negative")
    with ctx.progress(N_("Building the demo desk"), ctx.args.cases) as bar:
        summary = build_demo(
            ctx.db(), os_login(), cases=ctx.args.cases, seed=ctx.args.seed, on_cases=bar.advance
        )
    if ctx.json:
        ctx.emit_json(summary)
    else:
        # Each count a phrase of its own in the plural its number asks for.
        cases = summary["cases"]
        users = summary["users"]
        entries = summary["time_entries"]
        ctx.say(
            _("Demo desk ready: {cases}, {users}, {entries}. You are {login} (admin).").format(
                cases=ngettext("{count} case", "{count} cases", cases).format(
                    count=formats.number(cases)
                ),
                users=ngettext("{count} user", "{count} users", users).format(
                    count=formats.number(users)
                ),
                entries=ngettext("{count} time entry", "{count} time entries", entries).format(
                    count=formats.number(entries)
                ),
                login=summary["admin"],
            )
        )
    return 0


def _write_export(ctx: Context, out: SupportsWrite[str], *, bar: bool = True) -> int:
    if ctx.args.format == "csv":
        if not bar:
            return transfer.export_csv(ctx.read_uow(), ctx.actor(), out)
        with ctx.progress(N_("Exporting cases"), None) as progress:
            return transfer.export_csv(ctx.read_uow(), ctx.actor(), out, progress.advance)
    rows = list(transfer.export_rows(ctx.read_uow(), ctx.actor()))
    # The same data for any JSON reader; nothing in it a terminal obeys if it is shown.
    out.write(safe_json(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n")
    return len(rows)


class _OnTerminal:
    """Standard output on a terminal: customers' text is shown through ``safe``, never
    obeyed (an ESC, OSC, BEL, C1 or bidi character becomes a visible escape)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(safe(text))


@contextmanager
def _desk_file(ctx: Context, target: Path) -> Iterator[Path]:
    """Where to write a file of the desk's data: it appears whole, with the desk's modes
    (private, or its group's), whatever the umask; a failure is a sentence and leaves none."""
    try:
        with ctx.db().sharing.new_file(target) as temp:
            yield temp
    except OSError as error:
        raise ValidationError(
            "file.write",
            "Cannot write {path}: {reason}; nothing was written",
            path=str(target),
            reason=error.strerror or str(error),
        ) from None


def export_cases(ctx: Context) -> int:
    a = ctx.args
    if a.output:
        with (
            _desk_file(ctx, Path(a.output)) as temp,
            temp.open("w", encoding="utf-8", newline="") as out,
        ):
            count = _write_export(ctx, out)
    elif sys.stdout.isatty():
        # The rows are what the person watches: no progress bar drawn over them.
        count = _write_export(ctx, _OnTerminal(sys.stdout), bar=False)
    else:
        count = _write_export(ctx, sys.stdout)
    if a.output and not ctx.json:
        ctx.say(
            ngettext(
                "Exported {count} case to {path}.", "Exported {count} cases to {path}.", count
            ).format(count=formats.number(count), path=ctx.show(a.output))
        )
    return 0


def import_cases(ctx: Context) -> int:
    path = Path(ctx.args.file)
    if not path.is_file():
        raise ValidationError("import.missing", "{path} is not a readable file", path=str(path))
    try:
        with (
            path.open(encoding="utf-8", newline="") as source,
            ctx.progress(N_("Importing cases"), None) as bar,
        ):
            numbers = transfer.import_csv(ctx.uow(), ctx.actor(), source, on_row=bar.advance)
    except UnicodeDecodeError:
        raise ValidationError(
            "import.encoding", "{path} is not UTF-8 text", path=str(path)
        ) from None
    ctx.say(
        ngettext("Imported {count} case.", "Imported {count} cases.", len(numbers)).format(
            count=formats.number(len(numbers))
        )
    )
    return 0


def calendar_export(ctx: Context) -> int:
    data = ics_calendar.calendar_ics(ctx.read_uow(), ctx.actor(), ctx.args.user)
    with _desk_file(ctx, Path(ctx.args.ics)) as temp:
        temp.write_bytes(data)
    ctx.say(_("Wrote {path}.").format(path=ctx.show(ctx.args.ics)))
    return 0


def db_backup(ctx: Context) -> int:
    target = Path(ctx.args.file)
    with ctx.progress(N_("Backing up"), None) as bar:
        last = [0]

        def progress(done: int, total: int) -> None:
            bar.advance(done - last[0])
            last[0] = done

        made = maintenance.backup(ctx.uow(), ctx.actor(), target, progress)
    ctx.say(
        ngettext(
            "Backed up to {path}, with its {contents} attachment content ({size}) in "
            "{files} beside it: the two together are a whole desk.",
            "Backed up to {path}, with its {contents} attachment contents ({size}) in "
            "{files} beside it: the two together are a whole desk.",
            made.contents,
        ).format(
            path=ctx.show(str(target)),
            contents=formats.number(made.contents),
            size=_size(made.bytes),
            files=ctx.show(str(made.files)),
        )
    )
    if made.not_copied:
        print(
            ngettext(
                "error: {count} attachment content the desk points to is missing or damaged "
                "in its own file store, so the backup lacks it too ({digest}); "
                "desktui db check lists it",
                "error: {count} attachment contents the desk points to are missing or damaged "
                "in its own file store, so the backup lacks them too (the first: {digest}); "
                "desktui db check lists them",
                len(made.not_copied),
            ).format(count=formats.number(len(made.not_copied)), digest=made.not_copied[0]),
            file=sys.stderr,
        )
        return 1
    return 0


def db_check(ctx: Context) -> int:
    repaired = maintenance.repair(ctx.uow(), ctx.actor()) if ctx.args.repair else []
    problems = maintenance.check(ctx.read_uow(), ctx.actor())
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


def db_migrate(ctx: Context) -> int:
    from ..domain.values import case_number
    from ..locations import server_files_dir
    from ..tools.migration import migrate

    a = ctx.args
    with ctx.progress(N_("Migrating rows"), None) as bar:
        report = migrate(
            a.source,
            a.target,
            source_files=a.from_files,
            target_files=server_files_dir(a.files),
            as_user=a.as_user,
            on_rows=bar.advance,
        )
    files = report.files
    if ctx.json:
        ctx.emit_json(
            {
                "ok": report.ok,
                "source": report.source,
                "target": report.target,
                "rows": report.rows,
                "seconds": round(report.seconds, 3),
                "next_case": case_number(report.next_case),
                "tables": [
                    {
                        "table": check.table,
                        "rows": check.target_rows,
                        "checksum": check.target_checksum,
                        "ok": check.ok,
                    }
                    for check in report.tables
                ],
                "files": {
                    "contents": files.contents,
                    "copied": files.copied,
                    "present": files.present,
                    "bytes": files.bytes,
                    "folder": str(files.folder) if files.folder else None,
                },
            }
        )
        return 0
    width = max(len(check.table) for check in report.tables)
    ctx.say(f"{_('table'):<{width}}  {_('rows'):>10}  {_('checksum'):<12}  {_('verified')}")
    for check in report.tables:
        verdict = _("ok") if check.ok else _("DIFFERENT")
        ctx.say(
            f"{check.table:<{width}}  {formats.number(check.target_rows):>10}  "
            f"{check.target_checksum[:12]}  {verdict}"
        )
    if files.contents:
        ctx.say(
            ngettext(
                "Attachments: {contents} content ({size} copied, {present} there "
                "already) in {folder}, checked by its SHA-256.",
                "Attachments: {contents} contents ({size} copied, {present} there "
                "already) in {folder}, each checked by its SHA-256.",
                files.contents,
            ).format(
                contents=formats.number(files.contents),
                size=_size(files.bytes),
                present=formats.number(files.present),
                folder=ctx.show(str(files.folder)),
            )
        )
    ctx.say(
        ngettext(
            "Migrated {rows} row from {source} to {target} in {seconds} s; "
            "the next case will be {number}.",
            "Migrated {rows} rows from {source} to {target} in {seconds} s; "
            "the next case will be {number}.",
            report.rows,
        ).format(
            rows=formats.number(report.rows),
            source=ctx.show(report.source),
            target=ctx.show(report.target),
            seconds=formats.number(report.seconds, 1),
            number=case_number(report.next_case),
        )
    )
    return 0


def _size(count: int) -> str:
    if count < 1024:
        return f"{formats.number(count)} B"
    if count < 1024 * 1024:
        return f"{formats.number(count / 1024, 1)} KiB"
    return f"{formats.number(count / 1024 / 1024, 1)} MiB"
