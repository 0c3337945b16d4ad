"""A case log line as a person reads it (the TUI's Log tab and ``desktui case show``).

The log stores stable codes (``estimate_minutes``, ``120``, ``client_id``, ``3``) and
``--json`` prints them as stored; people read ``Estimate: 2h``, ``Client: Acme SA``.
Every label is marked ``N_`` where it is declared and goes through
:func:`deskTUI.i18n._` where it is shown; the values keep the words the rest of
the desk shows (statuses and priorities by their codes, durations as ``1h30m``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import StrEnum

from . import words
from .domain.case import FIELDS
from .domain.case_fields import BY_KEY
from .domain.contracts import units_text
from .domain.durations import format_minutes
from .domain.enums import (
    EventKind,
    EventStatus,
    LogKind,
    ReviewStatus,
    SlaTarget,
    TaskStatus,
    TrackingUnit,
)
from .domain.log import PERSON_FIELDS, RECORD_FIELDS, LogEntry
from .i18n import N_, _

LABELS: dict[str, str] = {
    "assignee_id": N_("assignee"),
    "billable": N_("billable"),
    "internal": N_("internal case"),
    "planned_start": N_("planned start"),
    "planned_close": N_("planned close"),
    "time": N_("time"),
    "timer": N_("timer"),
    "file": N_("file"),
    "contract": N_("contract"),
    "quote": N_("quote"),
    "payment": N_("payment"),
    SlaTarget.FIRST_RESPONSE.value: N_("SLA first response"),
    SlaTarget.RESOLUTION.value: N_("SLA resolution"),
}
"""Labels that read better than (or are missing from) the case fields' own."""

KIND_LABELS: dict[str, str] = {
    "opened": N_("opened"),
    "survey": N_("survey"),
    "grant": N_("right"),
    "record": N_("record"),
    "event": N_("event"),
    "comment": N_("comment"),
    "time": N_("time"),
    "quote": N_("quote"),
    "file": N_("file"),
    "ledger": N_("contract"),
    "escalation": N_("escalation"),
    "field": N_("field"),
    "assignment": N_("assignee"),
    "transition": N_("status"),
}
"""A line with no field is labelled by its kind."""

MAIL_LINES: dict[str, str] = {
    "opened": N_("Case opened by e-mail from {address}"),
    "commented": N_("Comment by e-mail from {address}"),
    "acted": N_("Step taken by e-mail reply from {address}"),
}
"""A client's message that did something to the case (issue 22: a ``mail`` line, its field
the message's outcome code, ``new`` the sender's address), said whole: the step itself
(the quote approved, the survey answered, the case reopened) has a line of its own."""


def _an_id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() else None


def _yes_no(value: str) -> str:
    return {"yes": _("yes"), "no": _("no")}.get(value, value)


def _minutes(value: str) -> str:
    return format_minutes(minutes) if (minutes := _an_id(value)) is not None else value


def _percent(value: str) -> str:
    return f"{value} %" if value.isdigit() else value


_QUOTED_MINUTES = re.compile(r"\bfor (\d{1,12}) min\b")


def _quote(value: str) -> str:
    """``quoted 150 USD for 180 min`` (as stored) → ``quoted 150 USD for 3h``."""
    return _QUOTED_MINUTES.sub(lambda m: "for " + format_minutes(int(m.group(1))), value)


_POSTED_UNITS = re.compile(r"^([+-]?\d{1,30}(?:\.\d{1,4})?) (?=(?:hours|days|incidents) on )")


def _posted(value: str) -> str:
    """``+0.0938 days on …`` (as stored) → ``+0.09 days on …``, as the contracts screen."""
    return _POSTED_UNITS.sub(lambda m: units_text(Decimal(m.group(1)), signed=True) + " ", value)


VALUES: dict[str, Callable[[str], str]] = {
    "contract": _posted,
    "quote": _quote,
    "estimate_minutes": _minutes,
    "progress": _percent,
    "billable": _yes_no,
    "internal": _yes_no,
}
"""How a stored value of these fields is shown; any other field's value shows as stored."""


