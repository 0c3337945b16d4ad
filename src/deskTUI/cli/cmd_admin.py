"""init, users, areas, clients, contracts."""

from __future__ import annotations

from decimal import Decimal

from .. import formats, words
from ..domain.contracts import units_text
from ..domain.durations import format_minutes
from ..domain.errors import NotFound
from ..domain.mail_notices import StaffNotice
from ..domain.values import case_number
from ..formats import parse_day  # 7/12/2026 as the operator's locale writes, or ISO
from ..i18n import N_, _, ngettext
from ..services import admin, mail_staff, views
from ..services.identity import os_login
from ..services.notices import KIND_WORDS
from .context import Context
from .render import contract_json, table


def init(ctx: Context) -> int:
    login = os_login()
    user, promoted = admin.init_desk(ctx.uow(), login)
    url = ctx.db().shown_url
    if promoted:
        ctx.say(_("Desk ready at {url}; {login} is its admin.").format(url=url, login=login))
    elif user is None:
        ctx.say(
            _("Desk ready at {url}; {login} is not a user here: ask an admin.").format(
                url=url, login=login
            )
        )
    else:
        ctx.say(
            _("Desk ready at {url}; {login} is {role}.").format(
                url=url, login=login, role=words.label(user.role)
            )
        )
    return 0


def user_add(ctx: Context) -> int:
    a = ctx.args
    user = admin.add_user(
        ctx.uow(), ctx.actor(), a.login, role=a.role, name=a.name, areas=a.area, client=a.client
    )
    if ctx.json:
        ctx.emit_json({"id": user.id, "login": user.login, "role": user.role.value})
    else:
        ctx.say(_("Added {login} ({role}).").format(login=user.login, role=words.label(user.role)))
    return 0


def user_set(ctx: Context) -> int:
    a = ctx.args
    by_mail = a.email is not None or a.email_notices is not None
    if by_mail:  # a wrong address or kind is refused before the other changes are made
        mail_staff.check_mail_person(a.email, a.email_notices)
        if (a.role, a.area, a.active, a.name, a.language) == (None,) * 5:
            _mail_person_set(ctx)
            return 0
    if a.language is not None and (a.role, a.area, a.active, a.name) == (None,) * 4:
        # Only the language: anyone may choose their own (services.admin.set_language).
        user = admin.set_language(ctx.uow(), ctx.actor(), a.login, a.language)
    else:
        user = admin.update_user(
            ctx.uow(),
            ctx.actor(),
            a.login,
            role=a.role,
            areas=a.area,
            active=a.active,
            name=a.name,
            language=a.language,
        )
        # Whole sentences: "active" was English inside the Spanish one.
        said = _("{login} is {role}, active.") if user.active else _("{login} is {role}, inactive.")
        ctx.say(said.format(login=user.login, role=words.label(user.role)))
    if a.language is not None:
        if user.id == ctx.actor().id:  # said in the language just chosen
            ctx.session.choose_language(user.language)
        ctx.say(_language_sentence(user.language).format(login=user.login))
    if by_mail:
        _mail_person_set(ctx)
    return 0


def _mail_json(person: mail_staff.MailPerson | None) -> dict[str, object]:
    """A staff member's notices by e-mail in ``user list --json``: the address (None: none)
    and the kinds' codes in a fixed order."""
    if person is None:
        return {"email": None, "email_notices": []}
    kinds = [k.value for k in StaffNotice if k in person.notices]
    return {"email": person.address, "email_notices": kinds}


def _mail_person_set(ctx: Context) -> None:
    """``--email`` / ``--email-notices``: a staff member's notices by e-mail (issue 22)."""
    a = ctx.args
    person = mail_staff.set_mail_person(
        ctx.uow(), ctx.actor(), a.login, email=a.email, notices=a.email_notices
    )
    login = a.login.strip()
    if person is None:
        ctx.say(_("{login} receives no notices by e-mail.").format(login=login))
    elif not person.notices:
        sentence = _("{login}'s address is {address}; they receive no notices by e-mail.")
        ctx.say(sentence.format(login=login, address=ctx.show(person.address)))
    else:
        kinds = formats.each(_(KIND_WORDS[k.value]) for k in StaffNotice if k in person.notices)
        sentence = _("{login} receives these notices by e-mail at {address}: {kinds}.")
        ctx.say(sentence.format(login=login, address=ctx.show(person.address), kinds=kinds))


def _language_sentence(language: str | None) -> str:
    """Whole sentences, one per choice, so each reads naturally in translation."""
    if language == "es":
        return _("{login} reads the desk in Spanish.")
    if language == "en":
        return _("{login} reads the desk in English.")
    return _("{login} reads the desk in the language of their session.")


def user_list(ctx: Context) -> int:
    users, areas, clients = admin.directory(ctx.read_uow(), ctx.actor())
    area_names = {a.id: a.name for a in areas}
    client_names = {c.id: c.name for c in clients}
    if ctx.json:
        mail = mail_staff.staff_mail(ctx.read_uow(), ctx.actor())
        ctx.emit_json(
            [
                {
                    "login": u.login,
                    "name": u.name,
                    "role": u.role.value,
                    "active": u.active,
                    "areas": sorted(area_names[i] for i in u.area_ids),
                    "client": client_names.get(u.client_id) if u.client_id else None,
                    "language": u.language,  # their setting: None follows their session
                    **_mail_json(mail.get(u.id) if u.id is not None else None),
                }
                for u in users
            ]
        )
        return 0
    rows = [
        [
            ctx.show(u.login),
            ctx.show(u.name),
            words.label(u.role),
            ctx.show(
                ", ".join(sorted(area_names[i] for i in u.area_ids))
                or client_names.get(u.client_id, "")
            ),
            "" if u.active else "inactive",
        ]
        for u in users
    ]
    for line in table(rows, ["LOGIN", "NAME", "ROLE", "AREAS / CLIENT", ""]):
        ctx.say(line)
    return 0


def area_add(ctx: Context) -> int:
    area = admin.add_area(ctx.uow(), ctx.actor(), ctx.args.name, ctx.args.category)
    ctx.say(_("Added area {name}.").format(name=ctx.show(area.name)))
    return 0


def category_add(ctx: Context) -> int:
    category = admin.add_category(ctx.uow(), ctx.actor(), ctx.args.area, ctx.args.name)
    ctx.say(_("Added category {name}.").format(name=ctx.show(category.name)))
    return 0


def area_list(ctx: Context) -> int:
    areas, categories = admin.areas_and_categories(ctx.read_uow(), ctx.actor())
    grouped = {a.name: sorted(c.name for c in categories if c.area_id == a.id) for a in areas}
    if ctx.json:
        # "active" and "inactive_categories" (issue 21): deactivated ones take no new case.
        ctx.emit_json(
            [
                {
                    "id": a.id,
                    "name": a.name,
                    "active": a.active,
                    "categories": grouped[a.name],
                    "inactive_categories": sorted(
                        c.name for c in categories if c.area_id == a.id and not c.active
                    ),
                }
                for a in areas
            ]
        )
        return 0
    for area in areas:
        cats = ", ".join(
            c.name if c.active else _("{name} (inactive)").format(name=c.name)
            for c in sorted(categories, key=lambda c: c.name)
            if c.area_id == area.id
        )
        name = area.name if area.active else _("{name} (inactive)").format(name=area.name)
        ctx.say(f"{ctx.show(name)}: {ctx.show(cats)}")
    return 0


def client_add(ctx: Context) -> int:
    client = admin.add_client(ctx.uow(), ctx.actor(), ctx.args.name, ctx.args.contact)
    ctx.say(_("Added client {name}.").format(name=ctx.show(client.name)))
    return 0


def contact_add(ctx: Context) -> int:
    a = ctx.args
    contact = admin.add_contact(
        ctx.uow(), ctx.actor(), a.client, a.name, email=a.email, phone=a.phone
    )
    ctx.say(_("Added contact {name}.").format(name=ctx.show(contact.name)))
    return 0


def client_list(ctx: Context) -> int:
    clients, contacts = admin.clients_and_contacts(ctx.read_uow(), ctx.actor())
    # Ids beside names: ``case new --contact-id`` (and scripts) need them.
    grouped = [
        (
            client,
            sorted((p for p in contacts if p.client_id == client.id), key=lambda p: (p.name, p.id)),
        )
        for client in clients
    ]
    if ctx.json:
        ctx.emit_json(
            [
                {
                    "id": client.id,
                    "name": client.name,
                    "active": client.active,  # a deactivated client takes no new case
                    # The e-mail too (issue 22): what the mail channel matches a sender by.
                    "contacts": [{"id": p.id, "name": p.name, "email": p.email} for p in people],
                }
                for client, people in grouped
            ]
        )
        return 0
    for client, people in grouped:
        named = ", ".join(_("{name} (contact {id})").format(name=p.name, id=p.id) for p in people)
        who = _("{name} (client {id})").format(name=ctx.show(client.name), id=client.id)
        ctx.say(f"{who}: {ctx.show(named)}".rstrip(": "))
    return 0


