"""Change an activity: the same fields as logging it, sent back only where changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from ...domain.durations import format_minutes
from ...domain.errors import DomainError
from ...domain.timekeeping import TimeEntry
from ...formats import clock_time, day
from ...i18n import _, error_text
from ...safe_text import safe
from ...services import worklog
from .time_fields import TimeFieldsDialog


class EditTimeDialog(TimeFieldsDialog):
    """An entry's day, times or duration, activity, executor, billable flag and article
    (the same rules as logging it). A timed entry shows its start and end: emptied, a
    duration typed instead makes it one of a duration."""

    def __init__(self, entry: TimeEntry) -> None:
        super().__init__()
        self.entry = entry
        self.case_id = entry.case_id
        self.executor_id = entry.executor_id
        self.billable_default = entry.billable
        self.title_text = _("Time entry {id}").format(id=entry.id)

    def fields(self) -> ComposeResult:
        entry, zone = self.entry, self.desk.zone
        # Shown through the sanitizer; sent back only if the operator changed them.
        self.initial = {
            "day": day(entry.work_date),
            "start": clock_time(entry.start.astimezone(zone)) if entry.start else "",
            "end": clock_time(entry.end.astimezone(zone)) if entry.end else "",
            "duration": "" if entry.timed else format_minutes(entry.minutes),
            "note": safe(entry.description, one_line=True),
            "article": safe(entry.article, one_line=True),
        }
        return super().fields()

    def default_day(self) -> date:
        return self.entry.work_date

    @on(Input.Submitted)
    def submit(self) -> None:
        try:
            typed = self.typed()
        except DomainError as error:
            self.show_error(error_text(error))
            return
        changes = self.changes(typed)
        self.call(
            lambda: worklog.edit_time(
                self.desk.uow(), self.desk.actor, self.entry.id or 0, changes, self.desk.zone
            )
        )

    def changes(self, typed: dict[str, Any]) -> dict[str, Any]:
        """What differs from the entry: its timing as a whole when any of it does."""
        entry, shown = self.entry, self.initial
        changes: dict[str, Any] = {"billable": typed["billable"]}
        for field, name in (("description", "note"), ("article", "article")):
            if typed[field] != shown[name]:
                changes[field] = typed[field]
        if typed["executor"] not in ("", self.executor_login):
            changes["executor"] = typed["executor"]
        work_date = typed["work_date"] or entry.work_date
        start, end, minutes = typed["start"], typed["end"], typed["minutes"]
        clocks_changed = (start, end) != (entry.start, entry.end)
        duration_changed = minutes != (None if entry.timed else entry.minutes)
        # A duration typed over clock times left as they were replaces them.
        if (start is not None or end is not None) and (clocks_changed or not duration_changed):
            if clocks_changed or duration_changed:
                changes.update(start=start, end=end)
                if minutes is not None:
                    changes["minutes"] = minutes  # with the times: the domain compares them
        elif duration_changed or entry.timed:
            changes["minutes"] = minutes  # None, emptied too: the domain's sentence
        if work_date != entry.work_date:
            changes["work_date"] = work_date
        return changes
