"""reports: every figure checked against arithmetic done by hand on a fixed desk (both engines).

The scene (times UTC; the report's zone is UTC unless a test says otherwise; the
period is 2026-03-02 … 2026-03-15, ISO weeks 2026-W10 and 2026-W11):

    case  area        priority  opened by      opened          first response   finished (last)
    F     Soporte     medium    jorge          Fri 27 Feb 10:00  Fri 11:00 (luis)  Tue 3 Mar 10:00
    A     Soporte     high      sofia          Mon 2 Mar 12:00   12:30 (ana)       Mon 2 Mar 22:00
    B     Soporte     high      maria          Mon 2 Mar 12:00   13:01 (luis)      Tue 3 06:00, reopened
                                                                                   Wed 4 06:00, Wed 4 10:00
    C     Soporte     critical  sofia          Mon 2 Mar 12:00   never             open
    D     Desarrollo  low       gloria         Mon 2 Mar 12:00   14:00 (pedro)     Tue 3 Mar 12:00
    E     Soporte     medium    maria (Redes)  Mon 2 Mar 12:00   13:30 (ana)       Mon 9 Mar 13:30
    G     Soporte     low       sofia          Mon 2 Mar 12:00   never             cancelled 13:00
    H     Soporte     low       sofia          Tue 10 Mar 09:00  never             new
    I     Soporte     medium    maria          Mon 16 Mar 08:00  08:00 (ana)       Mon 16 Mar 09:00

Now (the reports' clock): Mon 16 Mar 10:00. Targets are the defaults: critical 1 h / 4 h,
high 4 h / 1 d, medium 1 d / 3 d, low 2 d / 5 d.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.services import cases, reports, surveys, worklog
from deskTUI.services.common import sla_targets
from deskTUI.services.sla import state_of

FIRST, LAST = date(2026, 3, 2), date(2026, 3, 15)
D = Decimal


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def run(desk, actor, kind, by=None, zone=UTC, first=FIRST, last=LAST):
    return reports.report(desk.uow(), actor, kind, zone=zone, first=first, last=last, by=by)


def by_key(report, key="priority"):
    found = {r[key]: r for r in report.records()}
    total = report.total_record()
    if total is not None:
        found["all"] = total
    return found


@pytest.fixture
def scene(desk):
    clock = desk.clock
    uow = desk.uow
    made = {}

    def when(moment):
        clock.now = moment

    def assign(name, who, by=None):
        cases.assign_case(uow(), by or desk.sofia, made[name].number, who.login)
        cases.move_case(uow(), who, made[name].number, "in_progress")

    def finish(name, who):
        cases.move_case(uow(), who, made[name].number, "finished", solution="Listo")

    def log(name, who, minutes, day, billable=False):
        # Work is logged once done: at the latest the scene's clock, at least the day's end.
        now = clock.now
        clock.now = max(now, datetime.combine(day, time(23, 59), UTC))
        worklog.log_time(
            uow(), who, made[name].number, work_date=day, minutes=minutes, billable=billable
        )
        clock.now = now

    def answer(name, who, score):
        surveys.answer_survey(uow(), who, made[name].number, score=score)

    when(at(27, 10, month=2))
    made["F"] = desk.open(by=desk.jorge, title="F", priority="medium")
    when(at(27, 11, month=2))
    assign("F", desk.luis)

    when(at(2, 12))
    made["A"] = desk.open(
        title="A",
        priority="high",
        contract=desk.hours.id,
        billable=True,
        cost_per_hour="30",
    )
    made["B"] = desk.open(by=desk.maria, title="B", priority="high")
    made["C"] = desk.open(title="C", priority="critical")
    made["D"] = desk.open(
        by=desk.gloria, title="D", priority="low", client="Globex Ltda", category="Errores"
    )
    made["E"] = desk.open(by=desk.maria, title="E", priority="medium", category="Redes")
    made["G"] = desk.open(title="G", priority="low")
    when(at(2, 12, 30))
    assign("A", desk.ana)
    when(at(2, 13))
    cases.move_case(uow(), desk.sofia, made["G"].number, "cancelled", note="Duplicado")
    when(at(2, 13, 1))
    assign("B", desk.luis)
    when(at(2, 13, 30))
    assign("E", desk.ana)
    when(at(2, 14))
    assign("D", desk.pedro, by=desk.diego)
    log("A", desk.ana, 90, date(2026, 3, 2), billable=True)
    log("B", desk.luis, 45, date(2026, 3, 2))
    log("B", desk.luis, 15, date(2026, 3, 16))  # after the period: not counted
    log("E", desk.ana, 30, date(2026, 3, 9))
    log("D", desk.pedro, 120, date(2026, 3, 3))
    when(at(2, 22))
    finish("A", desk.ana)  # posts 1.5 h on the hours contract
    when(at(3, 6))
    finish("B", desk.luis)
    when(at(3, 10))
    finish("F", desk.luis)
    when(at(3, 11))
    answer("F", desk.jorge, 2)
    when(at(3, 12))
    finish("D", desk.pedro)
    when(at(3, 13))
    answer("D", desk.gloria, 2)
    when(at(4, 6))
    cases.move_case(uow(), desk.sofia, made["B"].number, "in_progress", note="Volvió a fallar")
    when(at(4, 10))
    finish("B", desk.luis)
    when(at(4, 11))
    answer("B", desk.maria, 4)
    when(at(9, 13, 30))
    finish("E", desk.ana)
    when(at(9, 14))
    answer("E", desk.maria, 5)
    when(at(10, 9))
    made["H"] = desk.open(title="H", priority="low")
    when(at(16, 8))
    made["I"] = desk.open(by=desk.maria, title="I", priority="medium")
    cases.edit_case(
        uow(), desk.sofia, made["I"].number, {"contract": desk.incidents.id, "billable": True}
    )
    assign("I", desk.ana)
    when(at(16, 9))
    finish("I", desk.ana)  # posts 1 incident, after the period
    when(at(16, 9, 30))
    answer("I", desk.maria, 1)  # after the period: not counted
    when(at(16, 10))
    return made


# -- cases opened and finished per week ------------------------------------------------


def test_cases_opened_and_finished_are_counted_per_iso_week(desk, scene):
    report = run(desk, desk.admin, "weekly")
    assert report.records() == [
        # W10: opened A B C D E G (F before the period, H and I later); finished A (2nd),
        # D (3rd), F (3rd) and B (last finish on the 4th): 6 and 4.
        {
            "week": "2026-W10",
            "first_day": date(2026, 3, 2),
            "last_day": date(2026, 3, 8),
            "opened": 6,
            "finished": 4,
        },
        # W11: opened H; finished E (9th). I is opened and finished on the 16th: outside.
        {
            "week": "2026-W11",
            "first_day": date(2026, 3, 9),
            "last_day": date(2026, 3, 15),
            "opened": 1,
            "finished": 1,
        },
    ]
    assert report.total_record()["opened"] == 7 and report.total_record()["finished"] == 5


def test_a_supervisor_counts_only_the_cases_of_their_areas(desk, scene):
    report = run(desk, desk.sofia, "weekly")
    # D is Desarrollo's: W10 opened 6 - 1 = 5, finished 4 - 1 = 3.
    assert [(r["opened"], r["finished"]) for r in report.records()] == [(5, 3), (1, 1)]
    assert run(desk, desk.diego, "weekly").total_record()["opened"] == 1  # D only


def test_weeks_are_the_operators_local_weeks(desk):
    santiago = ZoneInfo("America/Santiago")  # UTC-3 in March 2026 (summer time)
    desk.clock.now = at(9, 2)  # Monday 02:00 UTC = Sunday 8 March 23:00 in Santiago
    desk.open(title="Tarde el domingo")
    utc = run(desk, desk.admin, "weekly")
    local = run(desk, desk.admin, "weekly", zone=santiago)
    assert [r["opened"] for r in utc.records()] == [0, 1]
    assert [r["opened"] for r in local.records()] == [1, 0]


def test_a_case_finished_twice_counts_once_at_its_last_finish(desk, scene):
    report = run(desk, desk.admin, "weekly", first=date(2026, 3, 3), last=date(2026, 3, 3))
    # On the 3rd: D and F were finished, and B (finished again on the 4th) is not.
    assert report.total_record()["finished"] == 2


# -- medians ------------------------------------------------------------------------------


def test_median_first_response_and_resolution_by_priority(desk, scene):
    got = by_key(run(desk, desk.admin, "response"))
    # First response, cases opened in the period that have one: A 30, B 61, E 90, D 120.
    # high: (30 + 61) / 2 = 45.5 → 46 (half up); all: 30 61 | 90 120 → (61 + 90) / 2 = 75.5 → 76.
    # Resolution, cases finished in the period (time finished before a reopening left out):
    # A 10 h = 600; B 46 h - 24 h closed = 22 h = 1320; D 24 h = 1440;
    # E 7 d 1 h 30 = 10170; F 4 d = 5760 (opened before the period, finished in it).
    # high (600 + 1320) / 2 = 960; medium (5760 + 10170) / 2 = 7965; all: the 3rd of 5 = 1440.
    assert got["critical"] == {
        "priority": "critical",
        "answered": 0,
        "median_first_response_minutes": None,
        "finished": 0,
        "median_resolution_minutes": None,
    }
    assert got["high"] == {
        "priority": "high",
        "answered": 2,
        "median_first_response_minutes": 46,
        "finished": 2,
        "median_resolution_minutes": 960,
    }
    assert (got["medium"]["median_first_response_minutes"], got["medium"]["answered"]) == (90, 1)
    assert (got["medium"]["median_resolution_minutes"], got["medium"]["finished"]) == (7965, 2)
    assert (got["low"]["median_first_response_minutes"], got["low"]["answered"]) == (120, 1)
    assert (got["low"]["median_resolution_minutes"], got["low"]["finished"]) == (1440, 1)
    assert got["all"] == {
        "priority": "all",
        "answered": 4,
        "median_first_response_minutes": 76,
        "finished": 5,
        "median_resolution_minutes": 1440,
    }


def test_a_supervisors_medians_leave_out_other_areas(desk, scene):
    got = by_key(run(desk, desk.sofia, "response"))
    # Without D: first responses 30 61 90 → 61; resolutions 600 1320 | 5760 10170 → 3540.
    assert got["all"]["median_first_response_minutes"] == 61
    assert got["all"]["median_resolution_minutes"] == (1320 + 5760) // 2
    assert got["low"]["median_first_response_minutes"] is None
    assert got["low"]["answered"] == 0


# -- SLA compliance -------------------------------------------------------------------------


def test_sla_compliance_by_priority_and_overall(desk, scene):
    got = by_key(run(desk, desk.admin, "sla"))
    # First response, opened in the period: A 30 ≤ 240 met, B 61 ≤ 240 met, C unanswered
    # and 14 days past 1 h: missed; D 120 ≤ 2880 met; E 90 ≤ 1440 met; G cancelled after
    # 1 h of 48 unanswered: undecided; H unanswered 6 d 1 h > 2 d: missed.
    # Resolution, finished in the period: A 600 ≤ 1440 met; B 1320 ≤ 1440 met (2760 without
    # the day it spent finished: it would have missed); D 1440 ≤ 7200 met;
    # E 10170 > 4320 missed; F 5760 > 4320 missed.
    assert got["critical"]["first_response_target_minutes"] == 60
    assert got["critical"]["resolution_target_minutes"] == 240
    assert _sla_row(got["critical"]) == (1, 0, D("0.00"), 0, 0, None)
    assert _sla_row(got["high"]) == (2, 2, D("100.00"), 2, 2, D("100.00"))
    assert _sla_row(got["medium"]) == (1, 1, D("100.00"), 2, 0, D("0.00"))
    assert _sla_row(got["low"]) == (2, 1, D("50.00"), 1, 1, D("100.00"))
    # Overall: 4 of 6 = 66.666… → 66.67; 3 of 5 = 60.00.
    assert _sla_row(got["all"]) == (6, 4, D("66.67"), 5, 3, D("60.00"))
    assert got["all"]["first_response_target_minutes"] is None


def _sla_row(row):
    return (
        row["first_response_decided"],
        row["first_response_met"],
        row["first_response_percent"],
        row["resolution_decided"],
        row["resolution_met"],
        row["resolution_percent"],
    )


def test_a_supervisors_compliance_leaves_out_other_areas(desk, scene):
    got = by_key(run(desk, desk.sofia, "sla"))
    # Without D: first response 3 of 5 = 60.00 (low: H only, 0 of 1); resolution 2 of 4 = 50.00.
    assert _sla_row(got["low"]) == (1, 0, D("0.00"), 0, 0, None)
    assert _sla_row(got["all"]) == (5, 3, D("60.00"), 4, 2, D("50.00"))


def test_compliance_judges_each_case_as_sla_state_does(desk, scene):
    """The SQL's verdicts are those of domain.sla.sla_state, case by case, at the same now."""
    report = by_key(run(desk, desk.admin, "sla"))
    start, end = datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC)
    with desk.uow() as uow:
        targets = sla_targets(uow)
        everyone = [uow.cases.get(c.id) for c in scene.values()]
    response, resolution = [0, 0], [0, 0]
    for case in everyone:
        state = state_of(case, targets, desk.clock.now)
        if start <= case.created_at < end:
            clock = state.first_response
            if clock.met or clock.breached:
                response[0] += 1
                response[1] += clock.met
        if case.status.value == "finished" and start <= case.resolved_at < end:
            resolution[0] += 1
            resolution[1] += state.resolution.met
    row = report["all"]
    assert response == [row["first_response_decided"], row["first_response_met"]]
    assert resolution == [row["resolution_decided"], row["resolution_met"]]