_ENTRY = r" (?P<duration>\S+) on (?P<day>\d{4}-\d{2}-\d{2})"
_TIME_ENTRY = r"(?P<billable> billable)? \(entry (?P<entry>\d+)\)"
_TITLE = r"'(?P<title>.*)'"
_POSTED = r"(?P<units>[+-]?[\d.,]+) (?P<unit>hours|days|incidents) on (?P<contract>.+?)"
STORED_SENTENCES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile("logged" + _ENTRY + _TIME_ENTRY), N_("logged {duration} on {day} (entry {entry})"), N_("logged {duration} on {day} billable (entry {entry})")),
    (re.compile("logged \\(timer\\)" + _ENTRY + _TIME_ENTRY), N_("logged (timer) {duration} on {day} (entry {entry})"), N_("logged (timer) {duration} on {day} billable (entry {entry})")),
    (re.compile("changed to" + _ENTRY + _TIME_ENTRY), N_("changed to {duration} on {day} (entry {entry})"), N_("changed to {duration} on {day} billable (entry {entry})")),
    (re.compile("deleted" + _ENTRY + _TIME_ENTRY), N_("deleted {duration} on {day} (entry {entry})"), N_("deleted {duration} on {day} billable (entry {entry})")),
    (re.compile(r"(?P<kind>call|meeting|follow_up|visit|other) " + _TITLE + r" planned for (?P<start>\S+)"), N_("{kind} '{title}' planned for {start}"), ""),
    (re.compile(r"event " + _TITLE + r" is (?P<event_status>planned|held|not_held)"), N_("event '{title}' is {event_status}"), ""),
    (re.compile(r"task " + _TITLE + r" due (?P<day>\S+)"), N_("task '{title}' due {day}"), ""),
    (re.compile(r"task " + _TITLE + r" is (?P<task_status>not_started|in_progress|completed)"), N_("task '{title}' is {task_status}"), ""),
    (re.compile(_POSTED + r" \(reopened\)"), N_("{units} {unit} on {contract} (reopened)"), ""),
    (re.compile(_POSTED), N_("{units} {unit} on {contract}"), ""),
    (re.compile(r"quoted (?P<price>\S+) (?P<currency>\S+) for (?P<duration>\S+)"), N_("quoted {price} {currency} for {duration}"), ""),
    (re.compile(r"escalated to (?P<names>.+)"), N_("escalated to {names}"), ""),
    (re.compile(r"score (?P<score>\d)"), N_("score {score}"), ""),
    (re.compile(r"started"), N_("started"), ""),
    (re.compile(r"discarded"), N_("discarded"), ""),
)  # fmt: skip
"""The detail texts the services store in English (a time entry, a calendar event or task,
a contract post, a quote, an escalation, a survey's score, a timer), each read back as a whole sentence in the reader's language; the second
msgid is the billable entry's. A text none matches shows as stored."""
_CODED = {
    "kind": EventKind,
    "event_status": EventStatus,
    "task_status": TaskStatus,
    "unit": TrackingUnit,
}
"""The values of those sentences that are codes: shown as their words."""


def said_again(text: str) -> str:
    """A stored English detail in the reader's language (English: exactly as stored)."""
    for pattern, sentence, billable_sentence in STORED_SENTENCES:
        found = pattern.fullmatch(text)
        if found is None:
            continue
        values = {k: v for k, v in found.groupdict().items() if k != "billable"}
        for key, vocabulary in _CODED.items():
            if key in values:
                values[key] = words.word(vocabulary, values[key])
        if values.get("names") == "nobody":  # an escalation no supervisor heard
            values["names"] = _("nobody")
        if found.groupdict().get("billable"):
            return _(billable_sentence).format(**values)
        return _(sentence).format(**values)
    return text


def label_of(field: str | None, kind: str) -> str:
    """``estimate_minutes`` → ``Estimate``; ``file report.pdf`` → ``File report.pdf``."""
    if field is None:
        text = _(KIND_LABELS.get(kind, kind))
    elif field in LABELS:
        text = _(LABELS[field])
    elif field in FIELDS:
        text = _(FIELDS[field].label)
    elif field.startswith("file "):  # a file's review: the field names the file
        text = _("file {name}").format(name=field.removeprefix("file "))
    else:
        text = field.replace("_", " ")
    return text[:1].upper() + text[1:]


def describe_log(
    entry: LogEntry,
    logins: Mapping[int, str],
    names: Mapping[str, Mapping[int, str]] | None = None,
) -> str:
    """One log line as people read it: ``new → assigned (ana)``, ``Priority: medium → high``,
    ``Estimate: 2h``, ``Client: Globex Ltda → Acme SA``.

    ``logins`` names user ids; ``names`` the records the log names by id, by field
    (``CaseDetail.log_names``). An id that names nothing known shows as ``#7``.
    """
    if entry.kind is LogKind.MAIL and entry.field in MAIL_LINES:
        return _(MAIL_LINES[entry.field]).format(address=entry.new or "—")
    shown = _value_shower(entry.field, logins, names or {})
    if entry.is_transition and entry.from_status and entry.to_status:
        text = f"{words.label(entry.from_status)} → {words.label(entry.to_status)}"
        if entry.field == "assignee_id" and entry.new:
            text += f" ({shown(entry.new)})"
        return text
    label = label_of(entry.field, entry.kind.value)
    new = said_again(shown(entry.new)) if entry.new else ""
    if entry.old:  # a change; a value cleared shows as the desk's dash for "none"
        return f"{label}: {shown(entry.old)} → {new or '—'}"
    return f"{label}: {new}"


def _value_shower(
    field: str | None, logins: Mapping[int, str], names: Mapping[str, Mapping[int, str]]
) -> Callable[[str], str]:
    """How the values of one field's log line are shown."""
    if field in PERSON_FIELDS:
        return lambda v: logins.get(i, f"#{v}") if (i := _an_id(v)) is not None else v
    if field in RECORD_FIELDS:
        known = names.get(field, {})
        return lambda v: known.get(i, f"#{v}") if (i := _an_id(v)) is not None else v
    if field is not None and field.startswith("file "):  # a file's review: its statuses
        return lambda v: words.word(ReviewStatus, v)
    spec = BY_KEY.get(field or "")
    if spec is not None and spec.choices is not None and issubclass(spec.choices, StrEnum):
        vocabulary = spec.choices  # priority, stage, origin…: their words, not their codes
        return lambda v: words.word(vocabulary, v)
    return VALUES.get(field or "", lambda v: v)
