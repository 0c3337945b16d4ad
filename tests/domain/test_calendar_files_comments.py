"""Calendar events and tasks, attachments' metadata, comments (calendar.py, files.py, comments.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from deskTUI.domain.calendar import (
    CalendarTask,
    EventCounters,
    TaskCounters,
    conflicts,
    event_counters,
    task_counters,
)
from deskTUI.domain.calendar import Event as CalendarEvent
from deskTUI.domain.comments import Comment, check_client_visibility, visible_to
from deskTUI.domain.enums import (
    EventKind,
    EventStatus,
    ReviewStatus,
    Role,
    TaskStatus,
    Visibility,
)
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.files import Attachment, FileCounters, display_name, file_counters

from .conftest import CASE_ID, T0, at

ALEX, BRUNO = 4, 5
DIGEST = "0123456789abcdef" * 4


def clock(hh: int, mm: int = 0, *, day: int = 2) -> datetime:
    return datetime(2026, 3, day, hh, mm, tzinfo=T0.tzinfo)


def event(
    start: datetime,
    end: datetime,
    *,
    owner: int = ALEX,
    status: EventStatus = EventStatus.PLANNED,
    title: str = "Visit floor 2",
) -> CalendarEvent:
    return CalendarEvent(
        title=title,
        kind=EventKind.VISIT,
        start=start,
        end=end,
        owner_id=owner,
        case_id=CASE_ID,
        status=status,
    )


# -- events ---------------------------------------------------------------------------------


def test_an_event_reads_its_kind_and_status_codes() -> None:
    made = CalendarEvent("  Call Carla ", "call", clock(9), clock(9, 15), ALEX, status="held")  # type: ignore[arg-type]
    assert (made.title, made.kind, made.status) == ("Call Carla", EventKind.CALL, EventStatus.HELD)
    assert made.case_id is None


@pytest.mark.parametrize("end", [clock(9), clock(8)], ids=["equal", "before"])
def test_an_event_that_ends_before_it_starts_is_refused(end: datetime) -> None:
    with pytest.raises(ValidationError) as error:
        event(clock(9), end)
    assert error.value.code == "event.end_before_start"
    assert str(error.value) == (
        f"The event ends at {end.isoformat(timespec='minutes')}, which is not after its start "
        "at 2026-03-02T09:00+00:00"
    )


def test_an_event_needs_a_title() -> None:
    with pytest.raises(ValidationError) as error:
        event(clock(9), clock(10), title=" ")
    assert error.value.code == "text.required"
    assert str(error.value) == "The event title is required"


def test_an_unknown_event_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="'party' is not a valid EventKind"):
        CalendarEvent("Party", "party", clock(9), clock(10), ALEX)  # type: ignore[arg-type]


def test_overlapping_events_of_one_owner_are_a_conflict() -> None:
    first = event(clock(9), clock(10))
    second = event(clock(9, 30), clock(11))
    third = event(clock(10, 45), clock(12))
    assert conflicts([third, first, second]) == [(first, second), (second, third)]


def test_an_event_inside_a_long_one_conflicts_with_it() -> None:
    long = event(clock(8), clock(17))
    short = event(clock(12), clock(13))
    later = event(clock(14), clock(15))
    assert conflicts([short, long, later]) == [(long, short), (long, later)]


def test_touching_events_are_not_a_conflict() -> None:
    assert conflicts([event(clock(9), clock(10)), event(clock(10), clock(11))]) == []


def test_events_of_different_owners_never_conflict() -> None:
    assert conflicts([event(clock(9), clock(10)), event(clock(9), clock(10), owner=BRUNO)]) == []


def test_event_counters_count_each_status_with_the_first_and_last_event() -> None:
    events = [
        event(clock(9, day=5), clock(10, day=5), status=EventStatus.HELD),
        event(clock(9, day=2), clock(10, day=2), status=EventStatus.PLANNED),
        event(clock(9, day=9), clock(10, day=9), status=EventStatus.NOT_HELD),
        event(clock(15, day=4), clock(16, day=4), status=EventStatus.PLANNED),
    ]
    assert event_counters(events) == EventCounters(
        total=4, planned=2, held=1, not_held=1, first=clock(9, day=2), last=clock(9, day=9)
    )


def test_no_events_count_zero_with_no_dates() -> None:
    assert event_counters([]) == EventCounters(0, 0, 0, 0, None, None)


# -- calendar tasks -----------------------------------------------------------------------------


def test_task_counters_count_not_started_and_completed_with_first_and_last_due_dates() -> None:
    tasks = [
        CalendarTask("Order roller", date(2026, 3, 4), ALEX, CASE_ID, TaskStatus.COMPLETED),
        CalendarTask("Fit roller", date(2026, 3, 6), ALEX, CASE_ID, TaskStatus.IN_PROGRESS),
        CalendarTask("Test print", date(2026, 3, 9), ALEX, CASE_ID),
        CalendarTask("Call back", date(2026, 3, 3), ALEX, CASE_ID, "not_started"),  # type: ignore[arg-type]
    ]
    assert task_counters(tasks) == TaskCounters(
        total=4, not_started=2, completed=1, first=date(2026, 3, 3), last=date(2026, 3, 9)
    )


def test_no_tasks_count_zero_with_no_dates() -> None:
    assert task_counters([]) == TaskCounters()


def test_a_task_needs_a_title() -> None:
    with pytest.raises(ValidationError) as error:
        CalendarTask("", date(2026, 3, 4), ALEX)
    assert error.value.code == "text.required"
    assert str(error.value) == "The task title is required"


# -- files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("/etc/shadow", "shadow"),
        ("..\\..\\windows\\system.ini", "system.ini"),
        ("C:\\Users\\carla\\invoice.pdf", "invoice.pdf"),
        ("", "attachment"),
        ("..", "attachment"),
        ("reports/", "attachment"),
        ("inv\x00oice\x1b[31m.pdf", "invoice[31m.pdf"),
        ("evil\u202eftp.exe", "evilftp.exe"),
        ("  photo.jpg  ", "photo.jpg"),
        ("informe año.pdf", "informe año.pdf"),
    ],
)
def test_a_display_name_drops_directories_and_control_characters(original: str, shown: str) -> None:
    assert display_name(original) == shown


def test_a_display_name_is_at_most_255_characters() -> None:
    assert display_name("a" * 300 + ".pdf") == "a" * 255


def attachment(review: ReviewStatus = ReviewStatus.PENDING, **overrides: object) -> Attachment:
    fields: dict = {
        "case_id": CASE_ID,
        "name": "../invoice.pdf",
        "size": 1024,
        "media_type": "application/pdf",
        "sha256": DIGEST,
        "uploader_id": 6,
        "uploaded_at": at(hours=2),
        "review": review,
    }
    fields.update(overrides)
    return Attachment(**fields)


def test_an_attachment_keeps_only_its_display_name() -> None:
    assert attachment().name == "invoice.pdf"


@pytest.mark.parametrize(
    "digest",
    [DIGEST.upper(), DIGEST[:-1], DIGEST + "0", "g" * 64, "", "../" + DIGEST[3:]],
    ids=["uppercase", "short", "long", "not-hex", "empty", "path"],
)
def test_a_bad_sha256_is_refused(digest: str) -> None:
    with pytest.raises(ValidationError) as error:
        attachment(sha256=digest)
    assert error.value.code == "file.digest"
    assert str(error.value) == "A file's SHA-256 must be 64 lowercase hex digits"


def test_a_negative_size_is_refused_and_an_empty_file_is_not() -> None:
    with pytest.raises(ValidationError) as error:
        attachment(size=-1)
    assert error.value.code == "file.size"
    assert attachment(size=0).size == 0


def test_file_counters_count_each_review_status() -> None:
    files = [
        attachment(),
        attachment(ReviewStatus.VALID),
        attachment(ReviewStatus.VALID),
        attachment(ReviewStatus.REJECTED),
        attachment(review="pending"),
    ]
    assert file_counters(files) == FileCounters(total=5, pending=2, valid=2, rejected=1)
    assert file_counters([]) == FileCounters(0, 0, 0, 0)


# -- comments ------------------------------------------------------------------------------------


def comment(visibility: Visibility, body: str = "Any news?", author: int = 6) -> Comment:
    return Comment(CASE_ID, author, body, visibility, at(hours=1))


def test_a_client_cannot_write_an_internal_note() -> None:
    with pytest.raises(PermissionDenied) as error:
        check_client_visibility(Role.CLIENT, Visibility.INTERNAL)
    assert error.value.code == "comment.client_internal"
    assert str(error.value) == (
        "Clients can only write public comments; internal notes are for staff"
    )


def test_a_client_may_write_in_public_and_staff_either_way() -> None:
    check_client_visibility(Role.CLIENT, Visibility.PUBLIC)
    for role in (Role.ADMIN, Role.SUPERVISOR, Role.AGENT):
        for visibility in Visibility:
            check_client_visibility(role, visibility)


def test_clients_do_not_see_internal_comments() -> None:
    public = comment(Visibility.PUBLIC)
    internal = comment(Visibility.INTERNAL, "Client is on the old firmware", author=4)
    later = comment(Visibility.PUBLIC, "Fixed, please check", author=4)
    thread = [public, internal, later]

    assert visible_to(Role.CLIENT, thread) == [public, later]
    for role in (Role.ADMIN, Role.SUPERVISOR, Role.AGENT):
        assert visible_to(role, thread) == thread


def test_a_comment_needs_a_body_and_reads_its_visibility_code() -> None:
    assert comment("internal").public is False  # type: ignore[arg-type]
    assert comment("public").public is True  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as error:
        comment(Visibility.PUBLIC, body="   ")
    assert error.value.code == "text.required"
    assert str(error.value) == "The comment is required"
