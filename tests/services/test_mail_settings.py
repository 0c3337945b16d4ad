"""The desk's e-mail settings and routes as an admin keeps them (issue 22), on both engines:
what is set and shown, what is refused in a sentence changing nothing (at the bounds too),
what is only warned about, and the desk's log line of every change."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import inspect

from deskTUI.domain.enums import LogKind
from deskTUI.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError
from deskTUI.domain.mail_settings import Tls, UnknownSenders
from deskTUI.services import admin
from deskTUI.services.mail_settings import (
    MailChanges,
    ServerChanges,
    add_route,
    desk_secret,
    remove_route,
    routes,
    set_settings,
    show,
)


def everything(db) -> dict[str, list[tuple[object, ...]]]:
    with db.read_engine.connect() as connection:
        return {
            t: sorted(
                (tuple(r) for r in connection.exec_driver_sql(f'SELECT * FROM "{t}"')), key=repr
            )
            for t in inspect(connection).get_table_names()
        }


def mail_log(desk) -> list[tuple[str | None, str | None, str | None, str]]:
    with desk.uow() as uow:
        lines = uow.log.for_case(None)  # type: ignore[arg-type]
    return [(e.field, e.old, e.new, e.note) for e in lines if e.kind is LogKind.MAIL]


def test_an_admin_sets_the_mail_settings_and_reads_them_back_by_name(desk, monkeypatch):
    monkeypatch.setenv("DESK_SMTP_PASSWORD", "s3creta-del-smtp")
    view, changed, warnings = set_settings(
        desk.uow(),
        desk.admin,
        MailChanges(
            addresses=["Soporte@Example.com", "soporte@example.com", "ventas@example.com"],
            smtp=ServerChanges(
                "smtp.example.com", "tls", "mesa", password_env="DESK_SMTP_PASSWORD"
            ),
            imap=ServerChanges("[::1]:1143", "none", "mesa", password_file="/etc/desk/imap"),
            unknown_senders="open",
            unknown_client="acme sa",
            default_area="soporte",
            default_category="redes",
            rate_per_minute="5",
        ),
    )
    s = view.settings
    assert s.addresses == ["Soporte@Example.com", "ventas@example.com"]  # one per letter case
    assert (s.smtp.host, s.smtp.effective_port("smtp"), s.smtp.tls) == (
        "smtp.example.com",
        465,
        Tls.TLS,
    )
    assert (s.imap.host, s.imap.port, s.imap.tls) == ("::1", 1143, Tls.NONE)  # loopback: allowed
    assert s.unknown_senders is UnknownSenders.OPEN and s.rate_per_minute == 5
    assert (view.unknown_client, view.default_area, view.default_category) == (
        "Acme SA", "Soporte", "Redes",
    )  # fmt: skip
    assert "smtp_password_env" in changed and "imap_password_file" in changed
    # A password file not there is said, not refused: it lives where mail fetch runs.
    assert [w.code for w in warnings] == ["mail.password_file_missing"]
    assert show(desk.uow(), desk.admin) == view
    # Never a password: the variable's value is nowhere in the desk.
    assert "s3creta-del-smtp" not in repr(everything_of(desk))


def everything_of(desk) -> object:
    with desk.uow() as uow:
        return everything(uow.db)


def test_every_change_of_the_settings_is_a_line_of_the_desks_log_and_nothing_else_is(desk):
    set_settings(desk.uow(), desk.admin, MailChanges(smtp=ServerChanges("localhost:2525", "none")))
    _, changed, _ = set_settings(
        desk.uow(), desk.admin, MailChanges(smtp=ServerChanges("localhost:2525", "none"))
    )
    assert changed == []
    assert mail_log(desk) == [
        ("smtp_host", None, "localhost", "settings"),
        ("smtp_port", None, "2525", "settings"),
        ("smtp_tls", "starttls", "none", "settings"),
    ]


BAD = [
    (MailChanges(addresses=["not an address"]), "mail.address"),
    (MailChanges(addresses=["soporte@example.com\r\nBcc: all@example.com"]), "mail.address"),
    (MailChanges(addresses=["Soporte <soporte@example.com>"]), "mail.address"),
    (MailChanges(addresses=["[bold]soporte@example.com"]), "mail.address"),
    (MailChanges(addresses=["a" * 10_000 + "@example.com"]), "text.too_long"),
    (MailChanges(addresses=[""]), "text.required"),
    (MailChanges(smtp=ServerChanges("smtp.example.com:65536")), "mail.port"),
    (MailChanges(smtp=ServerChanges("smtp.example.com:0")), "mail.port"),
    (MailChanges(smtp=ServerChanges(f"smtp.example.com:{2**63}")), "mail.port"),
    (MailChanges(smtp=ServerChanges("smtp.example.com:25x")), "mail.port"),
    (MailChanges(smtp=ServerChanges("smtp example com")), "mail.host"),
    (MailChanges(smtp=ServerChanges("smtp.example.com", "none")), "mail.tls_none"),
    (MailChanges(imap=ServerChanges("10.0.0.1", "none")), "mail.tls_none"),
    (MailChanges(smtp=ServerChanges("localhost", "ssl")), "mail.tls"),
    (
        MailChanges(smtp=ServerChanges("localhost", password_env="A", password_file="/b")),
        "mail.password_twice",
    ),
    (MailChanges(smtp=ServerChanges(password_env="1BAD-NAME")), "mail.password_env"),
    (MailChanges(smtp=ServerChanges(password_file="secret.txt")), "mail.password_relative"),
    (MailChanges(unknown_senders="maybe"), "mail.unknown"),
    (MailChanges(unknown_senders="open"), "mail.unknown_client"),
    (MailChanges(unknown_client="Nadie SA"), "client.not_found"),
    (MailChanges(default_area="Ventas"), "area.not_found"),
    (MailChanges(default_area="Soporte", default_category="Errores"), "category.not_found"),
    (MailChanges(default_category="Redes"), "mail.default_category"),
    (MailChanges(rate_per_minute="0"), "mail.rate"),
    (MailChanges(rate_per_minute=str(2**63)), "mail.rate"),
    (MailChanges(rate_per_minute="1e26"), "mail.rate"),
    (MailChanges(imap_mailbox=""), "text.required"),
    (MailChanges(imap_mailbox="INBOX\r\nA1 DELETE INBOX"), "mail.control"),
    (MailChanges(smtp=ServerChanges(user="mesa\r\nRCPT TO:<x@y.z>")), "mail.control"),
    (MailChanges(imap=ServerChanges(password_file="/etc/desk/pw\nother")), "mail.control"),
    (MailChanges(smtp=ServerChanges(password_file="/etc/desk/pw\x00")), "text.nul"),
]


def test_a_wrong_setting_is_refused_in_a_sentence_and_changes_nothing(desk, db):
    """Every case on one desk (one desk per engine, not one per case: the suite's time)."""
    before = everything(db)
    for changes, code in BAD:
        with pytest.raises(DomainError) as refused:
            set_settings(desk.uow(), desk.admin, changes)
        assert (refused.value.code, bool(str(refused.value))) == (code, True), changes
    assert everything(db) == before


def test_a_password_file_others_may_read_is_warned_about(desk, tmp_path):
    path = tmp_path / "smtp-password"
    path.write_text("x\n")
    os.chmod(path, 0o644)
    _, _, warnings = set_settings(
        desk.uow(), desk.admin, MailChanges(smtp=ServerChanges(password_file=str(path)))
    )
    assert [w.code for w in warnings] == ["mail.password_file_open"]
    os.chmod(path, 0o600)
    _, _, warnings = set_settings(
        desk.uow(), desk.admin, MailChanges(imap=ServerChanges(password_file=str(path)))
    )
    assert warnings == []


def test_only_an_admin_sets_the_mail_or_routes_it(desk, db):
    before = everything(db)
    for who in (desk.sofia, desk.ana, desk.maria):
        with pytest.raises(PermissionDenied):
            set_settings(desk.uow(), who, MailChanges(rate_per_minute=3))
        with pytest.raises(PermissionDenied):
            show(desk.uow(), who)
        with pytest.raises(PermissionDenied):
            add_route(desk.uow(), who, "soporte@example.com", "Soporte")
    assert everything(db) == before
    assert routes(desk.uow(), desk.sofia) == []  # a supervisor reads them
    for who in (desk.ana, desk.maria):
        with pytest.raises(PermissionDenied):
            routes(desk.uow(), who)


def test_an_address_has_one_route_whatever_its_letter_case_and_each_change_is_logged(desk):
    route, replaced = add_route(desk.uow(), desk.admin, "Soporte@Example.com", "soporte")
    assert (route.address, route.area, route.category, replaced) == (
        "soporte@example.com", "Soporte", None, None,
    )  # fmt: skip
    route, replaced = add_route(desk.uow(), desk.admin, "SOPORTE@example.com", "Soporte", "redes")
    assert (route.area, route.category) == ("Soporte", "Redes")
    assert replaced is not None and replaced.category is None
    assert [(r.address, r.category) for r in routes(desk.uow(), desk.admin)] == [
        ("soporte@example.com", "Redes")
    ]
    gone = remove_route(desk.uow(), desk.admin, " Soporte@EXAMPLE.com ")
    assert gone.address == "soporte@example.com" and routes(desk.uow(), desk.admin) == []
    with pytest.raises(NotFound) as missing:
        remove_route(desk.uow(), desk.admin, "soporte@example.com")
    assert str(missing.value) == "There is no route for soporte@example.com"
    with pytest.raises(ValidationError) as blank:
        remove_route(desk.uow(), desk.admin, "  ")
    assert blank.value.code == "text.required"
    assert mail_log(desk) == [
        ("route", None, "soporte@example.com → Soporte", "route added"),
        ("route", "soporte@example.com → Soporte", "soporte@example.com → Soporte/Redes",
         "route added"),
        ("route", "soporte@example.com → Soporte/Redes", None, "route removed"),
    ]  # fmt: skip


def test_a_route_to_no_area_or_a_deactivated_one_or_no_address_is_refused(desk, db):
    from deskTUI.services import records

    records.set_active(desk.uow(), desk.admin, "area", "Desarrollo", False)
    records.set_active(desk.uow(), desk.admin, "client", "Globex Ltda", False)
    before = everything(db)
    for changes in (
        MailChanges(default_area="Desarrollo"),
        MailChanges(unknown_senders="open", unknown_client="Globex Ltda"),
    ):
        with pytest.raises(ValidationError) as inactive:
            set_settings(desk.uow(), desk.admin, changes)
        assert inactive.value.code == "record.inactive"
    for address, area, category, code in (
        ("ventas@example.com", "Ventas", None, "area.not_found"),
        ("ventas@example.com", "Desarrollo", None, "record.inactive"),
        ("ventas@example.com", "Soporte", "Errores", "category.not_found"),
        ("ventas", "Soporte", None, "mail.address"),
        ("ventas@example.com\nbcc@example.com", "Soporte", None, "mail.address"),
    ):
        with pytest.raises(DomainError) as refused:
            add_route(desk.uow(), desk.admin, address, area, category)
        assert refused.value.code == code
    assert everything(db) == before


def test_the_secret_is_made_on_first_use_and_never_shown(desk):
    assert not show(desk.uow(), desk.admin).settings.has_secret
    with desk.uow() as uow:
        secret = desk_secret(uow)
        uow.commit()
    view = show(desk.uow(), desk.admin)
    assert view.settings.has_secret and secret.hex() not in repr(view)


def test_a_contacts_e_mail_is_one_address_or_none(desk, db):
    before = everything(db)
    for email in ("not an address", "maria@acme.example\r\nBcc: x@y.example", "a@b.c, d@e.f"):
        with pytest.raises(ValidationError) as refused:
            admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Pedro", email=email)
        assert refused.value.code == "mail.address"
    assert everything(db) == before
    added = admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Pedro", email=" pedro@acme.cl ")
    assert added.email == "pedro@acme.cl"
    assert admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Rosa").email == ""


def test_a_default_category_is_changed_within_its_area_and_an_empty_value_forgets(desk):
    set_settings(
        desk.uow(), desk.admin,
        MailChanges(smtp=ServerChanges("localhost", user="mesa"), default_area="Soporte"),
    )  # fmt: skip
    view, _, _ = set_settings(desk.uow(), desk.admin, MailChanges(default_category="redes"))
    assert (view.default_area, view.default_category) == ("Soporte", "Redes")
    with pytest.raises(NotFound):  # a category of another area
        set_settings(desk.uow(), desk.admin, MailChanges(default_category="Errores"))
    view, _, _ = set_settings(desk.uow(), desk.admin, MailChanges(default_category=""))
    assert (view.default_area, view.default_category) == ("Soporte", None)
    view, _, _ = set_settings(
        desk.uow(), desk.admin, MailChanges(default_area=" ", smtp=ServerChanges(""))
    )
    assert (view.default_area, view.settings.smtp.host, view.settings.smtp.port) == (None, "", None)
    assert view.settings.smtp.user == "mesa"  # forgetting the server keeps the rest
