"""Moving cases in and out: CSV and JSON export, all-or-nothing CSV import, iCalendar export."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .. import words
from ..domain.case import Case, check_assignee, check_bounds
from ..domain.enums import LogKind, Status
from ..domain.errors import DomainError, ValidationError
from ..domain.people import User
from ..domain.permissions import (
    Action,
    check_reporter,
    require,
)
from ..domain.query import CaseQuery
from ..domain.values import FIRST_DAY, LAST_DAY, parse_case_number
from ..safe_text import from_spreadsheet, to_spreadsheet
from ..store.faults import damaged_value
from ..store.sql_executor import UnitSource
from ..store.uow import UnitOfWork
from .case_list import ListSight, open_listing
from .cases import category_named
from .common import acting, desk_future_tolerance, resolve_user, stored_id
from .records import check_offered

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

COLUMNS = (
    "number",
    "title",
    "status",
    "priority",
    "importance",
    "client",
    "contact",
    "area",
    "category",
    "assignee",
    "reporter",
    "description",
    "solution",
    "created_at",
    "updated_at",
    "planned_start",
    "planned_close",
    "estimate_minutes",
    "billable",
    "cost_per_hour",
    "contract",
    "level",
    "complexity",
    "stage",
    "progress",
    "origin",
    "internal",
    "group",
    "product",
    "case_class",
    "service",
    "support_type",
    "project",
    "sale_order",
    "chat_channel",
)
"""The export's CSV columns, which are also what an import reads."""

_PLAIN = tuple(
    c
    for c in COLUMNS
    if c
    not in {
        "number",
        "client",
        "contact",
        "area",
        "category",
        "assignee",
        "reporter",
        "contract",
        "status",
        "created_at",
        "updated_at",
        "project",  # issue 21: records, by name (the column keeps its name and its text)
        "service",
    }
)
PAGE = 500

