"""``desktui mail set|show|route|status`` and a contact's e-mail (issue 22), run as a person
runs them, on both engines: exit 0 done, 1 refused in one sentence with nothing written,
2 wrong usage; ``--json`` keys and codes stable; never a password nor the secret shown."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.mail_settings import Direction, Outcome
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

from .conftest import connected

SETTINGS_KEYS = {
    "addresses", "smtp", "imap", "unknown_senders", "unknown_client", "default_area",
    "default_category", "rate_per_minute", "secret_made",
}  # fmt: skip
SERVER_KEYS = {"host", "port", "tls", "user", "password_env", "password_file"}
STATUS_KEYS = {
    "id", "direction", "at", "address", "desk_address", "message_id", "subject", "case", "area",
    "outcome", "reason_code", "reason", "sent_at",
}  # fmt: skip


def test_an_admin_sets_the_mail_up_and_reads_it_back_never_a_password(shop, monkeypatch):
    monkeypatch.setenv("DESK_SMTP", "la-clave-secreta")
    said = shop.ok(
        "mail", "set", "--address", "soporte@example.com", "--smtp", "smtp.example.com:587",
        "--tls", "starttls", "--user", "mesa", "--password-env", "DESK_SMTP",
        "--unknown-senders", "open", "--unknown-client", "Globex Ltda",
        "--default-area", "Soporte", "--default-category", "Redes", "--rate", "12",
    )  # fmt: skip
    assert said.out.startswith("Mail settings changed: addresses, smtp_host, smtp_port")
    shown = shop.json("mail", "show")
    assert set(shown) == SETTINGS_KEYS and set(shown["smtp"]) == SERVER_KEYS
    assert set(shown["imap"]) == SERVER_KEYS | {"mailbox"}
    assert shown["smtp"] == {
        "host": "smtp.example.com", "port": 587, "tls": "starttls", "user": "mesa",
        "password_env": "DESK_SMTP", "password_file": "",
    }  # fmt: skip
    assert (shown["unknown_senders"], shown["unknown_client"], shown["rate_per_minute"]) == (
        "open", "Globex Ltda", 12,
    )  # fmt: skip
    assert shown["secret_made"] is False
    plain = shop.ok("mail", "show").out
    assert "SMTP: smtp.example.com port 587, TLS starttls, user mesa, password from the " \
        "environment variable DESK_SMTP" in plain  # fmt: skip
    assert "la-clave-secreta" not in json.dumps(shop.state(), default=str)
    again = shop.ok("mail", "set", "--rate", "12")
    assert again.out == "Nothing changed: the mail settings were already so.\n"


def test_a_wrong_setting_is_refused_in_one_sentence_and_wrong_usage_is_exit_two(shop):
    shop.refused(
        "mail", "set", "--smtp", "smtp.example.com", "--tls", "none",
        contains="allowed only for a server on this machine",
    )  # fmt: skip
    shop.refused(
        "mail", "set", "--smtp", f"smtp.example.com:{2**63}",
        says=f"The SMTP server's port must be a whole number from 1 to 65535, not '{2**63}'",
    )  # fmt: skip
    shop.refused("mail", "set", "--imap", "mail.example.com:65536", contains="1 to 65535")
    shop.refused("mail", "set", "--address", "soporte", contains="not an e-mail address")
    shop.refused("mail", "set", "--default-area", "Ventas", says="There is no area 'Ventas'")
    shop.refused("mail", "set", "--rate", "1e26", contains="from 1 to 10,000")
    shop.refused("mail", "set", "--password-file", "relative.txt", contains="whole path")
    shop.usage_error(
        "mail", "set", "--password-env", "A", "--password-file", "/b",
        contains="not allowed with argument",
    )  # fmt: skip
    shop.usage_error("mail", "route", "add", "a@example.com")  # --area is required
    shop.ok("mail", "set", "--smtp", "127.0.0.1:2525", "--tls", "none")  # loopback: allowed


def test_a_missing_password_file_is_a_warning_and_the_setting_is_kept(shop, tmp_path):
    missing = tmp_path / "nowhere" / "imap-password"
    result = shop.run("mail", "set", "--imap", "imap.example.com", "--imap-password-file",
                      str(missing))  # fmt: skip
    assert result.code == 0
    assert result.err.startswith("warning: The IMAP password file ") and "not there" in result.err
    assert shop.json("mail", "show")["imap"]["password_file"] == str(missing)


def test_only_an_admin_changes_or_shows_the_settings(shop):
    for who in ("sofia", "ana", "maria"):
        shop.refused("mail", "set", "--rate", "3", as_=who, contains="only an admin may")
        shop.refused("mail", "show", as_=who, contains="only an admin may")
        shop.refused("mail", "route", "add", "a@example.com", "--area", "Soporte", as_=who)
    shop.refused("mail", "route", "list", as_="maria", contains="only an admin or a supervisor")


def test_routes_are_added_listed_and_removed_whatever_the_letter_case(shop):
    assert shop.ok("mail", "route", "list").out == (
        "No address is routed: new cases by e-mail go to the default area.\n"
    )
    said = shop.ok("mail", "route", "add", "Soporte@Example.com", "--area", "soporte")
    assert said.out == "New cases by mail to soporte@example.com go to Soporte.\n"
    added = shop.json("mail", "route", "add", "SOPORTE@example.com", "--area", "Soporte",
                      "--category", "redes")  # fmt: skip
    assert added == {
        "address": "soporte@example.com", "area": "Soporte", "category": "Redes",
        "replaced": {"address": "soporte@example.com", "area": "Soporte", "category": None},
    }  # fmt: skip
    assert shop.json("mail", "route", "list", as_="sofia") == [
        {"address": "soporte@example.com", "area": "Soporte", "category": "Redes"}
    ]
    assert shop.ok("mail", "route", "remove", "soporte@EXAMPLE.com").out == (
        "Removed the route of soporte@example.com.\n"
    )
    shop.refused("mail", "route", "remove", "soporte@example.com",
                 says="There is no route for soporte@example.com")  # fmt: skip
    shop.refused("mail", "route", "add", "x@example.com", "--area", "Soporte", "--category",
                 "Errores", says="There is no category 'Errores'")  # fmt: skip


def write_messages(shop) -> None:
    """What the ingest and send services will write: a case of Soporte (CS-000001, opened
    here), a stranger refused at a Soporte address, a loop at no routed address."""
    number = shop.open_case()
    assert number == "CS-000001"
    database = open_database(shop.db, files=shop.files)
    try:
        with UnitOfWork(database) as uow:
            soporte = uow.areas.by_name("Soporte").id
            uow.mail.record(Direction.IN, "<1@acme>", "Maria@Acme.example", uow.now(),
                            Outcome.OPENED, case_id=1, subject="[bold]No imprime[/bold]",
                            desk_address="soporte@example.com")  # fmt: skip
            uow.mail.record(
                Direction.IN, "<2@nowhere>", "spam@nowhere.example", uow.now(),
                Outcome.REFUSED_UNKNOWN, area_id=soporte,
                reason=ValidationError("mail.address", "{address!r} is not an e-mail address: "
                                       "write one address as name@domain", address="x@@y"),
            )  # fmt: skip
            uow.mail.record(Direction.IN, "<3@daemon>", "mailer-daemon@mx.example", uow.now(),
                            Outcome.LOOP)  # fmt: skip
            uow.commit()
    finally:
        database.dispose()


def test_mail_status_tells_each_reader_what_they_may_read_and_json_keeps_the_codes(shop):
    assert shop.ok("mail", "status").out == "No message has come in or gone out yet.\n"
    write_messages(shop)
    every = shop.json("mail", "status")
    assert [m["message_id"] for m in every] == ["<3@daemon>", "<2@nowhere>", "<1@acme>"]
    assert all(set(m) == STATUS_KEYS for m in every)
    first = every[2]
    assert (first["direction"], first["outcome"], first["case"], first["address"]) == (
        "in", "opened", "CS-000001", "maria@acme.example",
    )  # fmt: skip
    assert first["subject"] == "[bold]No imprime[/bold]"  # data, as it came
    refused = every[1]
    assert (refused["outcome"], refused["reason_code"], refused["area"]) == (
        "refused_unknown", "mail.address", "Soporte",
    )  # fmt: skip
    assert refused["reason"] == "'x@@y' is not an e-mail address: write one address as name@domain"
    table = shop.ok("mail", "status").out.splitlines()
    assert table[0].split() == ["WHEN", "IN/OUT", "ADDRESS", "CASE", "WHAT", "WHY"]
    assert "refused: unknown sender" in table[2] and "'x@@y' is not an e-mail address" in table[2]
    # A supervisor of Soporte: its case and its address's stranger, not the loop.
    assert [m["message_id"] for m in shop.json("mail", "status", as_="sofia")] == [
        "<2@nowhere>", "<1@acme>",
    ]  # fmt: skip
    for who in ("ana", "maria", "gloria"):
        shop.refused("mail", "status", as_=who, contains="only an admin or a supervisor may")
    assert [m["id"] for m in shop.json("mail", "status", "--limit", "1")] == [every[0]["id"]]
    shop.refused("mail", "status", "--limit", str(2**63), contains="limit must be from 1")


def test_mail_status_reads_in_spanish_and_its_json_is_the_same_in_either(shop, monkeypatch):
    write_messages(shop)
    english = shop.ok("mail", "status", "--json").out
    monkeypatch.setenv("DESKTUI_LANG", "es")
    table = shop.ok("mail", "status").out.splitlines()
    assert "ENTRA/SALE" in table[0] and table[0].endswith("POR QUÉ")
    assert "rechazado: remitente desconocido" in table[2]
    assert "no es una dirección de correo" in table[2]
    assert shop.ok("mail", "status", "--json").out == english


def test_a_contacts_e_mail_is_checked_and_listed_by_client_list_json(shop):
    shop.refused("client", "contact", "Acme SA", "Pedro", "--email", "no es un correo",
                 contains="not an e-mail address")  # fmt: skip
    shop.refused("client", "contact", "Acme SA", "Pedro", "--email",
                 "pedro@acme.example\r\nBcc: todos@acme.example", contains="not an e-mail")  # fmt: skip
    shop.ok("client", "contact", "Acme SA", "Pedro", "--email", "Pedro@Acme.example")
    clients = {c["name"]: c for c in shop.json("client", "list")}
    assert {"name": "Pedro", "email": "Pedro@Acme.example"}.items() <= next(
        p for p in clients["Acme SA"]["contacts"] if p["name"] == "Pedro"
    ).items()
    assert all(set(p) == {"id", "name", "email"} for p in clients["Acme SA"]["contacts"])
    contacts = shop.json("contact", "list")
    assert {"Pedro": "Pedro@Acme.example"}.items() <= {
        p["name"]: p["email"] for p in contacts
    }.items()


HELP_SAYS = [
    (("mail", "set"), "la variable de entorno que tiene la contraseña (nunca se guarda)"),
    (("mail", "route"), "enviar una dirección a un área"),
    (("mail", "status"), "los N mensajes más recientes"),
    (("client", "contact"), "su dirección de correo: la mesa abre casos desde ella"),
]


@pytest.mark.parametrize(("args", "says"), HELP_SAYS, ids=[" ".join(a) for a, _ in HELP_SAYS])
def test_the_mail_commands_help_reads_spanish(shop, monkeypatch, args, says):
    monkeypatch.setenv("DESKTUI_LANG", "es")
    out = " ".join(shop.ok(*args, "--help").out.split())  # argparse wraps lines
    assert out.startswith("uso: desktui") and says in out


def test_a_message_record_with_a_code_no_desktui_writes_is_a_sentence_not_a_traceback(shop):
    write_messages(shop)
    with connected(shop.db) as connection:
        connection.execute(
            text("UPDATE mail_message SET outcome = 'zzz' WHERE message_id = '<3@daemon>'")
        )
    result = shop.run("mail", "status", "--json")
    assert result.code == 1 and result.out == "" and "Traceback" not in result.err
    assert "a stored message record cannot be read" in result.err


def test_the_parsers_default_limit_is_the_domains():
    from deskTUI.cli.arguments import mail as arguments
    from deskTUI.domain import mail_settings

    assert arguments.STATUS_LIMIT == mail_settings.STATUS_LIMIT
