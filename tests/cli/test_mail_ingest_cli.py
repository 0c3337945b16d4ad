"""``desktui mail ingest`` (issue 22) as an MTA's pipe and over a Maildir, on both engines:
the case number printed, exit 0 for a message the desk took, 75 (the MTA keeps it) for a
held one, 1 with a sentence for a desk that cannot take mail; a Maildir's messages move
to cur/ once taken, and the same message twice is one case."""

from __future__ import annotations

import io
import sys
import uuid
from email.message import EmailMessage
from email.policy import default

import pytest

DESK = "soporte@mesa.example"


def message(sender: str = "pedro@acme.example", subject: str = "No arranca el equipo") -> bytes:
    mail = EmailMessage(policy=default)
    mail["From"] = f"Pedro <{sender}>"
    mail["To"] = DESK
    mail["Subject"] = subject
    mail["Message-ID"] = f"<{uuid.uuid4().hex}@acme.example>"
    mail.set_content("Buenos días: el equipo no arranca desde esta mañana.")
    return bytes(mail)


@pytest.fixture
def mail_shop(shop):
    shop.ok("mail", "set", "--address", DESK)
    shop.ok("mail", "route", "add", DESK, "--area", "Soporte", "--category", "Redes")
    shop.ok("client", "contact", "Acme SA", "Pedro", "--email", "Pedro@Acme.example")
    return shop


def piped(monkeypatch, raw: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))


def test_a_piped_message_prints_its_new_case_and_the_same_message_again_changes_nothing(
    mail_shop, monkeypatch
):
    raw = message()
    piped(monkeypatch, raw)
    said = mail_shop.ok("mail", "ingest")
    number = said.out.split(":")[0]
    assert number.startswith("CS-") and "opened a case" in said.out

    piped(monkeypatch, raw)
    again = mail_shop.json("mail", "ingest")
    assert (again["outcome"], again["case"], again["reason"]) == ("duplicate", number, None)
    shown = mail_shop.json("case", "show", number)
    assert (shown["origin"], shown["contact"], shown["client"]) == ("email", "Pedro", "Acme SA")
    cases = mail_shop.json("case", "list", "--query", "contact:Pedro")
    assert [c["number"] for c in cases] == [number]


def test_a_held_message_exits_75_so_the_mta_keeps_it(mail_shop, monkeypatch):
    mail_shop.ok("mail", "set", "--rate", "1")
    piped(monkeypatch, message(subject="uno"))
    mail_shop.ok("mail", "ingest")
    piped(monkeypatch, message(subject="dos"))
    held = mail_shop.run("mail", "ingest", "--json")
    assert held.code == 75 and '"outcome": "held_rate"' in held.out


def test_a_desk_without_an_address_refuses_mail_in_a_sentence(shop, monkeypatch):
    piped(monkeypatch, message())
    shop.refused("mail", "ingest", contains="desktui mail set --address")


def test_a_maildirs_new_messages_become_cases_and_move_to_cur(mail_shop, tmp_path):
    for sub in ("new", "cur", "tmp"):
        (tmp_path / sub).mkdir()
    for n in range(3):
        (tmp_path / "new" / f"17000000{n}.M1P1.host").write_bytes(message(subject=f"Equipo {n}"))
    (tmp_path / "new" / "1700000009.M9P9.host").write_bytes(b"\x00\x01 not mail at all")

    done = mail_shop.json("mail", "ingest", "--maildir", str(tmp_path))
    outcomes = sorted(t["outcome"] for t in done["taken"])
    assert outcomes == ["opened", "opened", "opened", "refused"]
    assert done["failed"] == [] and done["held"] == []
    assert list((tmp_path / "new").iterdir()) == [] and len(list((tmp_path / "cur").iterdir())) == 4
    again = mail_shop.json("mail", "ingest", "--maildir", str(tmp_path))
    assert again["taken"] == []


def test_an_ingest_killed_mid_maildir_loses_nothing_and_doubles_nothing(mail_shop, tmp_path):
    """kill -9 while a Maildir is taken, then a second run: every message one record and
    one case, none left in new/ (a message committed but not yet moved is taken again
    and absorbed by its Message-ID)."""
    import os
    import signal
    import subprocess
    import time

    mail_shop.ok("mail", "set", "--rate", "1000")  # one sender's 40 messages: none held
    for sub in ("new", "cur", "tmp"):
        (tmp_path / sub).mkdir()
    count = 40
    for n in range(count):
        (tmp_path / "new" / f"{1700000000 + n}.M{n}P1.host").write_bytes(
            message(subject=f"Equipo {n}")
        )
    command = [sys.executable, "-m", "deskTUI", "--db", mail_shop.db, "mail", "ingest"]
    run = subprocess.Popen([*command, "--maildir", str(tmp_path)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list((tmp_path / "cur").iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(30)
    assert 0 < len(list((tmp_path / "cur").iterdir())) < count  # killed half-way

    finished = subprocess.run([*command, "--maildir", str(tmp_path)], capture_output=True)
    assert finished.returncode == 0, finished.stderr
    assert list((tmp_path / "new").iterdir()) == []
    status = mail_shop.json("mail", "status", "--limit", "1000")
    ins = [s for s in status if s["direction"] == "in"]
    assert len(ins) == count and {s["outcome"] for s in ins} == {"opened"}
    assert len({s["case"] for s in ins}) == count
    cases = mail_shop.json("case", "list", "--query", "contact:Pedro", "--limit", "1000")
    assert len(cases) == count


def test_fetch_without_an_imap_server_is_refused_in_a_sentence(mail_shop):
    mail_shop.refused("mail", "fetch", contains="desktui mail set --imap HOST[:PORT]")
