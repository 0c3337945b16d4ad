"""The operator's time zone: a real zone with its daylight-saving rules.

``datetime.now().astimezone().tzinfo`` is only today's offset: a month's agenda
across a change of season, or a timer split at midnight, would be an hour off
in Chile, Paraguay or Madrid. The zone comes from ``TZ`` when it names one,
else from ``/etc/localtime``; the fixed offset is only the last resort.
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOCALTIME = "/etc/localtime"


def local_zone() -> tzinfo:
    named = os.environ.get("TZ", "").lstrip(":").strip()
    if named:
        try:
            return ZoneInfo(named)
        except (ZoneInfoNotFoundError, ValueError):
            pass  # e.g. a POSIX rule like "EST5EDT,M3.2.0,M11.1.0": the offset below is right now
    target = os.path.realpath(LOCALTIME)
    if "zoneinfo/" in target:
        try:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        except (ZoneInfoNotFoundError, ValueError):
            pass
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone
