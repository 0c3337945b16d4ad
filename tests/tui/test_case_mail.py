"""The case's e-mail under its Comments tab (issue 22: "the case view shows for each message
whether it was sent, when, and to whom"): staff read each message in and out, newest first,
in words; a notice sent meanwhile reads as sent when the desk changes; a client sees none.
Pictures at 120×40 in English and in Spanish (frozen clock, fixed data, UTC)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable

from deskTUI import i18n
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.mail_settings import Direction, Outcome

from .conftest import burst, delivered, make_app, running_app, settle

COMMENTS_TAB = "tab-4"


def mail_of(desk, case) -> dict[str, int]:
    """CS-000001's thread: maria wrote it by e-mail (a subject that looks like markup), a
    notice to her was sent, another is queued, one to a dead address failed for good."""
    with desk.uow() as uow:
        now = uow.now()
        ids = {
            "in": uow.mail.record(
                Direction.IN, "<in@acme>", "maria@acme.example", now - timedelta(hours=2),
                Outcome.OPENED, subject="[bold]La impresora[/bold] no imprime", case_id=case.id,
            ),
            "sent": uow.mail.record(
                Direction.OUT, "<s@desk>", "maria@acme.example", now - timedelta(hours=1),
                Outcome.QUEUED, subject=f"[{case.number}] Caso abierto", case_id=case.id,
            ),
            "queued": uow.mail.record(
                Direction.OUT, "<q@desk>", "maria@acme.example", now - timedelta(minutes=5),
                Outcome.QUEUED, subject=f"[{case.number}] Nuevo comentario", case_id=case.id,
            ),
            "failed": uow.mail.record(
                Direction.OUT, "<f@desk>", "viejo@acme.example", now - timedelta(minutes=1),
                Outcome.QUEUED, subject=f"[{case.number}] Nuevo comentario", case_id=case.id,
            ),
        }  # fmt: skip
        for name in ("sent", "queued", "failed"):
            uow.mail.queue(ids[name], "x@acme.example", "es", "Subject: x\n\nx", now)
        uow.mail.set_outcome(ids["sent"], Outcome.SENT, sent_at=now - timedelta(minutes=59))
        uow.mail.set_outcome(
            ids["failed"], Outcome.FAILED_PERMANENT,
            reason=ValidationError(
                "mail.address_failing",
                "The desk no longer writes to {address}: a message to it failed for good "
                "({reason})",
                address="viejo@acme.example", reason="550 5.1.1 User unknown",
            ),
        )  # fmt: skip
        uow.commit()
    return ids


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#mail-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_staff_read_each_message_in_words_and_a_notice_sent_meanwhile_reads_as_sent(
    desk, queue
):
    case = queue[0]
    ids = mail_of(desk, case)
    async with running_app(desk, desk.ana, case_id=case.id, size=(160, 40)) as (app, pilot):
        app.screen.query_one("#sections").active = COMMENTS_TAB
        await settle(pilot)
        assert app.screen.query_one("#mail-table").display
        assert "E-mail: 4 messages in or out, newest first" in str(
            app.screen.query_one("#mail-summary").render()
        )
        # A reason is longer than its column: the highlighted row's is written whole under it.
        assert str(app.screen.query_one("#mail-why").render()) == (
            "failed: The desk no longer writes to viejo@acme.example: a message to it failed "
            "for good (550 5.1.1 User unknown)"
        )
        failed = rows(app)[0]
        assert failed[:4] == [
            "3/2/2026 13:29", "out", "to viejo@acme.example", f"[{case.number}] Nuevo comentario",
        ]  # fmt: skip
        assert failed[4].startswith("failed: The desk no longer") and failed[4].endswith("…")
        assert rows(app)[1:] == [
            ["3/2/2026 13:25", "out", "to maria@acme.example", f"[{case.number}] Nuevo comentario",
             "queued"],
            ["3/2/2026 12:30", "out", "to maria@acme.example", f"[{case.number}] Caso abierto",
             "sent 3/2/2026 12:31"],
            ["3/2/2026 11:30", "in", "from maria@acme.example",
             "[bold]La impresora[/bold] no imprime", "opened a case"],
        ]  # fmt: skip
        table = app.screen.query_one("#mail-table")
        for _ in range(4):  # tab to the table (the pane's scroll first)
            if app.focused is not table:
                await pilot.press("tab")
        assert app.focused is table
        await pilot.press("down")  # the queued notice: its outcome written under the table
        assert str(app.screen.query_one("#mail-why").render()) == "queued"
        await pilot.press("up")
        # The sender sends the queued notice (another process); the view reads it again.
        with desk.uow() as uow:
            uow.mail.set_outcome(ids["queued"], Outcome.SENT, sent_at=uow.now())
            uow.commit()
        app.screen.desk_changed()
        await settle(pilot)
        assert rows(app)[1][4] == "sent 3/2/2026 13:30"

    async with running_app(desk, desk.maria, case_id=case.id) as (app, pilot):
        app.screen.query_one("#sections").active = COMMENTS_TAB
        await settle(pilot)
        assert not app.screen.query_one("#mail-table").display  # a client reads no records
        assert not app.screen.query_one("#mail-summary").display
        assert rows(app) == []


@pytest.fixture
def in_spanish(monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")
    i18n.use("es", "es")
    yield
    i18n.use("en", "en")


def picture(desk, queue, snap_compare) -> bool:
    from deskTUI.screens.case_view import CaseViewScreen
    from deskTUI.services import cases

    mail_of(desk, queue[0])
    cases.comment_case(desk.uow(), desk.ana, queue[0].number, "Ya casi está", public=True)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(queue[0].id))
        await settle(pilot)
        pilot.app.screen.query_one("#sections").active = COMMENTS_TAB
        await settle(pilot)

    return bool(
        snap_compare(make_app(desk, desk.sofia), terminal_size=(120, 40), run_before=run_before)
    )


def test_the_picture_of_a_cases_mail_under_its_comments(desk, queue, snap_compare):
    """CS-000001's Comments tab: ana's public comment, then 'E-mail: 4 messages in or out,
    newest first' over WHEN, IN/OUT, FROM / TO, SUBJECT, WHAT BECAME OF IT: the failed notice
    with its reason, the queued one, the sent one with its moment, maria's message in (its
    subject's [bold] shown as typed, not bold)."""
    assert picture(desk, queue, snap_compare)


