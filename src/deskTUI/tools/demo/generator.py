"""The demo's cases and everything hanging from them, generated in memory as rows in
SQLite's stored forms; a seed decides them all."""

from __future__ import annotations

import itertools
import random
from bisect import bisect
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from ...domain.contracts import units_for
from ...domain.durations import whole_minutes
from ...domain.enums import Role, Status
from ...domain.people import User
from ...domain.sla import DEFAULT_TARGETS
from ...services.common import stored_id
from .catalog import PATHS, PRIORITY_WEIGHTS, SENT_WITH, STATUS_WEIGHTS
from .rows import CLOCK, EPOCH, UPDATED_AT, Plan
from .texts import DemoTexts

# The generator's menus as tuples it indexes itself: ``menu[int(r() * len(menu))]`` is what
# ``pick`` did, so the random draws (and the seeded desk) are the same, minus a call per draw.
LEVELS = ("low", "medium", "high")


COSTS = ("25", "30", "35", "40", "45")


QUOTE_HOURS = (1, 2, 3, 5, 8)


PROGRESS = (10, 30, 50, 70)


ORIGINS = ("email", "call", "web", "chat", "phone", "")


ESTIMATES = (None, 60, 120, 180, 240, 480)


ENTRIES_PER_CASE = (1, 1, 2, 3)


ENTRY_MINUTES = (15, 30, 45, 60, 90, 120, 180)


GAPS = (0, 5, 15)


HELD = ("held", "held", "not_held")


REVIEWS = ("pending", "valid", "rejected")


SCORES = (1, 2, 3, 4, 4, 4, 5, 5, 5, 5)


_ASSIGN, _STEP, _FINISH = 0, 1, 2


def _cumulative(weights: dict[Any, int]) -> tuple[list[Any], list[int]]:
    keys = list(weights)
    running, total = [], 0
    for key in keys:
        total += weights[key]
        running.append(total)
    return keys, running


def _status_facts(status: Status, on_hold_note: str) -> tuple[Any, ...]:
    """What a status decides about a case, worked out once instead of once per case.

    (stored value, new, open, worked, finished, cancelled, stage, lifecycle steps); each
    step is (kind, from, to, note) for one pair of ``PATHS``.
    """
    finished = status is Status.FINISHED
    worked = status in (Status.IN_PROGRESS, Status.ON_HOLD, Status.FINISHED)
    steps = tuple(
        (
            _ASSIGN if to is Status.ASSIGNED else _FINISH if to is Status.FINISHED else _STEP,
            frm.value,
            to.value,
            on_hold_note if to is Status.ON_HOLD else "",
        )
        for frm, to in itertools.pairwise(PATHS.get(status, ()))
    )
    stage = "completed" if finished else ("in_progress" if worked else "")
    return (status.value, status is Status.NEW, status.is_open, worked, finished,
            status is Status.CANCELLED, stage, steps)  # fmt: skip


