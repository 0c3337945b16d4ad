"""Working a case from the shell: time entries, events, tasks, files, notifications, SLA."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, date, datetime, time

import pytest

from deskTUI.services.identity import os_login

ME = os_login()


def local(day: date, clock: time) -> datetime:
    """A wall-clock time in the operator's zone, as the CLI reads ``--start 09:00``."""
    return datetime.combine(day, clock).astimezone()


def utc_clock(day: date, clock: time) -> str:
    return local(day, clock).astimezone(UTC).strftime("%H:%M")


# -- time log --------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["1h30m", "1:30", "90m", "1.5"])
def test_time_log_reads_every_way_of_writing_ninety_minutes(shop, written):
    number = shop.working_case()
    entry = shop.json("time", "log", number, "--duration", written, as_="ana")
    assert entry["minutes"] == 90
    assert (entry["start"], entry["end"]) == (None, None)


def test_time_log_confirms_in_words_and_json_is_the_entry(shop):
    number = shop.working_case()
    out = shop.ok("time", "log", number, "--duration", "1h30m", "--note", "tóner", as_="ana").out
    assert out == f"Logged 1h30m on {number} (entry 1).\n"
    entry = shop.json(
        "time",
        "log",
        number,
        "--date",
        "2026-03-02",
        "--start",
        "09:00",
        "--end",
        "10:15",
        "--note",
        "Cambio de fusor",
        as_="ana",
    )
    assert {"id", "case_id", "work_date", "minutes", "description", "billable", "start", "end"} <= (
        set(entry)
    )
    assert entry["id"] == 2
    assert (entry["work_date"], entry["minutes"], entry["billable"]) == ("2026-03-02", 75, False)
    assert entry["description"] == "Cambio de fusor"
    assert datetime.fromisoformat(entry["start"]) == local(date(2026, 3, 2), time(9, 0))
    assert datetime.fromisoformat(entry["end"]) == local(date(2026, 3, 2), time(10, 15))
    assert datetime.fromisoformat(entry["start"]).utcoffset().total_seconds() == 0  # stored UTC


def test_time_log_without_a_date_is_today_and_billable_follows_the_case(shop):
    number = shop.working_case("--billable", "--contract", shop.contract)
    entry = shop.json("time", "log", number, "--duration", "1h", as_="ana")
    assert entry["work_date"] == date.today().isoformat()
    assert entry["billable"] is True
    free = shop.json("time", "log", number, "--duration", "30m", "--no-billable", as_="ana")
    assert free["billable"] is False


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "Say how long: --start HH:MM --end HH:MM, or --duration 1h30m"),
        (("--start", "10:00"), "Give both --start and --end, or --duration instead"),
        (
            ("--start", "10:00", "--end", "11:00", "--duration", "1h"),
            "Give --start and --end, or --duration, not both",
        ),
        (
            ("--start", "11:00", "--end", "10:00"),
            "The end time 10:00 is before the start time 11:00; for work past midnight, log two "
            "activities: until midnight, then from midnight on the next day",
        ),
        (
            ("--start", "9am", "--end", "10:00"),
            "The start time '9am' is not a time of day: write HH:MM",
        ),
        (("--duration", "25h"), "A time entry lasts at most 24 hours; 25h is longer"),
        (("--duration", "0m"), "A time entry must last more than zero minutes"),
        (("--duration", "rato"), "'rato' is not a duration: write 1h30m, 1:30, 90m or 1.5 (hours)"),
        (
            ("--duration", "1h", "--date", "21/11/2026"),
            "The date '21/11/2026' is not a date: write mm/dd/yyyy or yyyy-mm-dd",
        ),
        (
            ("--duration", "1h", "--billable"),
            "CS-000001 is not billable, so its time cannot be billed",
        ),
        (
            ("--duration", "1h", "--executor", "maria"),
            "maria is a client; only staff log time",
        ),
    ],
)
def test_time_log_refuses_every_malformed_entry_and_writes_nothing(shop, args, says):
    shop.working_case()
    shop.refused("time", "log", "CS-000001", *args, as_="sofia", says=says)