def test_the_picture_of_a_cases_mail_in_spanish(desk, queue, in_spanish, snap_compare):
    """The same in Spanish: Correo, Entrada/Salida words, 'enviado …', the reason in
    Spanish; nothing cut without an ellipsis."""
    assert picture(desk, queue, snap_compare)


# -- the comment dialog's third choice: public, and e-mailed to the case's contact ---------


def carla_case(desk, contact: str = "Carla Núñez", email: str = "carla@acme.example"):
    """A case of Acme SA's contact ``contact``, opened before the desk wrote from
    soporte@desk.example (so no notice of its opening is queued)."""
    from deskTUI.services import admin

    admin.add_contact(desk.uow(), desk.admin, "Acme SA", contact, email=email)
    case = desk.open(title="Impresora", contact=contact)
    with desk.uow() as uow:
        settings = uow.mail.settings()
        settings.addresses = ["soporte@desk.example"]
        uow.mail.save_settings(settings)
        uow.commit()
    return case


def comments_and_mail(desk, case) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(body, visibility) of each comment; (recipient, outcome) of each message out."""
    from deskTUI.services import views
    from deskTUI.services.case_mail import case_messages

    comments = views.case_detail(desk.uow(), desk.sofia, case.id).comments
    mail = case_messages(desk.uow(), desk.sofia, case.id)
    return (
        [(c.body, c.visibility.value) for c in comments],
        [(m.record.address, m.record.outcome.value) for m in mail],
    )


async def test_a_comment_e_mailed_by_keys_in_one_burst_is_public_and_queued_to_the_contact(
    desk,
):
    """`c`, the text, tab tab space (the e-mail choice: it ticks public too), ctrl+s, all
    typed before the dialog is read; then an internal comment, which queues nothing."""
    case = carla_case(desk)
    async with running_app(desk, desk.sofia, case_id=case.id) as (app, pilot):
        burst(app, "c", *"Ya quedó", "tab", "tab", "space", "ctrl+s")
        await delivered(pilot)
        assert comments_and_mail(desk, case) == (
            [("Ya quedó", "public")],
            [("carla@acme.example", "queued")],
        )
        app.screen.query_one("#sections").active = COMMENTS_TAB
        await settle(pilot)
        assert rows(app)[0][2:] == ["to carla@acme.example", rows(app)[0][3], "queued"]

        burst(app, "c", *"nota interna", "ctrl+s")
        await delivered(pilot)
        assert comments_and_mail(desk, case)[1] == [("carla@acme.example", "queued")]
        assert comments_and_mail(desk, case)[0][1] == ("nota interna", "internal")


async def test_the_e_mail_choice_is_offered_disabled_with_its_reason_and_unticks_with_public(
    desk,
):
    with_address = carla_case(desk)
    without = carla_case(desk, "Sin Correo", "")
    async with running_app(desk, desk.sofia, case_id=without.id) as (app, pilot):
        await pilot.press("c")
        await delivered(pilot)
        assert app.screen.query_one("#email").disabled
        assert str(app.screen.query_one("#email-why").render()) == (
            "The case's contact Sin Correo has no e-mail address"
        )
        await pilot.press("escape")
        await delivered(pilot)

        from deskTUI.screens.case_view import CaseViewScreen

        await app.push_screen(CaseViewScreen(with_address.id))
        await delivered(pilot)
        await pilot.press("c")
        await delivered(pilot)
        email, public = app.screen.query_one("#email"), app.screen.query_one("#public")
        assert not email.disabled and not app.screen.query("#email-why")
        await pilot.press("tab", "tab", "space")  # the e-mail: public is ticked with it
        assert (email.value, public.value) == (True, True)
        await pilot.press("shift+tab", "space")  # public unticked: no e-mail either
        assert (email.value, public.value) == (False, False)


def dialog_picture(desk, snap_compare) -> bool:
    from deskTUI.screens.case_view import CaseViewScreen

    case = carla_case(desk)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(case.id))
        await settle(pilot)
        await pilot.press("c", *"Ya quedó: cambiamos el fusor.", "tab", "tab", "space")
        await settle(pilot)

    return bool(
        snap_compare(make_app(desk, desk.sofia), terminal_size=(80, 24), run_before=run_before)
    )


def test_the_picture_of_the_comment_dialog_with_the_e_mail_ticked(desk, snap_compare):
    """The comment dialog at 80×24: the text, 'public (the client sees it)' ticked with
    'public, and e-mailed to Carla Núñez <carla@acme.example>', the hint line."""
    assert dialog_picture(desk, snap_compare)


def test_the_picture_of_the_comment_dialog_in_spanish(desk, in_spanish, snap_compare):
    """The same in Spanish: 'público, y enviado por correo a Carla Núñez <…>'."""
    assert dialog_picture(desk, snap_compare)


# -- the bitácora: a client's steps by e-mail, in words -------------------------------------


def mail_log(desk, case) -> None:
    """The intake's three kinds of line (services/mail_ingest: field the outcome, new the
    sender), written as it writes them, by maria: opened, a comment, a step by reply."""
    from deskTUI.domain.enums import LogKind

    with desk.uow() as uow:
        for field in ("opened", "commented", "acted"):
            uow.log.record(
                case.id, uow.now(), desk.maria.id, LogKind.MAIL, field=field,
                new="maria@acme.example",
            )  # fmt: skip
        uow.commit()


def test_a_clients_steps_by_e_mail_read_as_sentences_in_the_log(desk, queue):
    from deskTUI.log_text import describe_log
    from deskTUI.services import views

    mail_log(desk, queue[0])
    log = views.case_detail(desk.uow(), desk.sofia, queue[0].id).log
    said = [describe_log(entry, {}) for entry in log if entry.kind.value == "mail"]
    assert said == [
        "Case opened by e-mail from maria@acme.example",
        "Comment by e-mail from maria@acme.example",
        "Step taken by e-mail reply from maria@acme.example",
    ]


async def test_the_log_tab_says_a_clients_steps_by_e_mail_in_spanish(desk, queue, in_spanish):
    mail_log(desk, queue[0])
    async with running_app(desk, desk.sofia, case_id=queue[0].id, size=(120, 40)) as (app, _):
        log = app.screen.query_one("#log-table", DataTable)
        said = [
            (str(log.get_row_at(i)[1]), str(log.get_row_at(i)[2])) for i in range(log.row_count)
        ]
    assert [line for line in said if "correo" in line[1]] == [
        ("maria", "Caso abierto por correo de maria@acme.example"),
        ("maria", "Comentario por correo de maria@acme.example"),
        ("maria", "Acción realizada por respuesta de correo de maria@acme.example"),
    ]


async def test_a_mail_record_that_cannot_be_read_is_said_and_the_case_still_shows(desk, queue):
    """A record whose outcome no deskTUI writes (changed by hand): the case's tabs show,
    the e-mail part says what is wrong in one line instead of the view failing whole."""
    from sqlalchemy import text

    ids = mail_of(desk, queue[0])
    with desk.uow() as uow:
        uow.session.execute(
            text("UPDATE mail_message SET outcome = 'bogus' WHERE id = :id"), {"id": ids["in"]}
        )
        uow.commit()
    async with running_app(desk, desk.sofia, case_id=queue[0].id) as (app, pilot):
        app.screen.query_one("#sections").active = COMMENTS_TAB
        await settle(pilot)
        assert "La impresora no imprime" in str(app.screen.query_one("#editor-title").render())
        summary = str(app.screen.query_one("#mail-summary").render())
        assert app.screen.query_one("#mail-summary").display
        assert not app.screen.query_one("#mail-table").display
        assert "is damaged (a stored message record cannot be read" in summary, summary


async def test_a_long_thread_says_its_older_messages_are_not_listed(desk, queue, monkeypatch):
    from deskTUI.screens import case_mail

    monkeypatch.setattr(case_mail, "CASE_MAIL_LIMIT", 3)  # of the four messages
    mail_of(desk, queue[0])
    async with running_app(desk, desk.sofia, case_id=queue[0].id) as (app, pilot):
        app.screen.query_one("#sections").active = COMMENTS_TAB
        await settle(pilot)
        assert str(app.screen.query_one("#mail-summary").render()) == (
            "E-mail: the newest 3 messages in or out, newest first; older ones are not listed"
        )
        assert [row[1] for row in rows(app)] == ["out", "out", "out"]  # maria's first one not
