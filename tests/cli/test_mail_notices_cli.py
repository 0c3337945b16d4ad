"""``desktui case comment --public --email`` and ``desktui user set --email
--email-notices`` (issue 22): the notices the desk writes into its outbox, on both engines."""

from __future__ import annotations


def test_an_internal_comment_cannot_be_emailed_and_nothing_is_written(shop):
    number = shop.open_case()
    shop.refused(
        "case", "comment", number, "Nota interna", "--email", as_="sofia",
        says="Only a public comment can be e-mailed to the case's contact",
    )  # fmt: skip


def test_a_public_comment_with_email_is_queued_for_the_contact_and_mail_status_shows_it(shop):
    shop.ok("mail", "set", "--address", "soporte@mesa.example")
    shop.ok("client", "contact", "Acme SA", "Rosa Díaz", "--email", "rosa@acme.example")
    number = shop.open_case("--contact", "Rosa Díaz")
    shop.ok("case", "comment", number, "Solo público", "--public", as_="sofia")
    said = shop.ok("case", "comment", number, "Pruebe ahora", "--public", "--email", as_="sofia")
    assert said.out == (
        f"Added a public comment to {number} and queued it by e-mail to rosa@acme.example.\n"
    )
    other = shop.open_case()  # no contact with an address: said so, the comment kept
    said = shop.ok("case", "comment", other, "Listo", "--public", "--email", as_="sofia")
    assert said.out == (
        f"Added a public comment to {other}; it was not e-mailed: the case's contact has no "
        "address the desk writes to, or the desk's e-mail is not set up.\n"
    )
    out = [m for m in shop.json("mail", "status") if m["direction"] == "out"]
    assert [(m["address"], m["case"], m["outcome"]) for m in out] == [
        ("rosa@acme.example", number, "queued"), ("rosa@acme.example", number, "queued"),
    ]  # fmt: skip
    subjects = sorted(m["subject"] for m in out)
    assert subjects == [
        f"[{number}] Case opened: La impresora no imprime",
        f"[{number}] New answer: La impresora no imprime",
    ]


def test_an_admin_sets_a_staff_member_s_address_and_notices_and_user_list_shows_them(shop):
    said = shop.ok("user", "set", "ana", "--email", "Ana@Mesa.example")
    assert said.out == (
        "ana receives these notices by e-mail at Ana@Mesa.example: assignment, escalation, "
        "and mention.\n"
    )
    said = shop.ok("user", "set", "ana", "--email-notices", " Mention , assignment")
    assert said.out == (
        "ana receives these notices by e-mail at Ana@Mesa.example: assignment and mention.\n"
    )
    ana = next(u for u in shop.json("user", "list") if u["login"] == "ana")
    assert (ana["email"], ana["email_notices"]) == ("Ana@Mesa.example", ["assignment", "mention"])
    luis = next(u for u in shop.json("user", "list") if u["login"] == "luis")
    assert (luis["email"], luis["email_notices"]) == (None, [])
    assert shop.ok("user", "set", "ana", "--email-notices", "none").out == (
        "ana's address is Ana@Mesa.example; they receive no notices by e-mail.\n"
    )
    assert shop.ok("user", "set", "ana", "--email", "").out == (
        "ana receives no notices by e-mail.\n"
    )
    ana = next(u for u in shop.json("user", "list") if u["login"] == "ana")
    assert (ana["email"], ana["email_notices"]) == (None, [])
    said = shop.ok("user", "set", "luis", "--name", "Luis M.", "--email", "luis@mesa.example")
    assert said.out.splitlines()[-1] == (
        "luis receives these notices by e-mail at luis@mesa.example: assignment, escalation, "
        "and mention."
    )


def test_a_wrong_address_kind_person_or_actor_is_refused_and_nothing_is_written(shop):
    shop.refused(
        "user", "set", "ana", "--email", "ana@mesa.example\r\nBcc: x@evil.example",
        contains="is not an e-mail address",
    )  # fmt: skip
    shop.refused(
        "user", "set", "ana", "--email", "ana@mesa.example", "--email-notices", "todo",
        says="'todo' is not a kind of notice: write assignment, escalation or mention, "
        "separated by commas, or all, or none",
    )  # fmt: skip
    shop.refused(
        "user", "set", "ana", "--name", "Ana T.", "--email", "no es correo",
        contains="is not an e-mail address",
    )  # fmt: skip
    shop.refused(
        "user", "set", "ana", "--email-notices", "all",
        says="ana has no e-mail address yet: give one with --email ADDRESS",
    )  # fmt: skip
    shop.refused("user", "set", "maria", "--email", "maria@acme.example", contains="client user")
    shop.refused("user", "set", "ana", "--email", "ana@mesa.example", as_="sofia",
                 contains="may not")  # fmt: skip
    shop.refused("user", "set", "nadie", "--email", "x@mesa.example", contains="nadie")