def test_a_target_met_to_the_microsecond_is_met_and_one_microsecond_late_is_not(desk):
    desk.clock.now = at(2, 12)
    on_time = desk.open(title="Justo", priority="critical")
    late = desk.open(title="Tarde", priority="critical")
    desk.clock.now = at(2, 13)  # exactly the 1 h target
    cases.assign_case(desk.uow(), desk.sofia, on_time.number, "ana")
    desk.clock.now = at(2, 13) + timedelta(microseconds=1)
    cases.assign_case(desk.uow(), desk.sofia, late.number, "ana")
    got = by_key(run(desk, desk.admin, "sla"))
    assert _sla_row(got["critical"])[:3] == (2, 1, D("50.00"))


def test_changed_targets_change_the_verdicts(desk, scene):
    from deskTUI.domain.sla import Targets
    from deskTUI.services.sla import set_targets

    # High resolution target down to 20 h = 1200: A 600 met, B 1320 now missed.
    set_targets(desk.uow(), desk.admin, "high", Targets(240, 1200))
    got = by_key(run(desk, desk.admin, "sla"))
    assert got["high"]["resolution_target_minutes"] == 1200
    assert _sla_row(got["high"])[3:] == (2, 1, D("50.00"))


# -- hours ----------------------------------------------------------------------------------