def test_one_persons_timed_entries_cannot_overlap(shop):
    number = shop.working_case()
    day = ("--date", "2026-03-02")
    shop.ok("time", "log", number, *day, "--start", "10:00", "--end", "11:00", as_="ana")
    shop.ok("time", "log", number, *day, "--start", "11:00", "--end", "11:30", as_="ana")  # touch
    start, end = utc_clock(date(2026, 3, 2), time(10)), utc_clock(date(2026, 3, 2), time(11))
    shop.refused(
        "time",
        "log",
        number,
        *day,
        "--start",
        "10:30",
        "--end",
        "12:00",
        as_="ana",
        contains=f"ana already logged {start}–{end} UTC on ",
    )
    # another person may work at the same time
    shop.ok(
        "time",
        "log",
        number,
        *day,
        "--start",
        "10:30",
        "--end",
        "12:00",
        "--executor",
        "luis",
        as_="sofia",
    )


def test_who_may_log_time_and_for_whom(shop):
    number = shop.working_case()
    shop.refused(
        "time",
        "log",
        number,
        "--duration",
        "1h",
        as_="luis",
        says=f"There is no case {number} that luis can see",
    )
    shop.refused(
        "time",
        "log",
        number,
        "--duration",
        "1h",
        "--executor",
        "luis",
        as_="ana",
        says=f"ana (agent) may not edit {number}: only an admin or a supervisor of its area may",
    )
    shop.refused(
        "time",
        "log",
        number,
        "--duration",
        "1h",
        as_="maria",
        says=f"maria (client) may not log time on {number}: only an admin, a supervisor of its "
        "area or its assignee may",
    )
    shop.ok("time", "log", number, "--duration", "1h", "--executor", "luis", as_="sofia")
    entries = shop.json("time", "list", number)["entries"]
    assert [e["executor"] for e in entries] == ["luis"]


def test_finished_and_cancelled_cases_take_no_time(shop):
    finished = shop.working_case()
    shop.ok("case", "move", finished, "finished", "--solution", "ok", as_="ana")
    shop.refused(
        "time",
        "log",
        finished,
        "--duration",
        "1h",
        as_="ana",
        says=f"{finished} is finished: reopen it before changing its time entries",
    )
    cancelled = shop.working_case()
    shop.ok("case", "move", cancelled, "cancelled", "--note", "duplicado", as_="sofia")
    shop.refused(
        "time",
        "log",
        cancelled,
        "--duration",
        "1h",
        says=f"{cancelled} is cancelled: a cancelled case is closed for good",
    )


def test_billable_time_on_a_case_without_contract_waits_for_the_approved_quote(shop):
    number = shop.open_case("--billable")
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.refused(
        "time",
        "log",
        number,
        "--duration",
        "1h",
        as_="ana",
        says=f"Cannot log billable time on {number}: it has no contract, so its quote must be "
        "approved first (the quote is pending)",
    )
    shop.ok("time", "log", number, "--duration", "1h", "--no-billable", as_="ana")


# -- time list, edit, delete --------------------------------------------------------------


def test_time_list_shows_entries_and_totals_with_cost_as_a_decimal_string(shop):
    number = shop.working_case("--billable", "--contract", shop.contract, "--estimate", "3h")
    shop.ok("case", "edit", number, "--cost-per-hour", "25.50")
    shop.ok("time", "log", number, "--duration", "1h30m", "--note", "diagnóstico", as_="ana")
    shop.ok("time", "log", number, "--duration", "45m", "--no-billable", as_="ana")
    listing = shop.json("time", "list", number)
    assert set(listing) == {
        "entries",
        "total_minutes",
        "billable_minutes",
        "non_billable_minutes",
        "cost",
        "estimate_minutes",
        "remaining_minutes",
    }
    assert [(e["minutes"], e["billable"], e["executor"]) for e in listing["entries"]] == [
        (90, True, "ana"),
        (45, False, "ana"),
    ]
    assert (listing["total_minutes"], listing["billable_minutes"]) == (135, 90)
    assert listing["non_billable_minutes"] == 45
    assert listing["cost"] == "38.25"
    assert (listing["estimate_minutes"], listing["remaining_minutes"]) == (180, 45)
    out = shop.ok("time", "list", number).out.splitlines()
    assert out[0].split() == [
        "ID",
        "DATE",
        "TIME",
        "DURATION",
        "BILLABLE",
        "BY",
        "ARTICLE",
        "ACTIVITY",
    ]
    assert out[-1] == ("total 2h15m · billable 1h30m · non-billable 45m · estimate 3h · cost 38.25")
    totals = shop.show(number)["totals"]
    assert totals["cost"] == "38.25" and totals["overrun"] is False


