"""The demo desk's histories are causal (issue 18): each case's log starts with its opening
and runs forward; its assignee comments and logs time only once assigned; no work ends
after the demo's now; its updated stamp is its latest moment; a description that says a
file came with it has that file. Built at 01:26 UTC, when the old demo logged the day's
work from 12:00 to 23:10."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from sqlalchemy import text

from deskTUI.tools.demo import build as demo  # build_demo, and the knobs tests turn

NOW = datetime(2026, 3, 2, 1, 26, tzinfo=UTC)
SAYS_IT_CAME_WITH = {"Adjunta captura": "captura.png", "sent logs": "error.log"}


def instant(value: object) -> datetime:
    """A stored time as an aware UTC instant (SQLite gives text, PostgreSQL datetimes)."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def rows(db, sql: str) -> dict[int, list[tuple]]:
    """Rows by case id (the first column), in id order."""
    out: dict[int, list[tuple]] = defaultdict(list)
    with db.engine.connect() as connection:
        for row in connection.execute(text(sql)):
            out[row[0]].append(tuple(row[1:]))
    return out


@pytest.mark.parametrize("parallel_from", [100_000, 200], ids=["one-seed", "two-halves"])
def test_every_demo_case_history_is_in_causal_order_and_nothing_is_in_the_future(
    db, monkeypatch, parallel_from
):
    """Both ways of generating: one seed, and a large desk's two halves (whose second
    half's people log their work in the morning)."""
    monkeypatch.setattr(demo, "PARALLEL_FROM", parallel_from)
    demo.build_demo(db, "root", cases=300, seed=1, now=NOW)
    cases = {
        case_id: (instant(created), instant(updated), assignee, description)
        for case_id, [(created, updated, assignee, description)] in rows(
            db, "SELECT id, created_at, updated_at, assignee_id, description FROM support_case"
        ).items()
    }
    log = rows(db, "SELECT case_id, at, kind, field, new FROM case_log ORDER BY id")
    comments = rows(db, "SELECT case_id, created_at, author_id FROM case_comment ORDER BY id")
    entries = rows(db, "SELECT case_id, start_at, end_at, executor_id FROM time_entry ORDER BY id")
    files = rows(db, "SELECT case_id, name FROM attachment ORDER BY id")
    events = rows(db, "SELECT case_id, end_at, status FROM calendar_event ORDER BY id")
    tasks = rows(db, "SELECT case_id, due, status FROM calendar_task ORDER BY id")
    assert len(cases) == 300 and sum(map(len, entries.values())) > 100
    wrong: list[str] = []
    for case_id, (created, updated, assignee, description) in cases.items():
        lines = log[case_id]
        times = [instant(at) for at, *_ in lines]
        if lines[0][1] != "opened" or times[0] != created:
            wrong.append(f"{case_id}: the log does not start with the opening")
        if times != sorted(times):
            wrong.append(f"{case_id}: log lines out of order {times}")
        assigned = next(
            (instant(at) for at, _kind, field, new in lines if field == "assignee_id" and new),
            None,
        )
        moments = list(times)
        for at, author in comments[case_id]:
            moments.append(instant(at))
            if author == assignee and (assigned is None or instant(at) < assigned):
                wrong.append(f"{case_id}: its assignee commented before the assignment")
        for start, end, executor in entries[case_id]:
            moments.append(instant(end))
            if assigned is None or instant(start) < assigned or executor != assignee:
                wrong.append(f"{case_id}: time logged before it was assigned")
            if instant(end) > NOW:
                wrong.append(f"{case_id}: an entry ends at {end}, after now")
        if max(moments) > updated:
            wrong.append(f"{case_id}: updated {updated} before its own {max(moments)}")
        if updated > NOW or max(moments) > NOW:
            wrong.append(f"{case_id}: a moment after now")
        for end, status in events[case_id]:
            if status != "planned" and instant(end) > NOW:
                wrong.append(f"{case_id}: a {status} event ends after now")
        for due, status in tasks[case_id]:
            if status == "completed" and str(due)[:10] > NOW.date().isoformat():
                wrong.append(f"{case_id}: a task completed before it was due, due {due}")
        for words, name in SAYS_IT_CAME_WITH.items():
            if words in description and (name,) not in files[case_id]:
                wrong.append(f"{case_id}: says {words!r} and has no {name}")
    wrong += later_facts_in_order(db, {i: (c[0], c[1]) for i, c in cases.items()})
    assert wrong == [], f"{len(wrong)} inconsistencies, first: {wrong[:5]}"


ENTRIES = "SELECT case_id, start_at, end_at, executor_id FROM time_entry WHERE start_at IS NOT NULL"


def later_facts_in_order(db, opened_updated: dict) -> list[str]:
    """What else a case's history holds is no older than the case and not in the future:
    comments, files, surveys and contract posts; nobody works two cases at once, and no
    work ends after the case was finished or cancelled (issue 18 review)."""
    wrong: list[str] = []
    dated = {
        "comment": "SELECT case_id, created_at FROM case_comment",
        "file": "SELECT case_id, uploaded_at FROM attachment",
        "survey": "SELECT case_id, answered_at FROM survey WHERE answered_at IS NOT NULL",
        "contract post": "SELECT case_id, at FROM ledger_entry WHERE case_id IS NOT NULL",
        "time entry": "SELECT case_id, start_at FROM time_entry WHERE start_at IS NOT NULL",
    }
    for what, sql in dated.items():
        for case_id, moments in rows(db, sql).items():
            created, updated = opened_updated[case_id]
            for (at,) in moments:
                if not created <= instant(at) <= NOW:
                    wrong.append(f"{case_id}: a {what} at {at}, opened {created}")
                if what in ("comment", "file") and instant(at) > updated:
                    wrong.append(f"{case_id}: a {what} at {at} after updated {updated}")
    moves = rows(
        db, "SELECT case_id, at, to_status FROM case_log WHERE kind = 'transition' ORDER BY id"
    )
    closed = {  # the cases whose last move closed them, and when
        case_id: instant(lines[-1][0])
        for case_id, lines in moves.items()
        if lines[-1][1] in ("finished", "cancelled")
    }
    timed = rows(db, ENTRIES)
    assert closed and len(timed) > 10, "nothing was checked"
    by_person: dict[int, list[tuple[datetime, datetime, int]]] = defaultdict(list)
    for case_id, entries in timed.items():
        for start, end, executor in entries:
            by_person[executor].append((instant(start), instant(end), case_id))
            if case_id in closed and instant(end) > closed[case_id]:
                wrong.append(f"{case_id}: work ends at {end}, after it closed")
    for executor, spans in by_person.items():
        spans.sort()
        for (_, end, one), (start, _, other) in pairwise(spans):
            if start < end:
                wrong.append(f"person {executor} worked {one} and {other} at once")
    return wrong