def test_hours_by_agent_billable_and_not(desk, scene):
    got = by_key(run(desk, desk.admin, "hours", by="agent"), "agent")
    # ana: A 90 billable + E 30 = 120; pedro: D 120; luis: B 45 (its 15 on the 16th left out).
    # Rows by total, largest first, then by name: ana 120, pedro 120, luis 45.
    assert [r["agent"] for r in run(desk, desk.admin, "hours", by="agent").records()] == [
        "ana",
        "pedro",
        "luis",
    ]
    assert _hours(got["ana"]) == (90, 30, 120, D("1.50"), D("0.50"), D("2.00"))
    assert _hours(got["pedro"]) == (0, 120, 120, D("0.00"), D("2.00"), D("2.00"))
    assert _hours(got["luis"]) == (0, 45, 45, D("0.00"), D("0.75"), D("0.75"))
    # All: 90 billable, 30 + 120 + 45 = 195 not, 285 = 4.75 h.
    assert _hours(got["all"]) == (90, 195, 285, D("1.50"), D("3.25"), D("4.75"))


def _hours(row):
    return (
        row["billable_minutes"],
        row["non_billable_minutes"],
        row["total_minutes"],
        row["billable_hours"],
        row["non_billable_hours"],
        row["total_hours"],
    )


def test_hours_by_client_and_by_contract(desk, scene):
    clients = by_key(run(desk, desk.admin, "hours", by="client"), "client")
    # Acme SA: A 90 billable, B 45 + E 30 = 75 not; Globex Ltda: D 120 not.
    assert _hours(clients["Acme SA"])[:3] == (90, 75, 165)
    assert _hours(clients["Globex Ltda"])[:3] == (0, 120, 120)
    contracts = run(desk, desk.admin, "hours", by="contract").records()
    # No contract: B 45 + E 30 + D 120 = 195; the hours contract: A 90 billable.
    assert [(r["contract"], r["client"], *_hours(r)[:3]) for r in contracts] == [
        (None, None, 0, 195, 195),
        (f"contract {desk.hours.id}", "Acme SA", 90, 0, 90),
    ]


