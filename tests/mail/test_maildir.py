"""Taking a Maildir's new messages: each moved to cur/ only after its handler returned, the
unreadable reported while the rest go on, and nothing lost when the reader is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deskTUI import i18n
from deskTUI.mail.maildir import MaildirMessage, take_new


def maildir(root: Path, count: int) -> list[str]:
    """A Maildir whose new/ holds ``count`` messages, named as MTAs name deliveries."""
    for sub in ("new", "cur", "tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    names = [f"{1765000000 + n}.M{n}P1.mx" for n in range(count)]
    for n, name in enumerate(names):
        (root / "new" / name).write_bytes(message(n))
    return names


def message(n: int) -> bytes:
    return f"From: ana@cliente.com\r\nMessage-ID: <m{n}@cliente.com>\r\n\r\nHola {n}\r\n".encode()


def test_each_new_message_is_moved_to_cur_only_after_its_handler_returned(tmp_path):
    names = maildir(tmp_path, 3)
    (tmp_path / "tmp" / "1765000099.M9P1.mx").write_bytes(b"still being delivered")
    (tmp_path / "new" / ".hidden").write_bytes(b"not a message")
    seen: list[tuple[str, bool, list[str]]] = []

    def handler(taken: MaildirMessage) -> None:
        still_new = (tmp_path / "new" / taken.name).exists()
        seen.append((taken.name, still_new, sorted(os.listdir(tmp_path / "cur"))))
        assert taken.data == message(names.index(taken.name))

    result = take_new(tmp_path, handler)

    assert result.handled == names and result.failed == [] and result.problem is None
    assert seen == [
        (names[0], True, []),
        (names[1], True, [names[0] + ":2,S"]),
        (names[2], True, [names[0] + ":2,S", names[1] + ":2,S"]),
    ]
    assert sorted(os.listdir(tmp_path / "new")) == [".hidden"]
    assert os.listdir(tmp_path / "tmp") == ["1765000099.M9P1.mx"]
    assert take_new(tmp_path, handler).handled == []


def test_a_handler_that_raises_leaves_its_message_in_new_and_the_rest_are_taken(tmp_path):
    names = maildir(tmp_path, 3)

    def handler(taken: MaildirMessage) -> None:
        if taken.name == names[1]:
            raise ValueError("the desk's database is away")

    result = take_new(tmp_path, handler)

    assert result.handled == [names[0], names[2]]
    [(name, problem)] = result.failed
    assert name == names[1] and problem.code == "mail.handler_failed_file"
    assert i18n.error_text(problem) == (
        f"The message file {names[1]} was left in new/ for the next run: "
        "ValueError: the desk's database is away"
    )
    assert os.listdir(tmp_path / "new") == [names[1]]
    assert take_new(tmp_path, lambda taken: None).handled == [names[1]]


def test_an_unreadable_file_is_reported_and_the_others_are_taken(tmp_path):
    names = maildir(tmp_path, 2)
    (tmp_path / "new" / "1765000050.dir").mkdir()  # root reads any file: a folder it cannot
    (tmp_path / "new" / "1765000051.link").symlink_to(tmp_path / "nowhere")

    result = take_new(tmp_path, lambda taken: None)

    assert result.handled == names
    assert [(name, problem.code) for name, problem in result.failed] == [
        ("1765000050.dir", "mail.unreadable"),
        ("1765000051.link", "mail.unreadable"),
    ]
    assert "cannot be read: Is a directory; it is left in new/" in i18n.error_text(
        result.failed[0][1]
    )
    assert sorted(os.listdir(tmp_path / "new")) == ["1765000050.dir", "1765000051.link"]


def test_a_folder_that_is_not_a_maildir_is_told_in_a_sentence(tmp_path):
    (tmp_path / "new").mkdir()

    for folder in (tmp_path / "missing", tmp_path):
        result = take_new(folder, lambda taken: None)

        assert result.problem is not None and result.problem.code == "mail.not_maildir"
        assert i18n.error_text(result.problem).startswith(
            f"{folder} is not a Maildir the desk can read (new/ and cur/): "
        )


READER = """
import sys, time
from deskTUI.mail.maildir import take_new

log = open(sys.argv[2], "a", buffering=1)

def handler(taken):
    log.write("start " + taken.name + "\\n")
    time.sleep(0.02)  # a commit's worth of work: the kill lands inside a handler
    log.write(taken.name + "\\n")

take_new(sys.argv[1], handler)
"""


@pytest.mark.slow
def test_a_reader_killed_mid_run_loses_no_message_and_the_next_run_takes_the_rest(tmp_path):
    names = maildir(tmp_path / "Maildir", 100)
    log = tmp_path / "handled.log"
    log.touch()
    reader = subprocess.Popen([sys.executable, "-c", READER, str(tmp_path / "Maildir"), str(log)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = log.read_text().splitlines()
        if len(lines) >= 40 and lines[-1].startswith("start"):
            break  # twenty handled, the next in its handler
        time.sleep(0.005)
    os.kill(reader.pid, signal.SIGKILL)
    reader.wait()

    before = [line for line in log.read_text().splitlines() if not line.startswith("start")]
    moved = sorted(name.removesuffix(":2,S") for name in os.listdir(tmp_path / "Maildir" / "cur"))
    waiting = sorted(os.listdir(tmp_path / "Maildir" / "new"))
    assert 20 <= len(before) < len(names)  # killed mid-run, not after
    assert sorted(moved + waiting) == names  # nothing lost
    assert set(moved) <= set(before)  # nothing moved before its handler returned
    assert len(set(before) - set(moved)) <= 1  # at most the one between handler and rename

    after = take_new(tmp_path / "Maildir", lambda taken: None).handled
    assert sorted(set(before) | set(after)) == names
    assert len(set(before) & set(after)) <= 1  # that one, handed over twice: ingest absorbs it
    assert os.listdir(tmp_path / "Maildir" / "new") == []
