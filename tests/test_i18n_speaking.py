"""A notice is written in its recipient's language from any operator's process, in one
thread only: the operator's own screen, drawn by another thread, keeps theirs."""

from __future__ import annotations

import threading

from deskTUI import formats, i18n
from deskTUI.i18n import _


def test_a_block_speaks_spanish_in_its_thread_and_the_other_threads_keep_english() -> None:
    seen: dict[str, str] = {}
    inside = threading.Event()
    done = threading.Event()

    def other_thread() -> None:
        inside.wait(5)
        seen["other"] = _("Status")
        done.set()

    worker = threading.Thread(target=other_thread)
    worker.start()
    with i18n.speaking("es", "es"):
        seen["block"] = _("Status")
        seen["number"] = formats.number(1500.5, 2)
        inside.set()
        done.wait(5)
    worker.join(5)
    assert seen == {"block": "Estado", "number": "1.500,50", "other": "Status"}
    assert _("Status") == "Status" and i18n.current() == "en"


def test_an_unknown_language_is_spoken_as_english() -> None:
    with i18n.speaking("xx"):
        assert i18n.current() == "en" and _("Status") == "Status"