def test_time_edit_and_delete_by_the_executor_or_a_supervisor_only(shop):
    number = shop.working_case()
    shop.ok("time", "log", number, "--duration", "1h", as_="ana")
    assert shop.ok("time", "edit", "1", "--duration", "2h", as_="ana").out == (
        "Entry 1 is now 2h.\n"
    )
    shop.ok("time", "edit", "1", "--note", "revisado", as_="sofia")
    shop.ok("case", "assign", number, "luis", as_="sofia")  # handed over mid-work
    shop.refused(
        "time",
        "edit",
        "1",
        "--duration",
        "3h",
        as_="luis",
        says=f"luis may only change their own time entries on {number}",
    )
    shop.refused("time", "delete", "1", as_="luis", contains="luis may only change")
    shop.refused("time", "edit", "99", "--duration", "1h", says="There is no time entry 99")
    shop.refused("time", "delete", "99", says="There is no time entry 99")
    entry = shop.json("time", "list", number)["entries"][0]
    assert (entry["minutes"], entry["description"]) == (120, "revisado")
    assert shop.ok("time", "delete", "1", as_="sofia").out == "Deleted entry 1.\n"
    assert shop.json("time", "list", number)["entries"] == []
    logged = [e["new"] for e in shop.show(number)["log"] if e["kind"] == "time"]
    assert logged[0].startswith("logged 1h on ") and logged[-1].startswith("deleted 2h on ")


def test_time_edit_follows_the_same_rules_as_logging(shop):
    number = shop.working_case()
    day = ("--date", "2026-03-02")
    shop.ok("time", "log", number, *day, "--start", "09:00", "--end", "10:00", as_="ana")
    shop.ok("time", "log", number, *day, "--start", "10:00", "--end", "11:00", as_="ana")
    shop.refused(
        "time", "edit", "2", *day, "--start", "09:30", "--end", "10:30", as_="ana",
        contains="entries of one person cannot overlap",
    )  # fmt: skip
    shop.refused(
        "time",
        "edit",
        "2",
        "--duration",
        "30h",
        as_="ana",
        says="A time entry lasts at most 24 hours; 30h is longer",
    )
    shop.ok("case", "move", number, "finished", "--solution", "ok", as_="ana")
    finished = f"{number} is finished: reopen it before changing its time entries"
    shop.refused("time", "edit", "2", "--duration", "2h", as_="ana", says=finished)
    shop.refused("time", "delete", "2", as_="ana", says=finished)


def test_time_edit_of_the_clock_times_keeps_the_entry_on_its_own_day(shop):
    number = shop.working_case()
    day = date(2026, 3, 2)
    shop.ok(
        "time", "log", number, "--date", day.isoformat(), "--start", "10:00", "--end", "11:00",
        as_="ana",
    )  # fmt: skip
    shop.ok("time", "edit", "1", "--start", "14:00", "--end", "15:00", as_="ana")
    entry = shop.json("time", "list", number)["entries"][0]
    assert entry["work_date"] == day.isoformat()
    assert datetime.fromisoformat(entry["start"]) == local(day, time(14))


def test_time_edit_of_the_date_moves_a_timed_entry_with_its_clock_times(shop):
    number = shop.working_case()
    shop.ok(
        "time", "log", number, "--date", "2026-03-02", "--start", "10:00", "--end", "11:00",
        as_="ana",
    )  # fmt: skip
    shop.ok("time", "edit", "1", "--date", "2026-03-04", as_="ana")
    entry = shop.json("time", "list", number)["entries"][0]
    assert entry["work_date"] == "2026-03-04"
    assert datetime.fromisoformat(entry["start"]) == local(date(2026, 3, 4), time(10))


# -- events and tasks -------------------------------------------------------------------


def test_events_are_planned_marked_and_counted_on_the_case(shop):
    number = shop.working_case()
    event = shop.json(
        "event",
        "add",
        number,
        "--kind",
        "call",
        "--title",
        "Llamar a María",
        "--start",
        "2026-03-02T10:00",
        "--end",
        "2026-03-02T10:30",
        as_="ana",
    )
    assert {"id", "title", "kind", "start", "end", "owner_id", "case_id", "status"} <= set(event)
    assert (event["id"], event["kind"], event["status"]) == (1, "call", "planned")
    assert datetime.fromisoformat(event["start"]) == local(date(2026, 3, 2), time(10))
    assert shop.ok(
        "event", "add", number, "--kind", "visit", "--title", "Visita", "--start",
        "2026-03-03T09:00", "--end", "2026-03-03T11:00", "--owner", "luis", as_="sofia",
    ).out == "Planned event 2.\n"  # fmt: skip
    assert shop.ok("event", "set", "1", "held", as_="ana").out == "Event 1 is held.\n"
    shop.ok("event", "set", "2", "not_held", as_="luis")  # the owner, though not on the case
    counters = shop.show(number)["counters"]["events"]
    assert {k: counters[k] for k in ("total", "planned", "held", "not_held")} == {
        "total": 2,
        "planned": 0,
        "held": 1,
        "not_held": 1,
    }
    assert datetime.fromisoformat(counters["first"]) == local(date(2026, 3, 2), time(10))
    assert datetime.fromisoformat(counters["last"]) == local(date(2026, 3, 3), time(9))


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (
            ("--start", "mañana", "--end", "2026-03-02T10:30"),
            "ana",
            "The start 'mañana' is not a date and time: write 2026-03-02T14:30",
        ),
        (
            ("--start", "2026-03-02T10:30", "--end", "2026-03-02T10:00"),
            "ana",
            None,
        ),
        (
            ("--start", "2026-03-02T10:30", "--end", "2026-03-02T11:00", "--owner", "maria"),
            "sofia",
            "maria is a client; events belong to staff",
        ),
        (
            ("--start", "2026-03-02T10:30", "--end", "2026-03-02T11:00", "--owner", "luis"),
            "ana",
            "ana (agent) may not assign CS-000001: only an admin or a supervisor of its area may",
        ),
        (
            ("--start", "2026-03-02T10:30", "--end", "2026-03-02T11:00"),
            "maria",
            "maria (client) may not schedule events and tasks for CS-000001: only an admin, a "
            "supervisor of its area or its assignee may",
        ),
    ],
)
def test_event_add_refuses_bad_times_wrong_owners_and_clients(shop, args, login, says):
    shop.working_case()
    result = shop.refused(
        "event", "add", "1", "--kind", "call", "--title", "X", *args, as_=login, says=says
    )
    if says is None:
        assert "which is not after its start" in result.err


def test_events_and_tasks_at_the_same_moment_keep_their_order_once_one_changes(shop):
    number = shop.working_case()
    for title in ("Primera", "Segunda"):
        shop.ok(
            "event", "add", number, "--kind", "call", "--title", title,
            "--start", "2026-03-05T09:00", "--end", "2026-03-05T09:30", as_="ana",
        )  # fmt: skip
        shop.ok("task", "add", number, "--title", title, "--due", "2026-03-05", as_="ana")
    shop.ok("event", "set", "1", "held", as_="ana")  # a changed row is written anew
    shop.ok("task", "set", "1", "completed", as_="ana")
    case = shop.show(number)
    assert [(e["id"], e["title"]) for e in case["events"]] == [(1, "Primera"), (2, "Segunda")]
    assert [(t["id"], t["title"]) for t in case["tasks"]] == [(1, "Primera"), (2, "Segunda")]
    items = shop.json("agenda", "--day", "2026-03-05", "--span", "day", as_="ana")["items"]
    assert [(i["kind"], i["id"]) for i in items] == [
        ("task", 1), ("task", 2), ("event", 1), ("event", 2),
    ]  # fmt: skip


