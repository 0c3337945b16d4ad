"""The words of rights per employee (seed 004): where a right comes from, what a command
did, and the desk log's lines of grants, for ``user show`` and the people screen alike.
Whole sentences, one per case, so each reads naturally in translation."""

from __future__ import annotations

from .domain.grants import GRANT, REVOKE, Right
from .domain.log import LogEntry
from .i18n import _


def source_text(right: Right, area: str | None) -> str:
    """Where a right comes from: the role, or an admin's grant or revocation (somewhere)."""
    if right.source == GRANT:
        return _("granted in {area}").format(area=area) if area else _("granted")
    if right.source == REVOKE:
        return _("revoked in {area}").format(area=area) if area else _("revoked")
    return _("role default")


def allowed_text(allowed: bool) -> str:
    return _("yes") if allowed else _("no")


def change_text(login: str, code: str, area: str | None, after: str | None) -> str:
    """What ``user grant|revoke|reset`` did."""
    if after == GRANT:
        if area:
            return _("{login} may now {action} in {area}.").format(
                login=login, action=code, area=area
            )
        return _("{login} may now {action}.").format(login=login, action=code)
    if after == REVOKE:
        if area:
            return _("{login} may no longer {action} in {area}.").format(
                login=login, action=code, area=area
            )
        return _("{login} may no longer {action}.").format(login=login, action=code)
    if area:
        return _("{login}'s role decides {action} in {area} again.").format(
            login=login, action=code, area=area
        )
    return _("{login}'s role decides {action} again.").format(login=login, action=code)


def unchanged_text(login: str) -> str:
    return _("Nothing changed: {login} already had that.").format(login=login)


def log_area(entry: LogEntry) -> int | None:
    """The area of a grant's log line (its note is ``login`` or ``login@AREA_ID``)."""
    _login, _at, area = entry.note.partition("@")
    return int(area) if area.isdigit() else None


def log_text(entry: LogEntry, who: str, area: str | None) -> str:
    """One line of the log of a person's rights: who decided what."""
    code = entry.field or ""
    if entry.new == GRANT:
        if area:
            return _("{who} granted {action} in {area}").format(who=who, action=code, area=area)
        return _("{who} granted {action}").format(who=who, action=code)
    if entry.new == REVOKE:
        if area:
            return _("{who} revoked {action} in {area}").format(who=who, action=code, area=area)
        return _("{who} revoked {action}").format(who=who, action=code)
    if area:
        return _("{who} gave {action} in {area} back to the role").format(
            who=who, action=code, area=area
        )
    return _("{who} gave {action} back to the role").format(who=who, action=code)