class Generator:
    """Rows of the desk in SQLite's stored forms, made quickly (a million cases is the goal).

    Times are whole minutes counted back from "now" and formatted once each;
    random picks index tuples directly; enums are their codes. People are
    ``(id, is_staff)`` pairs and categories, clients and statuses are tuples of
    what a case needs from them, unpacked once per case: attribute and
    property lookups were a good part of the cost per case. The random draws
    are exactly those of the first, plainer version, so a seed's desk has not
    changed (tests/services/test_demo.py keeps a digest of one).
    """

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        people: dict[str, Any],
        files: list[tuple[str, str, int, str]],
        *,
        contracts: bool = True,
        day_starts_at: int = 12 * 60,
    ) -> None:
        self.rng = rng
        self.random = rng.random
        self.now_minute = whole_minutes(now - EPOCH)
        self.people = people
        texts: DemoTexts = people["texts"]
        self.texts = texts
        # The words as tuples, indexed as the other menus are (the same draws in any language).
        self.descriptions = tuple(texts.descriptions)
        self.solutions = tuple(texts.solutions)
        self.comments = tuple(texts.comments)
        self.activities = tuple(texts.activities)
        self.survey_comments = texts.survey_comments
        users: list[User] = people["all"]

        def person(user: User) -> tuple[int, bool]:
            return (stored_id(user), user.is_staff)

        staff_of = {
            a: [
                person(u)
                for u in users
                if u.role in (Role.AGENT, Role.SUPERVISOR) and a in u.area_ids
            ]
            for a in people["areas"]
        }
        supervisor_of = {
            a: person(
                next(
                    (u for u in users if u.role is Role.SUPERVISOR and a in u.area_ids),
                    people["root"],
                )
            )
            for a in people["areas"]
        }
        self.categories = [
            (c.id, c.area_id, texts.titles[c.name], staff_of[c.area_id], supervisor_of[c.area_id])
            for c in people["categories"]
        ]
        self.client_list = people["clients"]
        self.contract_of = (
            {c.client_id: [c, quota, Decimal(0)] for c, quota in people["contracts"]}
            if contracts
            else {}
        )
        self.clients = [
            (
                c.id,
                [person(u) for u in users if u.client_id == c.id],
                [p.id for p in people["contacts"].get(c.id, [])],
                self.contract_of.get(c.id),
            )
            for c in self.client_list
        ]
        self.files = files
        # Seed 000's projects and services: linked by the case's number, not drawn, so a
        # seed's other values are those it always gave.
        self.projects = tuple(people.get("projects", ()))
        self.services = tuple(people.get("services", ()))
        self.day_starts_at = day_starts_at
        """Minute of the (UTC) day each person's logged work starts at, laid end to end."""
        status_keys, self.status_cum = _cumulative(STATUS_WEIGHTS)
        self.status_facts = [_status_facts(s, texts.on_hold_note) for s in status_keys]
        priority_keys, self.priority_cum = _cumulative(PRIORITY_WEIGHTS)
        self.priorities = [
            (p, DEFAULT_TARGETS[p].first_response, DEFAULT_TARGETS[p].resolution)
            for p in priority_keys
        ]
        self.cursor: dict[tuple[int, int], int] = {}
        self._minutes: dict[int, str] = {}
        self._days: dict[int, str] = {}

    def _links(self, number: int) -> tuple[int | None, int | None]:
        """A project for one case in four, a service for one in six (by number)."""
        project = self.projects[number // 4 % len(self.projects)] if self.projects else None
        service = self.services[number // 6 % len(self.services)] if self.services else None
        return (project if number % 4 == 0 else None, service if number % 6 == 0 else None)

    # -- stored forms of times ---------------------------------------------------------
    def day_text(self, day: int) -> str:
        """Day ``day`` after 1970-01-01 as stored, formatted once."""
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = (EPOCH + timedelta(days=day)).date().isoformat()
        return text

    def _minute_text(self, minute: int) -> str:
        """Minute ``minute`` after 1970-01-01 00:00 as ``isoformat(" ", "microseconds")``
        writes it, kept: a desk's times fall on at most a year of minutes, many twice."""
        day, rest = divmod(minute, 1440)
        text = self._minutes[minute] = (self._days.get(day) or self.day_text(day)) + CLOCK[rest]
        return text

    def at(self, minute: int) -> str:
        return self._minutes.get(minute) or self._minute_text(minute)

    def ts(self, minutes_ago: int) -> str:
        """The stored form of "now minus so many minutes" (``at`` inlined: it is the hot path)."""
        minute = self.now_minute - minutes_ago
        return self._minutes.get(minute) or self._minute_text(minute)

    def day(self, minutes_ago: int) -> str:
        return self.day_text((self.now_minute - minutes_ago) // 1440)

    def first_contract_use(self) -> Decimal:
        """Units this generator charged to the first client's contract."""
        entry = self.contract_of.get(self.client_list[0].id)
        return entry[2] if entry else Decimal(0)

    def plan(self, first: int, last: int) -> Plan:
        plan = Plan()
        for number in range(first, last + 1):
            self._case(plan, number)
        return plan

    # -- one case ----------------------------------------------------------------------
    def _case(self, plan: Plan, number: int) -> None:
        # Every draw below is in the order (and of the form, float for float) of the
        # first version's; reordering one changes every desk a seed gives.
        r = self.random
        ts = self.ts
        category_id, area_id, titles, staff, supervisor = self.categories[
            int(r() * len(self.categories))
        ]
        client_id, client_users, contacts, contract = self.clients[int(r() * len(self.clients))]
        cumulative = self.status_cum
        status, new, is_open, worked, finished, cancelled, stage, steps = self.status_facts[
            bisect(cumulative, r() * cumulative[-1])
        ]
        cumulative = self.priority_cum
        priority, first_response, resolution = self.priorities[
            bisect(cumulative, r() * cumulative[-1])
        ]
        if new:
            age = int(5 + r() * first_response * 1.3)
        elif is_open:  # mostly inside the resolution target; one in twenty past it
            age = int(10 + r() * resolution * (4 if r() < 0.05 else 0.8))
        else:
            age = int(1440 + r() * 364 * 1440)
        if client_users and r() < 0.6:
            reporter = client_users[int(r() * len(client_users))]
        else:
            reporter = staff[int(r() * len(staff))]
        assignee = None
        if not new and not (cancelled and r() < 0.5):
            assignee = staff[int(r() * len(staff))]
        contact_id = contacts[int(r() * len(contacts))] if contacts and r() < 0.7 else None
        billable = 1 if r() < 0.45 else 0  # an int: a bool costs sqlite3 an adapter look-up
        cost = COSTS[int(r() * 5)] if billable else "0"
        contract_id = None
        if billable and contract is not None and contract[1] > 0 and not cancelled:
            contract_id = contract[0].id
            contract[1] -= 1
        quote, price, currency, quoted_minutes, message = "pending", None, None, None, ""
        payment = "unpaid"
        if billable and contract_id is None and not new:
            hours = QUOTE_HOURS[int(r() * 5)]
            quote = "approved" if worked or r() < 0.5 else "quoted"
            price, currency, quoted_minutes = str(hours * int(cost)), "USD", hours * 60
            message = self.texts.quote_message
            payment = "paid" if finished and r() < 0.7 else "unpaid"
        responded = None  # minutes ago
        if assignee is not None:
            wait = 2 + r() * first_response * (1.5 if r() < 0.04 else 0.9)
            responded = age - int(min(wait, age * 0.6))
        resolved = None
        if finished:
            resolved = age - int(min(30 + r() * resolution * 1.1, age * 0.9))
        if resolved is not None and responded is not None:
            resolved = min(resolved, max(responded - 20, 0))  # finished after work started
        updated = (
            resolved if resolved is not None else (responded if responded is not None else age)
        )
        title = titles[int(r() * len(titles))]
        created_at = ts(age)
        reporter_id = reporter[0]
        assignee_id = assignee[0] if assignee is not None else None
        plan.cases.append(
            (
                number, title, client_id, contact_id, assignee_id, reporter_id, area_id,
                category_id, priority, LEVELS[int(r() * 3)], status, stage,
                100 if finished else (PROGRESS[int(r() * 4)] if worked else 0),
                1 if r() < 0.1 else 0, ORIGINS[int(r() * 6)], self.descriptions[(described := int(r() * 4))],
                self.solutions[int(r() * 3)] if finished else "", created_at, ts(updated),
                ESTIMATES[int(r() * 6)], LEVELS[int(r() * 3)], int(r() * 6), billable, cost,
                contract_id, quote, price, currency, quoted_minutes, message, payment, ts(responded) if responded is not None else None,
                ts(resolved) if resolved is not None else None,
                *self._links(number),
            )
        )  # fmt: skip

        # The lifecycle, one log row per step of the status's path (no random draws), each
        # at or after the one before (times are minutes ago: never larger than the last).
        log = plan.log
        log.append((number, created_at, reporter_id, "opened", None, title, None, None, ""))
        at = responded if responded is not None else age
        assigned_at = at if assignee_id is not None else None
        supervisor_id = supervisor[0]
        if cancelled:
            if assignee_id is not None:
                log.append((number, ts(at), supervisor_id, "transition", "assignee_id",
                            str(assignee_id), "new", "assigned", ""))  # fmt: skip
            at = max(at - 60, 0)
            log.append((number, ts(at), supervisor_id, "transition", None, None,
                        "assigned" if assignee_id is not None else "new", "cancelled", self.texts.cancel_note))  # fmt: skip
        else:
            actor = assignee_id if assignee_id is not None else supervisor_id
            for kind, frm, to, note in steps:
                if kind == _ASSIGN:
                    log.append((number, ts(at), supervisor_id, "transition", "assignee_id",
                                None if assignee_id is None else str(assignee_id), "new",
                                "assigned", ""))  # fmt: skip
                    continue
                at = resolved if kind == _FINISH and resolved is not None else max(at - 20, 0)
                log.append((number, ts(at), actor, "transition", None, None, frm, to, note))
        last = at
        """The case's latest moment so far (minutes ago): its updated stamp in the end."""

        billable_minutes = 0
        if worked and assigned_at is not None and assignee_id is not None:
            # Work between the assignment and the finish (or now), never after now.
            billable_minutes, ended = self._time(
                plan, number, assigned_at, resolved if resolved is not None else 0,
                assignee_id, billable,
            )  # fmt: skip
            last = min(last, ended)
        if contract_id is not None and finished and contract is not None and resolved is not None:
            units = units_for(contract[0].unit, billable_minutes, Decimal(8))
            if units > 0:
                contract[2] += units
                plan.ledger.append(
                    (contract[0].id, number, int(units * 10_000), billable_minutes, "post",
                     ts(resolved), assignee_id)
                )  # fmt: skip

        # What else hangs from the case: a comment, a follow-up call, a task, a file, a survey.
        if r() < 0.55:
            body, visibility = self.comments[int(r() * len(self.comments))]
            author = assignee if assignee is not None else reporter
            if not author[1]:
                visibility = "public"  # clients write in public only
            # The assignee writes once assigned; a cancelled case takes no comment after.
            written = max((assigned_at if assigned_at is not None else age) - 30, 0)
            if cancelled:
                written = max(written, at)
            last = min(last, written)
            plan.comments.append((number, author[0], body, visibility, ts(written)))
        if assignee_id is not None and r() < 0.12:
            # A day after the case opened: a planned call may be ahead, a held one is past.
            start = age - 1440 if is_open else max(age - 1440, 30)
            event_status = "planned" if is_open else HELD[int(r() * 3)]
            plan.events.append(
                (number, self.texts.follow_up_call, "follow_up", ts(start), ts(start - 30),
                 assignee_id, event_status)
            )  # fmt: skip
        if assignee_id is not None and r() < 0.06:
            # Two days after the case opened; a task already completed was due by today.
            due = age - 2880 if is_open else max(age - 2880, 0)
            plan.tasks.append(
                (number, self.texts.confirm_task, self.day(due), assignee_id,
                 "not_started" if is_open else "completed")
            )  # fmt: skip
        sent = SENT_WITH[described]
        if sent is not None:  # the description says it came with a file: it did
            name, media, size, digest = self.files[sent]
            plan.files.append((number, name, size, media, digest, reporter_id, created_at, "valid"))
        if r() < 0.06:
            name, media, size, digest = self.files[int(r() * len(self.files))]
            review = REVIEWS[int(r() * 3)]
            plan.files.append((number, name, size, media, digest, reporter_id, created_at, review))
        if finished and not reporter[1] and r() < 0.6:
            score = SCORES[int(r() * 10)]
            comment = self.survey_comments[int(r() * 3)]
            plan.surveys.append((number, reporter_id, score, comment, ts(max(updated - 120, 0))))
        # The updated stamp is the case's latest moment: no log line, comment or entry after.
        if last != updated:
            row = list(plan.cases[-1])
            row[UPDATED_AT] = ts(last)
            plan.cases[-1] = tuple(row)

    def _time(self, plan: Plan, number: int, assigned: int, done: int, assignee_id: int,
              billable: int) -> tuple[int, int]:  # fmt: skip
        """The assignee's logged work, laid end to end in their day, between the assignment
        and ``done`` (minutes ago: the finish, or now): never before it was theirs, never
        after now. Returns the billable minutes and when the last entry ended (minutes ago)."""
        r = self.random
        cursor = self.cursor
        day_starts_at = self.day_starts_at
        now_minute = self.now_minute
        earliest = now_minute - assigned
        latest = now_minute - done
        billable_minutes = 0
        ended = assigned
        for _ in range(ENTRIES_PER_CASE[int(r() * 4)]):
            minutes = ENTRY_MINUTES[int(r() * 7)]
            when = done + int((assigned - done) * r())
            day_key = (now_minute - when) // 1440
            key = (assignee_id, day_key)
            start = max(cursor.get(key, day_key * 1440 + day_starts_at), earliest)
            end = start + minutes
            if end // 1440 != day_key or not (day_starts_at or end % 1440 <= 12 * 60):
                # Their day is full: nobody logs 60 h in a day, and the queue board's
                # "hours today" of a demo desk must read like a real team's.
                continue
            if end > latest:  # work not done yet (or after the finish) is not logged
                continue
            cursor[key] = end + GAPS[int(r() * 3)]
            begin = self.at(start)
            finish = self.at(end)
            plan.time.append(
                (number, assignee_id, self.day_text(day_key), minutes,
                 self.activities[int(r() * len(self.activities))], billable, begin, finish, assignee_id)
            )  # fmt: skip
            ended = min(ended, now_minute - end)
            if billable:
                billable_minutes += minutes
        return billable_minutes, ended
