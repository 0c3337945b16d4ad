"""The e-mail channel's rates (issue 22), each beside a baseline measured in the same run.

  parse_per_s     reading the Maildir's messages with the standard library alone
                  (mailbox.Maildir + email, policy default): the floor of any intake
  read_per_s      deskTUI's reader (mail.parse.read_message: limits, charsets, the
                  reply cut, loop marks) over the same messages
  ingest_per_s    `desktui mail ingest --maildir DIR` in a fresh process: each message a
                  new case for a known contact, its record, its "case opened" notice in
                  the outbox, the file moved to cur/ (one transaction each)
  send_baseline_per_s  smtplib, one connection per message, to an aiosmtpd on loopback
  send_per_s      `desktui mail send` of the queued notices to the same server (the claim,
                  the send, the record: three transactions each)

    .venv/bin/python benchmarks/bench_mail.py [--messages 10000] [--send 1000]
                                              [--db postgresql+psycopg://…/NAME]

A report: the exit status is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import email
import mailbox
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from bench_common import machine

CONTACTS = 100
BODY = (
    "Buenos días:\n\nDesde esta mañana la impresora del piso {n} imprime las hojas en blanco "
    "y el equipo de recepción no puede enviar facturas. Ya reiniciamos la impresora y el "
    "problema sigue.\n\n¿Podrían revisarlo hoy?\n\nSaludos,\nContacto {c}\nEmpresa Ejemplo SA\n"
)


def desktui(db: str, *args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "deskTUI", "--db", db, *args],
        input=stdin,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"desktui {' '.join(args)}: {done.stderr.decode()}")
    return done.stdout.decode()


def fill_maildir(folder: Path, count: int) -> None:
    for sub in ("new", "cur", "tmp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for n in range(count):
        c = n % CONTACTS
        mail = EmailMessage(policy=default)
        mail["From"] = f"Contacto {c} <contacto{c}@ejemplo.example>"
        mail["To"] = "Mesa de ayuda <soporte@mesa.example>"
        mail["Subject"] = f"La impresora del piso {n} no imprime"
        mail["Message-ID"] = f"<{uuid.uuid4().hex}@ejemplo.example>"
        mail["Date"] = email.utils.formatdate()
        mail.set_content(BODY.format(n=n, c=c))
        (folder / "new" / f"{1765000000 + n}.M{n}P1.bench").write_bytes(bytes(mail))


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--send", type=int, default=1_000)
    parser.add_argument("--db", help="a PostgreSQL URL (an empty database) instead of SQLite")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="desktui-bench-mail-"))
    try:
        run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    from aiosmtpd.controller import Controller

    class Sink:
        received = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            Sink.received += 1
            return "250 OK"

    with socket.socket() as probe:  # a free port (aiosmtpd's Controller cannot take 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    db = args.db or str(work / "desk.db")
    started = time.perf_counter()
    build_desk_with(db, port)
    print(f"desk built in {time.perf_counter() - started:.1f} s; {machine()}")

    folder = work / "Maildir"
    fill_maildir(folder, args.messages)
    paths = sorted((folder / "new").iterdir())

    start = time.perf_counter()
    for message in mailbox.Maildir(folder, factory=None, create=False).itervalues():
        email.message_from_bytes(message.as_bytes(), policy=default).get_body(("plain",))
    parse = rate(args.messages, time.perf_counter() - start)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from deskTUI.mail.parse import read_message

    start = time.perf_counter()
    for path in paths:
        read_message(path.read_bytes())
    read = rate(args.messages, time.perf_counter() - start)

    start = time.perf_counter()
    out = desktui(db, "mail", "ingest", "--maildir", str(folder), "--json")
    ingest_s = time.perf_counter() - start
    taken = out.count('"outcome": "opened"')
    ingest = rate(taken, ingest_s)

    notices = [f"contacto{n % CONTACTS}@ejemplo.example" for n in range(args.send)]
    sample = EmailMessage(policy=default)
    sample["From"] = "soporte@mesa.example"
    sample["Subject"] = "[CS-000001] Caso abierto"
    sample.set_content("Su caso fue abierto.")
    start = time.perf_counter()
    for to in notices:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            smtp.send_message(sample, to_addrs=[to])
    baseline = rate(args.send, time.perf_counter() - start)

    before = Sink.received
    start = time.perf_counter()
    desktui(db, "mail", "send", "--limit", str(args.send))
    sent = Sink.received - before
    send = rate(sent, time.perf_counter() - start)
    controller.stop()

    engine = "PostgreSQL" if args.db else "SQLite"
    print(f"{'figure':<22}{'baseline':>12}{'deskTUI':>12}   ({engine}, {args.messages:,} messages)")
    print(f"{'read (messages/s)':<22}{parse:>12.0f}{read:>12.0f}   stdlib email vs read_message")
    print(f"{'ingest (messages/s)':<22}{read:>12.0f}{ingest:>12.1f}   "
          f"read alone vs mail ingest --maildir: {taken:,} cases in {ingest_s:.1f} s")  # fmt: skip
    print(f"{'send (notices/s)':<22}{baseline:>12.1f}{send:>12.1f}   "
          f"smtplib vs mail send: {sent:,} sent")  # fmt: skip


def build_desk_with(db: str, port: int) -> None:
    """The desk, built in this process through the services (a process per command would
    take a second each)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from deskTUI.services import admin, mail_settings
    from deskTUI.services.identity import os_login
    from deskTUI.store.database import open_database
    from deskTUI.store.uow import UnitOfWork

    database = open_database(db)

    def uow() -> UnitOfWork:
        return UnitOfWork(database)

    root, _ = admin.init_desk(uow(), os_login())
    assert root is not None
    admin.add_area(uow(), root, "Soporte", ["Impresoras"])
    admin.add_client(uow(), root, "Empresa Ejemplo SA")
    for c in range(CONTACTS):
        admin.add_contact(
            uow(), root, "Empresa Ejemplo SA", f"Contacto {c}", email=f"contacto{c}@ejemplo.example"
        )
    mail_settings.add_route(uow(), root, "soporte@mesa.example", "Soporte", "Impresoras")
    database.dispose() if hasattr(database, "dispose") else None
    desktui(db, "mail", "set", "--address", "soporte@mesa.example", "--rate", "10000",
            "--smtp", f"127.0.0.1:{port}", "--tls", "none")  # fmt: skip


if __name__ == "__main__":
    main()