_VOCABULARIES: dict[str, type[StrEnum]] = {"status": Status, **words.CASE_VOCABULARIES}
"""The columns whose cells are a vocabulary's codes (status, priority, stage, origin…)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def export_rows(uow: UnitOfWork, actor: User) -> Iterator[dict[str, str]]:
    """Every case the actor can see, oldest first, one page per read transaction."""
    offset = 0
    while True:
        with uow:
            me = acting(uow, actor)
            # Every visible case by number: no SLA condition, so no targets to read.
            sight = ListSight(me, {})
            listing = open_listing(
                UnitSource(uow), sight, CaseQuery(), now=uow.now(), sort="number"
            )
            ids = listing.ids(offset, PAGE)
            if not ids:
                return
            found = [uow.cases.get(i) for i in ids]
            clients = {c.id: c.name for c in uow.clients.list()}
            areas = {a.id: a.name for a in uow.areas.list()}
            categories = {c.id: c.name for c in uow.areas.categories()}
            logins = uow.users.logins(
                {c.assignee_id for c in found} | {c.reporter_id for c in found}
            )
            contacts = {
                c.contact_id: uow.clients.contact(c.contact_id).name for c in found if c.contact_id
            }
            linked = {
                kind: uow.records.names(kind, {getattr(c, f"{kind}_id") for c in found} - {None})
                for kind in ("project", "service")
            }
            rows = [_row(c, clients, areas, categories, logins, contacts) for c in found]
            for case, row in zip(found, rows, strict=True):
                for kind, names in linked.items():
                    row[kind] = names.get(getattr(case, f"{kind}_id"), "")
        yield from rows
        offset += PAGE


def _row(
    case: Case,
    clients: Mapping[Any, str],
    areas: Mapping[Any, str],
    categories: Mapping[Any, str],
    logins: Mapping[Any, str],
    contacts: Mapping[Any, str],
) -> dict[str, str]:
    row = {name: _cell(getattr(case, name)) for name in _PLAIN}
    row.update(
        number=case.number,
        status=case.status.value,
        client=_named(clients, case.client_id, "case's client"),
        contact=contacts.get(case.contact_id, ""),
        area=_named(areas, case.area_id, "case's area"),
        category=_named(categories, case.category_id, "case's category"),
        assignee=logins.get(case.assignee_id, ""),
        reporter=logins.get(case.reporter_id, ""),
        contract=_cell(case.contract_id),
        created_at=_cell(case.created_at),
        updated_at=_cell(case.updated_at),
    )
    return row


def _named(names: Mapping[Any, str], key: Any, what: str) -> str:
    """The name of a row the case points to. The schema keeps these references, so a
    missing one means the file was changed under deskTUI: it is said as damage (the
    unit of work turns it into the sentence `db check` would give), not a KeyError."""
    try:
        return names[key]
    except KeyError:
        raise damaged_value(what, key) from None


def export_csv(
    uow: UnitOfWork,
    actor: User,
    out: SupportsWrite[str],
    on_row: Callable[[int], None] | None = None,
) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    # The csv module quotes a cell holding "\n" (the line terminator) but not one holding a
    # lone "\r", which every reader then takes for the end of the record: such rows are
    # written with every cell quoted, the others as before.
    quoting_all = csv.DictWriter(
        out, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_ALL
    )
    writer.writeheader()
    count = 0
    for row in export_rows(uow, actor):
        # Text that starts like a formula is quoted so a spreadsheet runs nothing; an
        # import takes exactly that quote away again (_unquoted).
        cells = {name: to_spreadsheet(value) for name, value in row.items()}
        (quoting_all if any("\r" in cell for cell in cells.values()) else writer).writerow(cells)
        count += 1
        if on_row is not None:
            on_row(1)
    return count


def _moment(text: str, column: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            "import.datetime",
            "{column} {text!r} is not an ISO date and time",
            column=column,
            text=text,
        ) from None
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        # Within the desk's calendar an offset cannot carry the instant past what Python
        # holds (9999-12-31T23:59:59-12:00 is in year 10000 in UTC, as the store keeps it).
        raise ValidationError(
            "import.datetime_range",
            "{column} {text!r} is outside the desk's calendar ({first} to {last})",
            column=column,
            text=text,
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        )
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def import_csv(
    uow: UnitOfWork,
    actor: User,
    source: Iterable[str],
    now: datetime | None = None,
    on_row: Callable[[int], None] | None = None,
) -> list[str]:
    """Create the file's cases in one transaction: a bad row names its line and nothing is kept.

    Rows keep their number when they bring one (and it is free), their status
    and their timestamps: an import moves history, it does not replay it.
    """
    reader = csv.DictReader(source, strict=True)
    missing = {"title", "client", "category", "description"} - set(_header(reader))
    if missing:
        raise ValidationError(
            "import.columns",
            "The file lacks the column(s) {columns}; export a desk to see the format",
            columns=", ".join(sorted(missing)),
        )
    staged: list[tuple[int, Case]] = []  # each case with the line its record starts on
    # Every row is read and checked in a read transaction, which waits for no writer and
    # holds none up; then one short write transaction stores them all (_store). Checked
    # and stored row by row under the write lock, 20,000 rows kept every other writer
    # (and, before reads ran apart, every reader) waiting for minutes.
    with UnitOfWork(uow.db, clock=uow.clock, readonly=True) as checking:
        me = acting(checking, actor)
        require(me, Action.MANAGE_USERS)
        stamp = now or checking.now()
        latest = stamp + desk_future_tolerance(checking)  # read once, not once a row
        seen: set[int] = set()
        line = reader.line_num + 1  # where the next record starts (records may span lines)
        for cells in _records(reader):
            first_line, line = line, reader.line_num + 1
            row = _unquoted(cells)
            try:
                case = _case_from(checking, row, me, stamp, latest)
                if case.id is not None:
                    if case.id in seen or checking.cases.exists(case.id):
                        raise _taken(case)
                    seen.add(case.id)
                updated = case.updated_at
                case.record(me, stamp, LogKind.OPENED, new=case.title, note="imported")
                case.updated_at = updated  # the history's own time, not the import's
                checking.cases.check_new(case)
            except DomainError as error:
                raise _on_line(first_line, error) from None
            staged.append((first_line, case))
            if on_row is not None:
                on_row(1)
    return _store(uow, actor, staged)


def _store(uow: UnitOfWork, actor: User, staged: list[tuple[int, Case]]) -> list[str]:
    """The checked cases in one short write transaction, all or none. Measured with
    20,000 rows on a busy two-core machine: the write lock is held 4-6 s of a 37-70 s
    import (0.55 s for 2,000 rows), where it was held for the whole import (310-390 s).

    What may have changed since the rows were read is checked again: that the actor may
    still import, and that no number a row brings was taken meanwhile. A name a row
    refers to that was removed meanwhile fails the insert (a foreign key), and nothing
    is kept.
    """
    with uow:
        require(acting(uow, actor), Action.MANAGE_USERS)
        taken = uow.cases.existing([case.id for _, case in staged if case.id is not None])
        for line, case in staged:
            if case.id in taken:
                raise _on_line(line, _taken(case))
        uow.cases.add_many([case for _, case in staged])
        uow.commit()
    return [case.number for _, case in staged]


def _taken(case: Case) -> ValidationError:
    return ValidationError("import.number_taken", "{number} exists already", number=case.number)


def _header(reader: csv.DictReader[str]) -> list[str]:
    """The file's column names, or a sentence when its first record is not CSV."""
    try:
        return list(reader.fieldnames or ())
    except csv.Error as error:
        raise _not_csv(1, error) from None


def _records(reader: csv.DictReader[str]) -> Iterator[dict[str, Any]]:
    """The file's records, or a sentence naming the line where it stops being CSV: the
    csv module raises its own error on a cell past its size limit or a quote left open
    (a traceback before; an open quote silently swallowed the rest of the file)."""
    while True:
        starts = reader.line_num + 1  # a record may span lines: name where it starts
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _not_csv(starts, error) from None
        yield cells


