"""The survey offer (once per case, to the client who opened it) and the averages by month
and by the supervisor's areas, against figures worked out by hand (both engines)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.surveys import Average
from deskTUI.services import admin, cases, notifications, surveys


def _finish(desk, case, by=None):
    worker = by or desk.ana
    cases.move_case(desk.uow(), worker, case.number, "finished", solution="Listo")


def _worked(desk, by=None, assignee="ana", **fields):
    """Opened (by María unless told), assigned and in progress."""
    case = desk.open(by=by or desk.maria, **fields)
    cases.assign_case(desk.uow(), desk.admin, case.number, assignee)
    cases.move_case(desk.uow(), getattr(desk, assignee), case.number, "in_progress")
    return case


def _reopen(desk, case):
    cases.move_case(desk.uow(), desk.maria, case.number, "in_progress", note="Volvió a fallar")


def offers(desk) -> dict[str, list[str | None]]:
    """Every survey offer on the desk: whose, about which case."""
    out: dict[str, list[str | None]] = {}
    with desk.uow() as uow:
        for user in uow.users.list():
            rows = uow.notifications.for_user(user.id, kind="survey")
            if rows:
                out[user.login] = [f"CS-{r.case_id:06d}" if r.case_id else None for r in rows]
    return out


def test_finishing_a_case_a_client_opened_offers_them_the_survey(desk):
    case = _worked(desk)
    assert offers(desk) == {}
    _finish(desk, case)
    assert offers(desk) == {"maria": [case.number]}
    (offer,) = [n for n in notifications.inbox(desk.uow(), desk.maria) if n.kind == "survey"]
    assert offer.message == (
        f"{case.number} is finished: how did we do? Rate it from 1 to 5: La impresora no imprime"
    )
    assert (offer.read, offer.created_at) == (False, desk.clock.now)


@pytest.mark.parametrize("before_reopen", ["ignored", "dismissed", "answered"])
def test_the_survey_is_offered_once_across_finish_reopen_finish(desk, before_reopen):
    case = _worked(desk)
    _finish(desk, case)
    offer = surveys.pending_offer(desk.uow(), desk.maria)
    assert offer is not None and offer.case_id == case.id
    if before_reopen == "dismissed":
        notifications.mark_read(desk.uow(), desk.maria, [offer.notification_id])
    elif before_reopen == "answered":
        surveys.answer_survey(desk.uow(), desk.maria, case.number, score=3)
    _reopen(desk, case)
    assert surveys.pending_offer(desk.uow(), desk.maria) is None  # nothing to answer meanwhile
    _finish(desk, case)
    assert offers(desk) == {"maria": [case.number]}
    waiting = surveys.pending_offer(desk.uow(), desk.maria)
    if before_reopen == "ignored":
        assert waiting == offer  # the same offer, back now the case is finished again
    else:
        assert waiting is None


def test_a_case_opened_by_staff_offers_no_survey(desk):
    case = _worked(desk, by=desk.sofia)
    _finish(desk, case)
    assert offers(desk) == {}


def test_a_client_deactivated_before_the_finish_is_offered_nothing(desk):
    case = _worked(desk)
    admin.update_user(desk.uow(), desk.admin, "maria", active=False)
    _finish(desk, case)
    assert offers(desk) == {}


def test_answering_marks_the_offer_read_and_takes_it_off_the_pending_ones(desk):
    case = _worked(desk)
    _finish(desk, case)
    assert notifications.unread_count(desk.uow(), desk.maria) == 1
    offer = surveys.pending_offer(desk.uow(), desk.maria)
    assert offer is not None
    assert (offer.number, offer.title) == (case.number, "La impresora no imprime")
    assert surveys.survey_to_answer(desk.uow(), desk.maria, case.number) == offer
    surveys.answer_survey(desk.uow(), desk.maria, case.number, score=5, comment="Excelente")
    assert notifications.unread_count(desk.uow(), desk.maria) == 0
    assert surveys.pending_offer(desk.uow(), desk.maria) is None
    with pytest.raises(ValidationError) as caught:
        surveys.survey_to_answer(desk.uow(), desk.maria, case.number)
    assert str(caught.value) == f"The survey of {case.number} was already answered"


def test_a_dismissed_offer_can_still_be_answered_from_the_case(desk):
    case = _worked(desk)
    _finish(desk, case)
    offer = surveys.pending_offer(desk.uow(), desk.maria)
    notifications.mark_read(desk.uow(), desk.maria, [offer.notification_id])
    assert surveys.pending_offer(desk.uow(), desk.maria) is None
    later = surveys.survey_to_answer(desk.uow(), desk.maria, case.number)
    assert (later.notification_id, later.case_id) == (None, case.id)


@pytest.mark.parametrize("who", ["jorge", "sofia", "admin", "ana"])
def test_only_the_reporter_has_a_survey_pending_or_answerable(desk, who):
    case = _worked(desk)
    _finish(desk, case)
    actor = getattr(desk, who)
    assert surveys.pending_offer(desk.uow(), actor) is None
    with pytest.raises(PermissionDenied):
        surveys.survey_to_answer(desk.uow(), actor, case.number)


# -- averages -----------------------------------------------------------------------------

ANSWERS = [
    # assignee, category, score, answered at (UTC)
    ("ana", "Impresoras", 5, datetime(2026, 3, 2, 15, 0, tzinfo=UTC)),
    # 00:30 UTC on 1 April is still 31 March in Bogotá: months are UTC, so April.
    ("luis", "Redes", 2, datetime(2026, 4, 1, 0, 30, tzinfo=UTC)),
    ("pedro", "Errores", 4, datetime(2026, 4, 15, 9, 0, tzinfo=UTC)),
    ("ana", "Impresoras", 3, datetime(2026, 4, 20, 18, 0, tzinfo=UTC)),
]


@pytest.fixture
def answered(desk):
    for assignee, category, score, at in ANSWERS:
        case = _worked(desk, assignee=assignee, category=category)
        _finish(desk, case, by=getattr(desk, assignee))
        desk.clock.now = at
        surveys.answer_survey(desk.uow(), desk.maria, case.number, score=score)
    with desk.uow() as uow:
        return {a.name: a.id for a in uow.areas.list()} | {
            c.name: c.id for c in uow.areas.categories()
        }


def test_an_admin_averages_every_case_by_utc_month(desk, answered):
    assert surveys.survey_averages(desk.uow(), desk.admin, "month") == {
        "2026-03": Average(1, Decimal("5.00")),
        "2026-04": Average(3, Decimal("3.00")),  # (2 + 4 + 3) / 3
    }


def test_a_supervisor_averages_only_their_areas_cases(desk, answered):
    sofia, diego = desk.sofia, desk.diego
    assert surveys.survey_averages(desk.uow(), sofia, "month") == {
        "2026-03": Average(1, Decimal("5.00")),
        "2026-04": Average(2, Decimal("2.50")),  # (2 + 3) / 2
    }
    assert surveys.survey_averages(desk.uow(), sofia, "agent") == {
        desk.ana.id: Average(2, Decimal("4.00")),
        desk.luis.id: Average(1, Decimal("2.00")),
    }
    assert surveys.survey_averages(desk.uow(), sofia, "area") == {
        answered["Soporte"]: Average(3, Decimal("3.33")),  # 10 / 3
    }
    assert surveys.survey_averages(desk.uow(), sofia, "category") == {
        answered["Impresoras"]: Average(2, Decimal("4.00")),
        answered["Redes"]: Average(1, Decimal("2.00")),
    }
    assert surveys.survey_averages(desk.uow(), diego, "month") == {
        "2026-04": Average(1, Decimal("4.00"))
    }
    assert surveys.survey_averages(desk.uow(), desk.admin, "area") == {
        answered["Soporte"]: Average(3, Decimal("3.33")),
        answered["Desarrollo"]: Average(1, Decimal("4.00")),
    }


def test_a_supervisor_of_no_area_averages_nothing(desk, answered):
    admin.add_user(desk.uow(), desk.admin, "nuevo", role="supervisor")
    with desk.uow() as uow:
        nuevo = uow.users.by_login("nuevo")
    for by in ("agent", "area", "category", "month"):
        assert surveys.survey_averages(desk.uow(), nuevo, by) == {}