def test_a_supervisors_hours_are_those_logged_on_their_areas_cases(desk, scene):
    report = run(desk, desk.sofia, "hours", by="agent")
    # Without D (pedro's 120): ana 90/30, luis 0/45; all 90 billable, 75 not = 2.75 h.
    assert [r["agent"] for r in report.records()] == ["ana", "luis"]
    assert _hours(report.total_record()) == (90, 75, 165, D("1.50"), D("1.25"), D("2.75"))


# -- contracts ------------------------------------------------------------------------------


def test_contract_consumption_in_units_used_remaining_and_percent(desk, scene):
    got = {r["id"]: r for r in run(desk, desk.admin, "contracts").records()}
    assert list(got) == [desk.hours.id, desk.incidents.id, desk.days.id]
    # Hours: A posted 90 billable minutes = 1.5 h of 40: 38.5 left, 1.5 × 100 / 40 = 3.75 %.
    hours = got[desk.hours.id]
    assert (hours["unit"], hours["total_units"], hours["used_units"]) == ("hours", D(40), D("1.5"))
    assert (hours["remaining_units"], hours["percent_used"], hours["level"]) == (
        D("38.5"),
        D("3.75"),
        "ok",
    )
    assert hours["used_in_period"] == D("1.5")
    # Incidents: I posted 1 of 10 on the 16th, after the period: 10.00 % used, 0 in the period.
    incidents = got[desk.incidents.id]
    assert (incidents["used_units"], incidents["remaining_units"]) == (D(1), D(9))
    assert (incidents["percent_used"], incidents["used_in_period"]) == (D("10.00"), D(0))
    assert got[desk.days.id]["used_units"] == D(0)


