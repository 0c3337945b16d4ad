"""Where a new case from an e-mail goes and what it carries (issue 22): the area and
category its desk address is routed to, its title, and its files."""

from __future__ import annotations

import io
from collections.abc import Iterable

from ..domain.case import Case
from ..domain.errors import ValidationError
from ..domain.mail_settings import MailSettings
from ..domain.people import User
from ..mail.incoming import Incoming
from ..mail.limits import MailLimits
from ..store.uow import UnitOfWork
from .files import Stored, blob_store, record_attachment


def route(
    uow: UnitOfWork, settings: MailSettings, recipients: Iterable[str]
) -> tuple[int, int, str]:
    """The area and category of a new case: the route of the first desk address it was
    sent to, else the desk's defaults; refused when there is neither."""
    for address in recipients:
        route = uow.mail.route_for(address)
        if route is not None:
            category = route.category_id or (
                settings.default_category_id if settings.default_area_id == route.area_id else None
            )
            if category is not None:
                return route.area_id, category, address
    s = settings
    if s.default_area_id is not None and s.default_category_id is not None:
        address = next((a for a in recipients if s.is_desk_address(a)), "")
        return s.default_area_id, s.default_category_id, address
    raise ValidationError(
        "mail.no_route",
        "No route sends this address's mail to an area with a category, and the desk has "
        "no default area and category: add one with desktui mail route add ADDRESS --area "
        "AREA --category CATEGORY",
    )


def title_of(mail: Incoming, most: int) -> str:
    """The subject, else the text's first line, else the sender: cut to a title."""
    first_line = next((line.strip() for line in mail.body_text.splitlines() if line.strip()), "")
    title = " ".join((mail.subject or first_line or mail.sender).split())
    return title if len(title) <= most else title[: most - 1].rstrip() + "…"


def attach_files(
    uow: UnitOfWork, limits: MailLimits, person: User, case: Case, mail: Incoming
) -> None:
    """The message's files, as the case's attachments pending review (content addressed:
    the same file twice is one blob)."""
    store = None
    for item in mail.attachments:
        if not item.content:
            continue
        store = store or blob_store(uow)
        digest, size = store.put(
            io.BytesIO(item.content), max_bytes=limits.attachment_bytes, name=item.name
        )
        record_attachment(
            uow, person, case, Stored(item.name, size, digest, item.content_type or None)
        )
