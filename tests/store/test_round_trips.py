"""Every entity goes into the store and comes back equal: ids, Decimals and UTC times intact."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from deskTUI.domain.calendar import CalendarTask, Event
from deskTUI.domain.case import Case
from deskTUI.domain.catalogue import Project, Service
from deskTUI.domain.comments import Comment
from deskTUI.domain.contracts import Contract, LedgerEntry, LedgerKind
from deskTUI.domain.enums import (
    Complexity,
    EventKind,
    EventStatus,
    Importance,
    Origin,
    PaymentStatus,
    Priority,
    QuoteStatus,
    ReviewStatus,
    Role,
    Stage,
    Status,
    TaskStatus,
    TrackingUnit,
    Visibility,
)
from deskTUI.domain.errors import Conflict, NotFound
from deskTUI.domain.files import Attachment
from deskTUI.domain.people import Area, Category, Client, Contact, User
from deskTUI.domain.quotes import Quote
from deskTUI.domain.surveys import Survey
from deskTUI.domain.timekeeping import TimeEntry
from deskTUI.store.uow import UnitOfWork

AT = datetime(2026, 3, 2, 12, 30, tzinfo=UTC)


@pytest.fixture
def base(db):
    """An area, category, client, contact, contract and two users to point at."""
    with UnitOfWork(db) as uow:
        area = uow.areas.add(Area("Soporte"))
        category = uow.areas.add_category(Category("Impresoras", area.id))
        client = uow.clients.add(Client("Acme SA"))
        contact = uow.clients.add_contact(
            Contact("María Pérez", client.id, "maria@acme.test", "+58 212")
        )
        contract = uow.contracts.add(
            Contract(
                client.id,
                TrackingUnit.HOURS,
                Decimal("40.5"),
                date(2026, 1, 1),
                date(2026, 12, 31),
                "Anual",
            )
        )
        agent = uow.users.add(User("ana", "Ana Torres", Role.AGENT, frozenset({area.id})))
        client_user = uow.users.add(User("maria", "María", Role.CLIENT, client_id=client.id))
        supervisor = uow.users.add(User("sofia", "Sofía", Role.SUPERVISOR, frozenset({area.id})))
        project = uow.records.add(Project("Renovación 2026"))
        service = uow.records.add(Service("Mantenimiento"))
        uow.commit()
    return {
        "area": area,
        "category": category,
        "client": client,
        "contact": contact,
        "contract": contract,
        "agent": agent,
        "client_user": client_user,
        "supervisor": supervisor,
        "project": project,
        "service": service,
    }


def full_case(base) -> Case:
    """A case with every field set to something other than its default."""
    return Case(
        title="La impresora no imprime",
        client_id=base["client"].id,
        category_id=base["category"].id,
        area_id=base["area"].id,
        description="Sale una hoja en blanco",
        reporter_id=base["client_user"].id,
        created_at=AT,
        contact_id=base["contact"].id,
        coordinator_id=base["agent"].id,
        assignee_id=base["agent"].id,
        group="Primer nivel",
        product="LaserJet 400",
        case_class="Hardware",
        service_id=base["service"].id,
        support_type="Remoto",
        priority=Priority.HIGH,
        importance=Importance.HIGH,
        status=Status.ON_HOLD,
        stage=Stage.PENDING_DATA,
        progress=40,
        internal=True,
        origin=Origin.PHONE,
        planned_start=date(2026, 3, 1),
        planned_close=date(2026, 3, 31),
        solution="Cambiar el fusor",
        updated_at=AT + timedelta(hours=1),
        estimate_minutes=180,
        complexity=Complexity.HIGH,
        level=7,
        billable=True,
        cost_per_hour=Decimal("35.10"),
        owner_id=base["agent"].id,
        reviewer_id=base["agent"].id,
        contract_id=base["contract"].id,
        project_id=base["project"].id,
        sale_order="SO-1001",
        chat_channel="#acme",
        quote=Quote(
            QuoteStatus.APPROVED,
            Decimal("150.25"),
            "USD",
            180,
            "Tres horas",
            PaymentStatus.PARTIAL,
            base["client_user"].id,
            AT,
        ),
        first_response_at=AT + timedelta(minutes=5),
        resolved_at=None,
        closed_minutes=12,
        escalated_response_at=AT + timedelta(hours=2),
        escalated_resolution_at=None,
    )


def test_a_case_with_every_field_set_comes_back_equal(db, base):
    case = full_case(base)
    with UnitOfWork(db) as uow:
        uow.cases.add(case)
        uow.commit()
    with UnitOfWork(db) as uow:
        loaded = uow.cases.get(case.id)
    assert loaded == case
    assert loaded.cost_per_hour == Decimal("35.10") and isinstance(loaded.cost_per_hour, Decimal)
    assert str(loaded.cost_per_hour) == "35.10"  # the figure as given, on either engine
    assert loaded.created_at.tzinfo is not None and loaded.created_at == AT


def test_people_areas_clients_and_contracts_come_back_equal(db, base):
    with UnitOfWork(db) as uow:
        assert uow.areas.get(base["area"].id) == base["area"]
        assert uow.areas.category(base["category"].id) == base["category"]
        assert uow.clients.get(base["client"].id) == base["client"]
        assert uow.clients.contact(base["contact"].id) == base["contact"]
        assert uow.contracts.get(base["contract"].id) == base["contract"]
        assert uow.users.get(base["agent"].id) == base["agent"]
        assert uow.users.by_login("maria") == base["client_user"]


def test_time_entries_ledger_calendar_files_comments_and_surveys_come_back_equal(db, base):
    case = full_case(base)
    with UnitOfWork(db) as uow:
        uow.cases.add(case)
        entry = uow.time.add(
            TimeEntry(
                case.id,
                base["agent"].id,
                date(2026, 3, 2),
                90,
                "Diagnóstico",
                True,
                AT,
                AT + timedelta(minutes=90),
                "Visita",
                base["agent"].id,
            )
        )
        posted = uow.contracts.post(
            LedgerEntry(
                base["contract"].id,
                case.id,
                Decimal("1.5"),
                LedgerKind.POST,
                AT,
                base["agent"].id,
                90,
            )
        )
        event = uow.calendar.add_event(
            Event(
                "Llamar a María",
                EventKind.CALL,
                AT,
                AT + timedelta(minutes=15),
                base["agent"].id,
                case.id,
                EventStatus.HELD,
            )
        )
        task = uow.calendar.add_task(
            CalendarTask(
                "Pedir repuesto",
                date(2026, 3, 5),
                base["agent"].id,
                case.id,
                TaskStatus.IN_PROGRESS,
            )
        )
        item = uow.files.add(
            Attachment(
                case.id,
                "foto.png",
                2048,
                "image/png",
                "a" * 64,
                base["agent"].id,
                AT,
                ReviewStatus.VALID,
                base["agent"].id,
            )
        )
        comment = uow.comments.add(
            Comment(case.id, base["agent"].id, "Voy en camino", Visibility.PUBLIC, AT)
        )
        survey = uow.surveys.add(Survey(case.id, base["client_user"].id, 5, "Excelente", AT))
        uow.commit()
    with UnitOfWork(db) as uow:
        assert uow.time.for_case(case.id) == [entry]
        assert uow.contracts.ledger(base["contract"].id) == [posted]
        assert posted.units == Decimal("1.5")
        assert uow.calendar.events_for_case(case.id) == [event]
        assert uow.calendar.tasks_for_case(case.id) == [task]
        assert uow.files.for_case(case.id) == [item]
        assert uow.comments.for_case(case.id) == [comment]
        assert uow.surveys.for_case(case.id) == survey


def test_ledger_units_are_summed_exactly_by_the_database(db, base):
    case = full_case(base)
    with UnitOfWork(db) as uow:
        uow.cases.add(case)
        for units in ("0.1", "0.2", "0.0001", "-0.1"):
            uow.contracts.post(
                LedgerEntry(base["contract"].id, case.id, Decimal(units), LedgerKind.POST, AT, None)
            )
        uow.commit()
    with UnitOfWork(db) as uow:
        assert uow.contracts.used(base["contract"].id) == Decimal("0.2001")


def test_case_numbers_count_up_and_are_never_reused_even_after_a_row_is_removed(db, base):
    def add() -> str:
        with UnitOfWork(db) as uow:
            case = uow.cases.add(full_case(base))
            uow.commit()
            return case.number

    assert [add(), add(), add()] == ["CS-000001", "CS-000002", "CS-000003"]
    with db.engine.begin() as connection:  # never done by deskTUI itself
        connection.execute(text("DELETE FROM support_case WHERE id = 3"))
    assert add() == "CS-000004"


def test_saving_a_case_read_before_someone_elses_save_raises_a_conflict_naming_them(db, base):
    with UnitOfWork(db) as uow:
        case = uow.cases.add(full_case(base))
        uow.commit()
    with UnitOfWork(db) as uow:
        mine = uow.cases.get(case.id)
    with UnitOfWork(db) as uow:
        theirs = uow.cases.get(case.id)
        theirs.edit(base["supervisor"], {"title": "Cambio de ellos"}, AT + timedelta(minutes=3))
        uow.cases.save(theirs)
        uow.commit()
    mine.title = "Mi cambio"
    with UnitOfWork(db) as uow, pytest.raises(Conflict, match="was changed by sofia"):
        uow.cases.save(mine)
    with UnitOfWork(db) as uow:
        assert uow.cases.get(case.id).title == "Cambio de ellos"
        assert uow.cases.get(case.id).version == 2


def test_a_stale_update_is_refused_by_the_version_column_itself(db, base):
    """Two sessions that read version 1 race: the database lets only one UPDATE win."""
    with UnitOfWork(db) as uow:
        case = uow.cases.add(full_case(base))
        uow.commit()
    with UnitOfWork(db) as uow:
        loaded = uow.cases.get(case.id)
        # Someone else's committed write lands between our read and our flush.
        uow.session.commit()
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE support_case SET version = version + 1, title = 'theirs' WHERE id = :id"
                ),
                {"id": case.id},
            )
        loaded.title = "mine"
        with pytest.raises(Conflict):
            uow.cases.save(loaded)


def test_a_missing_case_is_a_sentence_not_a_crash(db):
    with UnitOfWork(db) as uow, pytest.raises(NotFound, match="There is no case CS-000099"):
        uow.cases.get(99)


def test_times_are_stored_in_utc_whatever_zone_they_came_in(db, base):
    from zoneinfo import ZoneInfo

    caracas = datetime(2026, 3, 2, 8, 30, tzinfo=ZoneInfo("America/Caracas"))  # 12:30 UTC
    case = full_case(base)
    case.created_at = caracas
    with UnitOfWork(db) as uow:
        uow.cases.add(case)
        uow.commit()
    with UnitOfWork(db) as uow:
        loaded = uow.cases.get(case.id)
    assert loaded.created_at == AT
    assert loaded.created_at.utcoffset() == timedelta(0)


def test_a_time_without_a_zone_never_reaches_the_database(db, base):
    case = full_case(base)
    case.created_at = datetime(2026, 3, 2, 12, 30)  # naive: which 12:30?
    with UnitOfWork(db) as uow, pytest.raises(Exception, match="naive datetime"):
        uow.cases.add(case)