def test_contracts_outside_the_period_are_not_listed(desk, scene):
    report = run(desk, desk.admin, "contracts", first=date(2025, 1, 6), last=date(2025, 3, 30))
    assert report.records() == []


# -- satisfaction ---------------------------------------------------------------------------


def test_satisfaction_by_agent_area_and_category(desk, scene):
    # In the period: F 2 (luis, Soporte/Impresoras), D 2 (pedro, Desarrollo/Errores),
    # B 4 (luis, Soporte/Impresoras), E 5 (ana, Soporte/Redes); I's 1 came on the 16th.
    agents = run(desk, desk.admin, "satisfaction", by="agent")
    assert [(r["agent"], r["answers"], r["average"]) for r in agents.records()] == [
        ("ana", 1, D("5.00")),
        ("luis", 2, D("3.00")),  # (2 + 4) / 2
        ("pedro", 1, D("2.00")),
    ]
    assert agents.total_record() == {"agent": "all", "answers": 4, "average": D("3.25")}  # 13 / 4
    areas = run(desk, desk.admin, "satisfaction", by="area")
    assert [(r["area"], r["answers"], r["average"]) for r in areas.records()] == [
        ("Desarrollo", 1, D("2.00")),
        ("Soporte", 3, D("3.67")),  # (2 + 4 + 5) / 3 = 3.666… → 3.67
    ]
    categories = run(desk, desk.admin, "satisfaction", by="category")
    assert [(r["category"], r["answers"], r["average"]) for r in categories.records()] == [
        ("Errores", 1, D("2.00")),
        ("Impresoras", 2, D("3.00")),
        ("Redes", 1, D("5.00")),
    ]