def test_tasks_are_added_completed_and_counted_and_only_the_right_people_change_them(shop):
    number = shop.working_case()
    task = shop.json(
        "task", "add", number, "--title", "Comprar tóner", "--due", "2026-03-05", as_="ana"
    )
    assert {"id", "title", "due", "owner_id", "case_id", "status"} <= set(task)
    assert (task["due"], task["status"]) == ("2026-03-05", "not_started")
    shop.refused(
        "task",
        "add",
        number,
        "--title",
        "X",
        "--due",
        "pronto",
        as_="ana",
        says="The due date 'pronto' is not a date: write mm/dd/yyyy or yyyy-mm-dd",
    )
    shop.refused(
        "task",
        "set",
        "1",
        "completed",
        as_="maria",
        says=f"maria (client) may not update events and tasks of {number}: only an admin, a "
        "supervisor of its area or its assignee may",
    )
    shop.refused("task", "set", "9", "completed", says="There is no task 9")
    assert shop.ok("task", "set", "1", "completed", as_="ana").out == "Task 1 is completed.\n"
    counters = shop.show(number)["counters"]["tasks"]
    assert (counters["total"], counters["not_started"], counters["completed"]) == (1, 0, 1)
    shop.usage_error("task", "set", "1", "done")


def test_a_cancelled_case_takes_no_events_tasks_or_files(shop, tmp_path):
    number = shop.working_case()
    shop.ok("case", "move", number, "cancelled", "--note", "duplicado", as_="sofia")
    closed = f"{number} is cancelled: a cancelled case is closed for good"
    shop.refused(
        "event", "add", number, "--kind", "call", "--title", "X", "--start",
        "2026-03-02T10:00", "--end", "2026-03-02T11:00", says=closed,
    )  # fmt: skip
    shop.refused("task", "add", number, "--title", "X", "--due", "2026-03-05", says=closed)
    paper = tmp_path / "nota.txt"
    paper.write_text("hola")
    shop.refused("file", "add", number, str(paper), says=closed)


# -- files -------------------------------------------------------------------------------


def test_files_are_stored_by_digest_reviewed_and_counted(shop, tmp_path):
    number = shop.working_case()
    content = b"%PDF-1.4 informe de la visita"
    report = tmp_path / "informe.pdf"
    report.write_bytes(content)
    item = shop.json("file", "add", number, str(report), as_="ana")
    digest = hashlib.sha256(content).hexdigest()
    assert {"id", "name", "size", "media_type", "sha256", "review"} <= set(item)
    assert (item["name"], item["size"], item["media_type"]) == (
        "informe.pdf",
        len(content),
        "application/pdf",
    )
    assert (item["sha256"], item["review"]) == (digest, "pending")
    store = shop.files
    assert [p.read_bytes() for p in store.rglob(digest)] == [content]
    assert shop.ok("file", "add", number, str(report), as_="maria").out == (
        f"Attached informe.pdf ({len(content)} bytes) as file 2.\n"
    )
    assert shop.ok("file", "review", "1", "valid", as_="ana").out == "File 1 is valid.\n"
    shop.ok("file", "review", "2", "rejected", "--reason", "Wrong visit", as_="sofia")
    shop.refused(
        "file",
        "review",
        "2",
        "valid",
        as_="maria",
        says=f"maria (client) may not review files of {number}: only an admin, a supervisor of "
        "its area or its assignee may",
    )
    shop.refused("file", "review", "99", "valid", says="There is no file 99")
    counters = shop.show(number)["counters"]["files"]
    assert counters == {"total": 2, "pending": 0, "valid": 1, "rejected": 1}


def test_file_add_refuses_missing_files_and_symbolic_links(shop, tmp_path):
    number = shop.working_case()
    missing = tmp_path / "nada.pdf"
    shop.refused("file", "add", number, str(missing), says=f"{missing} is not a readable file")
    real = tmp_path / "real.txt"
    real.write_text("x")
    link = tmp_path / "enlace.txt"
    os.symlink(real, link)
    shop.refused(
        "file", "add", number, str(link), says=f"{link} is a symbolic link; attach the file itself"
    )
    shop.refused(
        "file",
        "add",
        number,
        str(real),
        as_="gloria",
        says=f"There is no case {number} that gloria can see",
    )


# -- notifications -------------------------------------------------------------------------


def test_notifications_list_unread_first_and_mark_them_read(shop):
    number = shop.open_case()
    shop.ok("case", "assign", number, "ana", as_="sofia")
    out = shop.ok("notifications", as_="ana").out
    assert out.startswith("* ") and out.endswith(
        f" sofia assigned you {number}: La impresora no imprime\n"
    )
    items = shop.json("notifications", "--unread", "--mark-read", as_="ana")
    assert len(items) == 1
    assert set(items[0]) == {"id", "kind", "message", "case", "created_at", "read"}
    assert (items[0]["kind"], items[0]["case"], items[0]["read"]) == (
        "assignment",
        number,
        False,
    )
    assert shop.json("notifications", "--unread", as_="ana") == []
    assert [n["read"] for n in shop.json("notifications", as_="ana")] == [True]
    assert shop.json("notifications", as_="luis") == []