def _not_csv(line: int, error: csv.Error) -> ValidationError:
    reason = str(error)
    if "field limit" in reason:
        return ValidationError(
            "import.cell_too_long",
            "Line {line}: a cell is longer than {limit:,} characters, more than any field "
            "of a case holds; nothing was imported",
            line=line,
            limit=csv.field_size_limit(),
        )
    return ValidationError(
        "import.not_csv",
        "Line {line}: the file is not CSV from here ({reason}); nothing was imported",
        line=line,
        reason=reason,
    )


def _on_line(line: int, error: DomainError) -> ValidationError:
    return ValidationError(
        "import.row", "Line {line}: {reason}; nothing was imported", line=line, reason=str(error)
    )


def _unquoted(cells: dict[str, Any]) -> dict[str, Any]:
    """A row's cells as the export wrote them before quoting formula-like text (a cell
    missing from a short row stays None; extra cells, a list under None, are left as read)."""
    return {
        name: from_spreadsheet(value) if isinstance(value, str) else value
        for name, value in cells.items()
    }


def _case_from(
    uow: UnitOfWork, row: dict[str, str], me: User, stamp: datetime, latest: datetime
) -> Case:
    """One row as a case, every value checked by the same rules as typing it in
    (``latest``: the last moment an imported one may bear)."""
    # "Alta", "En proceso" (either language's words) read as the codes the export writes
    row = words.coded(row, _VOCABULARIES)
    client = uow.clients.by_name((row.get("client") or "").strip())
    area = uow.areas.by_name(row["area"].strip()) if row.get("area") else None
    category = category_named(uow, (row.get("category") or "").strip(), area.id if area else None)
    if area is not None and category.area_id != area.id:
        raise ValidationError(
            "import.category",
            "{category!r} is not a category of {area!r}",
            category=category.name,
            area=area.name,
        )
    contact = (
        uow.clients.contact_by_name(stored_id(client), row["contact"])
        if row.get("contact")
        else None
    )
    fields: dict[str, Any] = {k: row[k] for k in _PLAIN if row.get(k) not in (None, "")}
    fields["description"] = row.get("description") or ""
    created = _moment(row["created_at"], "created_at") if row.get("created_at") else stamp
    updated = _moment(row["updated_at"], "updated_at") if row.get("updated_at") else created
    _check_history(created, updated, latest)
    contract_id = _whole(row.get("contract"), "contract")
    if contract_id is not None:
        contract = uow.contracts.get(contract_id)
        if contract.client_id != client.id:
            raise ValidationError(
                "import.contract_client",
                "{contract} belongs to another client than {client!r}",
                contract=contract.label,
                client=client.name,
            )
    # A project or a service by its name, as the export writes it: one the desk does not
    # have is refused (created, a typo would make a record no one meant).
    for kind in ("project", "service"):
        if (name := (row.get(kind) or "").strip()) != "":
            fields[f"{kind}_id"] = uow.records.by_name(kind, name).id
    reporter = resolve_user(uow, row["reporter"]) if row.get("reporter") else me
    assignee = resolve_user(uow, row["assignee"]) if row.get("assignee") else None
    case = Case(
        client_id=stored_id(client),
        category_id=stored_id(category),
        area_id=category.area_id,
        contact_id=contact.id if contact else None,
        reporter_id=reporter.id,
        assignee_id=assignee.id if assignee else None,
        contract_id=contract_id,
        status=row.get("status") or Status.NEW.value,  # type: ignore[arg-type]  # parsed and checked by Case
        created_at=created,
        updated_at=updated,
        id=parse_case_number(row["number"]) if row.get("number") else None,
        **fields,
    )
    check_bounds({name: getattr(case, name) for name in fields})  # cost per hour, estimate
    # The rules of the commands, not a second copy: who may have opened it (open_case),
    # who may be given it (case assign).
    check_reporter(reporter, case)
    check_offered(uow, case)  # a deactivated area, category or client takes no new case
    if assignee is not None:
        check_assignee(case, assignee)
    return case


def _check_history(created: datetime, updated: datetime, latest: datetime) -> None:
    """An import moves history, so its moments are past and in order: a case opened in
    2030, or updated before it was opened, would count on the board, in the reports and
    on the agenda as work that was never done (the same tolerance for clocks as time)."""
    for moment, column in ((created, "created_at"), (updated, "updated_at")):
        if moment > latest:
            raise ValidationError(
                "import.future",
                "{column} {moment} is after now: an import brings what has happened",
                column=column,
                moment=moment.isoformat(timespec="minutes"),
            )
    if updated < created:
        raise ValidationError(
            "import.updated_before_created",
            "updated_at {updated} is before created_at {created}",
            updated=updated.isoformat(timespec="minutes"),
            created=created.isoformat(timespec="minutes"),
        )


def _whole(text: str | None, column: str) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            "import.integer", "{column} {text!r} is not a whole number", column=column, text=text
        ) from None