def test_satisfaction_by_month_shows_every_month_of_the_period(desk, scene):
    report = run(
        desk, desk.admin, "satisfaction", by="month", first=date(2026, 2, 1), last=date(2026, 3, 31)
    )
    # February: none. March: the four of the period and I's 1: (2 + 2 + 4 + 5 + 1) / 5 = 2.80.
    assert [(r["month"], r["answers"], r["average"]) for r in report.records()] == [
        ("2026-02", 0, None),
        ("2026-03", 5, D("2.80")),
    ]


def test_a_supervisors_satisfaction_leaves_out_other_areas(desk, scene):
    report = run(desk, desk.sofia, "satisfaction", by="agent")
    # Without D: 2 + 4 + 5 = 11 of 3 answers = 3.67.
    assert report.total_record() == {"agent": "all", "answers": 3, "average": D("3.67")}
    assert "pedro" not in [r["agent"] for r in report.records()]


# -- who, and what is asked ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["ana", "maria"])
def test_agents_and_clients_are_refused_with_a_sentence(desk, who):
    with pytest.raises(PermissionDenied) as caught:
        run(desk, getattr(desk, who), "weekly")
    assert "may not see reports and survey averages: only an admin or a supervisor may" in str(
        caught.value
    )


def test_a_wrong_kind_grouping_or_period_is_a_sentence(desk):
    with pytest.raises(ValidationError, match="There is no report 'monthly': the reports are"):
        run(desk, desk.admin, "monthly")
    with pytest.raises(ValidationError, match="hours report is by agent, client, contract"):
        run(desk, desk.admin, "hours", by="area")
    with pytest.raises(ValidationError, match="The weekly report has no --by grouping"):
        run(desk, desk.admin, "weekly", by="agent")
    with pytest.raises(ValidationError, match="starts on 2026-03-15, after it ends on 2026-03-02"):
        run(desk, desk.admin, "weekly", first=LAST, last=FIRST)


def test_the_default_period_is_the_last_twelve_iso_weeks(desk):
    # The desk's clock: Monday 2 March 2026 (W10); twelve weeks back is Monday 15 December 2025.
    report = reports.report(desk.uow(), desk.admin, "weekly", zone=UTC)
    assert (report.period.first, report.period.last) == (date(2025, 12, 15), date(2026, 3, 8))
    assert [r["week"] for r in report.records()][:3] == ["2025-W51", "2025-W52", "2026-W01"]
    assert len(report.rows) == 12


@pytest.mark.parametrize("by", ["agent", "area", "category", "month"])
def test_satisfaction_agrees_with_the_survey_averages_over_a_period_holding_every_answer(
    desk, scene, by
):
    """surveys.survey_averages has no period and counts months in UTC; over a period that
    holds every answer, in UTC, the report's figures are the same."""
    report = run(
        desk, desk.sofia, "satisfaction", by, first=date(2026, 2, 1), last=date(2026, 3, 31)
    )
    averages = surveys.survey_averages(desk.uow(), desk.sofia, by)
    with desk.uow() as uow:
        names = {
            "agent": {u.id: u.login for u in uow.users.list()},
            "area": {a.id: a.name for a in uow.areas.list()},
            "category": {c.id: c.name for c in uow.areas.categories()},
            "month": {},
        }[by]
    expected = {names.get(k, k): (a.count, a.mean) for k, a in averages.items()}
    got = {r[by]: (r["answers"], r["average"]) for r in report.records() if r["answers"]}
    assert got == expected


def test_every_week_of_a_long_period_finds_its_cases(desk):
    """The bucket of a case is found by a binary search in SQL: over 53 weeks, cases in the
    first, a middle, and the last week land each in its own."""
    monday = datetime(2025, 3, 3, 9, tzinfo=UTC)  # 2025-W10
    for week in (0, 1, 17, 26, 27, 51, 52):
        desk.clock.now = monday + timedelta(weeks=week)
        for _ in range(week % 3 + 1):
            desk.open(title=f"Semana {week}")
    report = run(desk, desk.admin, "weekly", first=date(2025, 3, 3), last=date(2026, 3, 8))
    opened = report.column("opened")
    assert len(opened) == 53
    assert {i: n for i, n in enumerate(opened) if n} == {
        0: 1, 1: 2, 17: 3, 26: 3, 27: 1, 51: 1, 52: 2
    }  # fmt: skip
