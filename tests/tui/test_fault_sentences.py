"""A screen whose worker meets the machine's failure (a full disk, a folder one may not use)
says it in a sentence, not "Something unexpected failed"."""

from __future__ import annotations

import errno
import os

from deskTUI.screens.failures import failure_text


def test_a_full_disk_or_a_closed_folder_is_a_sentence_on_screen_not_an_apology():
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/srv/desk/desk.files")
    assert failure_text(full) == (
        "Cannot write /srv/desk/desk.files: No space left on device. Free some space on its "
        "disk (or raise the file size limit) and try again"
    )
    closed = PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/srv/desk/desk.files/ab")
    assert failure_text(closed).startswith("You may not use /srv/desk/desk.files/ab")
    assert (
        failure_text(KeyError("bug"))
        == "Something unexpected failed (KeyError); nothing was changed"
    )
