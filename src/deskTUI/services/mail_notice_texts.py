"""The words of the desk's e-mail notices (issue 22): one whole template per subject and per
body, filled with named values, so a translator sees each message whole.

Rendered inside ``i18n.speaking(recipient's language)`` by services.mail_notices; every
value from data comes in already made safe (safe_text) by the caller.
"""

from __future__ import annotations

from ..domain.mail_notices import ClientNotice, StaffNotice
from ..i18n import N_

CLIENT_SUBJECTS = {
    ClientNotice.OPENED: N_("[{number}] Case opened: {title}"),
    ClientNotice.COMMENT: N_("[{number}] New answer: {title}"),
    ClientNotice.QUOTE: N_("[{number}] Quote waiting for your answer: {title}"),
    ClientNotice.FINISHED: N_("[{number}] Case finished: {title}"),
    ClientNotice.SURVEY: N_("[{number}] How did we do? {title}"),
}
"""The subject of each client notice: the ``[CS-000123]`` tag first (mail.tokens reads it
back), then the case's title."""

CLIENT_BODIES = {
    ClientNotice.OPENED: N_(
        "Hello {name},\n\n"
        "We registered your case {number}: {title}\n\n"
        "To add anything to it, reply to this message: your reply is added to the case.\n"
    ),
    ClientNotice.COMMENT: N_(
        "Hello {name},\n\n"
        "{author} wrote on your case {number} ({title}):\n\n"
        "{text}\n\n"
        "To answer, reply to this message.\n"
    ),
    ClientNotice.QUOTE: N_(
        "Hello {name},\n\n"
        "The work on your case {number} ({title}) is quoted at {amount}, "
        "estimated time {time}.\n\n"
        "{message}\n\n"
        "To approve it, reply with APPROVE on the first line. To reject it, reply with "
        "REJECT on the first line and your reason on the next lines.\n"
    ),
    ClientNotice.FINISHED: N_(
        "Hello {name},\n\n"
        "Your case {number} ({title}) is finished. The solution:\n\n"
        "{solution}\n\n"
        "If the problem is back, reply with REOPEN on the first line.\n"
    ),
    ClientNotice.SURVEY: N_(
        "Hello {name},\n\n"
        "Your case {number} ({title}) is finished: how did we do?\n\n"
        "Reply with a digit from 1 to 5 on the first line (5 is the best), and a comment "
        "on the next words or lines if you wish.\n"
    ),
}

STAFF_SUBJECTS = {
    StaffNotice.ASSIGNMENT: N_("[{number}] Assignment: {title}"),
    StaffNotice.ESCALATION: N_("[{number}] Escalation: {title}"),
    StaffNotice.MENTION: N_("[{number}] You were mentioned: {title}"),
}

STAFF_BODY = N_(
    "{sentence}\n\n"
    "Open it in deskTUI: desktui case show {number}\n\n"
    "You receive this because these notices are sent to you by e-mail; an admin changes "
    "which ones with desktui user set LOGIN --email-notices.\n"
)
"""A staff notice's body: the inbox's own sentence (services.notices), then where to read
the case."""

ANSWER_SUBJECT = N_("Re: {subject}")
"""An answer to a message in: their subject, once."""

FROM_NAME = N_("Help desk")
"""The display name of the desk's address in From."""