def contact_list(ctx: Context) -> int:
    """``desktui contact list``: every contact the operator may see, with ids for scripts
    (``case new --contact-id``, ``case list --query contact:ID``)."""
    clients, contacts = admin.clients_and_contacts(ctx.read_uow(), ctx.actor())
    wanted = ctx.args.client
    if wanted is not None:
        chosen = [c for c in clients if c.name == wanted or str(c.id) == wanted.strip()]
        if not chosen:
            raise NotFound("client.not_found", "There is no client {name!r}", name=wanted)
        contacts = [p for p in contacts if p.client_id == chosen[0].id]
    client_names = {c.id: c.name for c in clients}
    people = sorted(contacts, key=lambda p: (client_names[p.client_id], p.name, p.id or 0))
    if ctx.json:
        ctx.emit_json(
            [
                {
                    "id": p.id,
                    "name": p.name,
                    "client_id": p.client_id,
                    "client": client_names[p.client_id],
                    "email": p.email,
                    "phone": p.phone,
                }
                for p in people
            ]
        )
        return 0
    rows = [
        [str(p.id), ctx.show(p.name), ctx.show(client_names[p.client_id]), ctx.show(p.email)]
        for p in people
    ]
    for line in table(rows, [N_("ID"), N_("NAME"), N_("CLIENT"), N_("E-MAIL")]):
        ctx.say(line)
    return 0


def contract_add(ctx: Context) -> int:
    a = ctx.args
    contract = admin.add_contract(
        ctx.uow(),
        ctx.actor(),
        client=a.client,
        unit=a.unit,
        total=a.total,
        start=parse_day(a.start, N_("start date")),
        end=parse_day(a.end, N_("end date")),
        name=a.name,
    )
    if ctx.json:
        ctx.emit_json({"id": contract.id})
    else:
        ctx.say(str(contract.id))
    return 0


def contract_show(ctx: Context) -> int:
    view = views.contract_view(ctx.read_uow(), ctx.actor(), ctx.args.id)
    data = contract_json(view)
    if ctx.json:
        ctx.emit_json(data)
        return 0
    ctx.say(
        _("contract {id} {name} · {client} · {unit}").format(
            id=data["id"],
            name=ctx.show(data["name"]),
            client=ctx.show(data["client"]),
            unit=words.label(view.balance.contract.unit),
        )
    )
    ctx.say(f"  {data['start']} → {data['end']} ({words.label(view.balance.contract.status)})")
    total, used, left = view.balance.shown  # to 0.01, half up; --json has every digit
    ctx.say(
        _("  used {used} of {total}, remaining {left}, {percent} % ({level})").format(
            used=used,
            total=total,
            left=left,
            percent=formats.figure(view.balance.percent.quantize(Decimal("0.01"))),
            level=words.label(view.balance.level),
        )
    )
    rows = [
        [
            formats.when(entry.at, ctx.tz),
            case_number(entry.case_id),
            words.label(entry.kind),
            units_text(entry.units, signed=True),
            format_minutes(entry.minutes) if entry.minutes else "",
        ]
        for entry in view.ledger
    ]
    for line in table(rows, ["WHEN", "CASE", "WHAT", "UNITS", "BILLABLE TIME"]) if rows else []:
        ctx.say(f"  {line}")
    return 0


def contract_list(ctx: Context) -> int:
    overview = views.contracts_overview(ctx.read_uow(), ctx.actor(), ctx.args.client)
    if ctx.json:
        ctx.emit_json([contract_json(v) for v in overview])
        return 0
    rows = []
    for view in overview:
        data = contract_json(view)
        rows.append(
            [
                str(data["id"]),
                ctx.show(data["client"]),
                ctx.show(data["name"]),
                words.label(view.balance.contract.unit),
                "{1} / {0}".format(*view.balance.shown),
                f"{formats.figure(view.balance.percent.quantize(Decimal('0.01')))} %",
                words.label(view.balance.level),
            ]
        )
    for line in table(rows, ["ID", "CLIENT", "NAME", "UNIT", "USED", "%", "LEVEL"]):
        ctx.say(line)
    return 0


def limits(ctx: Context) -> int:
    """``desktui limits``: the input limits; with options, an admin changes them."""
    from dataclasses import asdict

    from ..services import limits as desk_limits

    a = ctx.args
    current = None
    for name in ("title_chars", "description_bytes", "comment_bytes"):
        value = getattr(a, name)
        if value is not None:
            current = desk_limits.set_limit(ctx.uow(), ctx.actor(), name, value)
    if current is None:
        ctx.actor()
        current = desk_limits.get_limits(ctx.read_uow())
    if ctx.json:
        ctx.emit_json(asdict(current))
        return 0
    chars, description, comment = (
        current.title_chars,
        current.description_bytes,
        current.comment_bytes,
    )
    ctx.say(
        ngettext("title: at most {n} character", "title: at most {n} characters", chars).format(
            n=formats.number(chars)
        )
    )
    ctx.say(
        ngettext(
            "description: at most {n} byte", "description: at most {n} bytes", description
        ).format(n=formats.number(description))
    )
    ctx.say(
        ngettext("comment: at most {n} byte", "comment: at most {n} bytes", comment).format(
            n=formats.number(comment)
        )
    )
    return 0