# -- SLA -------------------------------------------------------------------------------------


def test_sla_show_has_the_default_targets_and_admins_change_them(shop):
    assert shop.json("sla", "show") == {
        "critical": {"first_response_minutes": 60, "resolution_minutes": 240},
        "high": {"first_response_minutes": 240, "resolution_minutes": 1440},
        "medium": {"first_response_minutes": 1440, "resolution_minutes": 4320},
        "low": {"first_response_minutes": 2880, "resolution_minutes": 7200},
    }
    assert shop.ok("sla", "set", "critical", "--response", "30m", "--resolution", "2h").out == (
        "critical: first response 30m, resolution 2h.\n"
    )
    assert shop.json("sla", "show", as_="maria")["critical"] == {
        "first_response_minutes": 30,
        "resolution_minutes": 120,
    }
    lines = shop.ok("sla", "show").out.splitlines()
    assert lines[0].split() == ["PRIORITY", "FIRST", "RESPONSE", "RESOLUTION"]
    assert lines[1].split() == ["critical", "30m", "2h"]


@pytest.mark.parametrize(
    ("response", "resolution", "login", "says"),
    [
        ("30m", "2h", "sofia", "sofia (supervisor) may not change settings: only an admin may"),
        ("0", "2h", None, "SLA targets must be more than zero minutes"),
        (
            "3h",
            "2h",
            None,
            "The resolution target cannot be shorter than the first-response target",
        ),
        ("pronto", "2h", None, "'pronto' is not a duration: write 1h30m, 1:30, 90m or 1.5 (hours)"),
    ],
)
def test_sla_set_refuses_non_admins_and_impossible_targets(shop, response, resolution, login, says):
    shop.refused(
        "sla",
        "set",
        "high",
        "--response",
        response,
        "--resolution",
        resolution,
        as_=login,
        says=says,
    )


def test_sla_escalate_tells_the_area_supervisors_once_per_breach(shop, tmp_path):
    old = tmp_path / "old.csv"
    old.write_text(
        "title,client,category,description,priority,created_at\n"
        "Servidor caído,Acme SA,Impresoras,No responde,critical,2026-01-05T08:00:00+00:00\n",
        encoding="utf-8",
    )
    shop.ok("import", "cases", str(old))
    fresh = shop.open_case("--priority", "critical")
    assert shop.show("CS-000001")["sla"]["breached"] is True
    assert shop.show(fresh)["sla"]["breached"] is False
    done = shop.json("sla", "escalate")
    assert done == [
        {"number": "CS-000001", "target": "first_response", "notified": ["sofia"]},
        {"number": "CS-000001", "target": "resolution", "notified": ["sofia"]},
    ]
    assert shop.ok("sla", "escalate").out == "No new breaches.\n"
    told = [n["message"] for n in shop.json("notifications", as_="sofia")]
    assert sorted(told) == [
        "CS-000001 breached its first response target (critical): Servidor caído",
        "CS-000001 breached its resolution target (critical): Servidor caído",
    ]
    log = shop.show("CS-000001")["log"]
    assert [e["field"] for e in log if e["kind"] == "escalation"] == [
        "first_response",
        "resolution",
    ]


def test_every_supervisor_of_the_area_is_told_of_a_breach_in_the_order_they_joined(shop, tmp_path):
    shop.ok("user", "add", "bruno", "--role", "supervisor", "--area", "Soporte")
    shop.ok("user", "set", "sofia", "--name", "Sofía R.")  # a changed row is written anew
    old = tmp_path / "old.csv"
    old.write_text(
        "title,client,category,description,priority,created_at\n"
        "Servidor caído,Acme SA,Impresoras,No responde,critical,2026-01-05T08:00:00+00:00\n",
        encoding="utf-8",
    )
    shop.ok("import", "cases", str(old))
    assert [e["notified"] for e in shop.json("sla", "escalate")] == [["sofia", "bruno"]] * 2


def test_a_client_cannot_run_the_escalation_sweep(shop):
    shop.refused("sla", "escalate", as_="maria", contains="escalation sweeps are run by the desk")


# -- timer -----------------------------------------------------------------------------


def test_a_timer_started_from_the_shell_is_seen_by_another_command_and_stops_into_an_entry(shop):
    number = shop.working_case()
    assert shop.ok("timer", "start", number, "--note", "Cambio de fusor", as_="ana").out == (
        f"Timer running on {number}.\n"
    )
    shown = shop.ok("timer", "show", as_="ana").out
    assert shown.startswith(f"{number} · ") and "running 0m since" in shown
    assert shop.json("timer", "show", as_="ana")["number"] == number
    assert shop.ok("timer", "show", as_="luis").out == "No timer is running.\n"
    [entry] = shop.json("timer", "stop", as_="ana")
    assert (entry["minutes"], entry["description"]) == (1, "Cambio de fusor")
    assert entry["start"] is not None and entry["end"] is not None
    assert shop.ok("timer", "show", as_="ana").out == "No timer is running.\n"


def test_stopping_without_a_timer_is_refused_with_a_sentence(shop):
    shop.refused("timer", "stop", says="No timer is running: start one on a case first", as_="ana")


def test_a_discarded_timer_logs_nothing(shop):
    number = shop.working_case()
    shop.ok("timer", "start", number, as_="ana")
    out = shop.ok("timer", "discard", as_="ana").out
    assert out == f"Discarded the timer on {number}; nothing was logged.\n"
    assert shop.json("time", "list", number)["entries"] == []


# -- agenda and timesheet ----------------------------------------------------------------


def test_the_agenda_from_the_shell_lists_a_days_items_with_their_case(shop):
    number = shop.working_case()
    shop.ok(
        "event", "add", number, "--kind", "call", "--title", "Llamar a María",
        "--start", "2026-03-05T09:00", "--end", "2026-03-05T09:30", as_="ana",
    )  # fmt: skip
    shop.ok("task", "add", number, "--title", "Pedir tóner", "--due", "2026-03-05", as_="ana")
    out = shop.ok("agenda", "--day", "2026-03-05", "--span", "day", as_="ana").out.splitlines()
    assert out[0] == "ana · 3/5/2026 → 3/5/2026 · 2 items"  # the operator's short form
    assert out[2].split() == [
        "3/5/2026",
        "task",
        "Pedir",
        "tóner",
        number,
        "not",  # "not started": the task's status in words (issue 20)
        "started",
        "ana",
        "late",
    ]
    assert out[3].split()[:4] == ["3/5/2026", "09:00–09:30", "call", "Llamar"]
    week = shop.json("agenda", "--day", "2026-03-05", as_="ana")
    assert (week["first"], week["last"], len(week["items"])) == ("2026-03-02", "2026-03-08", 2)
    shop.refused("agenda", "--owner", "ana", as_="luis", contains="only they and their supervisors")
    assert shop.json("agenda", "--area", "Soporte", "--day", "2026-03-05", as_="sofia")["items"]
    for command in ("agenda", "timesheet"):  # a week around this day is no date at all
        shop.refused(
            command, "--day", "9999-12-31", as_="ana", contains="outside the desk's calendar"
        )


def test_the_timesheet_from_the_shell_totals_the_week_and_matches_the_case(shop):
    number = shop.working_case()
    shop.ok("time", "log", number, "--date", "2026-03-03", "--duration", "1h30m", as_="ana")
    shop.ok("time", "log", number, "--date", "2026-03-04", "--duration", "45m", as_="ana")
    out = shop.ok("timesheet", "--day", "2026-03-04", as_="ana").out.splitlines()
    assert out[0].startswith("ana · week of 3/2/2026 · 2h15m (")
    assert out[3].split()[:2] == ["3/3/2026", "1h30m"]
    sheet = shop.json("timesheet", "--day", "2026-03-04", "--owner", "ana", as_="sofia")
    assert sheet["sheet"]["week"]["total_minutes"] == 135
    assert shop.json("time", "list", number)["total_minutes"] == 135
    shop.refused(
        "timesheet", "--owner", "ana", as_="luis", contains="only they and their supervisors"
    )
