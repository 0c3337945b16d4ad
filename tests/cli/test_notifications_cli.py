"""`desktui notifications`: what a script reads and marks (both engines)."""

from __future__ import annotations

from datetime import datetime


def test_the_json_carries_id_kind_case_message_iso_time_and_read(shop):
    number = shop.open_case()
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.ok("case", "comment", number, "@ana mira la bandeja 2", as_="sofia")
    mention, assignment = shop.json("notifications", as_="ana")
    assert set(mention) == {"id", "kind", "case", "message", "created_at", "read"}
    assert (mention["kind"], mention["case"], mention["read"]) == ("mention", number, False)
    assert mention["message"] == f"sofia mentioned you on {number}: @ana mira la bandeja 2"
    assert assignment["kind"] == "assignment" and mention["id"] > assignment["id"]
    moment = datetime.fromisoformat(mention["created_at"])
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0


def test_a_script_marks_read_exactly_the_ids_it_names(shop):
    first, second = shop.open_case(), shop.open_case(title="Otra")
    shop.ok("case", "assign", first, "ana", as_="sofia")
    shop.ok("case", "assign", second, "ana", as_="sofia")
    newest, oldest = shop.json("notifications", as_="ana")
    assert shop.json("notifications", "--mark-read", str(oldest["id"]), as_="ana") == {
        "marked": 1,
        "ids": [oldest["id"]],
    }
    assert [(n["id"], n["read"]) for n in shop.json("notifications", as_="ana")] == [
        (newest["id"], False),
        (oldest["id"], True),
    ]
    assert shop.ok("notifications", "--mark-read", str(newest["id"]), as_="ana").out == (
        "1 marked read.\n"
    )
    assert shop.json("notifications", "--unread", as_="ana") == []


def test_another_user_s_notification_is_refused_with_a_sentence(shop):
    number = shop.open_case()
    shop.ok("case", "assign", number, "ana", as_="sofia")
    (mine,) = shop.json("notifications", as_="ana")
    shop.refused(
        "notifications",
        "--mark-read",
        str(mine["id"]),
        as_="luis",
        says=f"There is no notification {mine['id']} in the inbox of luis",
    )


def test_limit_lists_the_newest_and_mark_read_alone_marks_only_what_was_listed(shop):
    numbers = [shop.open_case(title=f"Caso {i}") for i in range(3)]
    for number in numbers:
        shop.ok("case", "assign", number, "ana", as_="sofia")
    listed = shop.json("notifications", "--limit", "2", "--mark-read", as_="ana")
    assert [n["case"] for n in listed] == [numbers[2], numbers[1]]
    assert [n["read"] for n in listed] == [False, False]  # as they were when listed
    assert [n["case"] for n in shop.json("notifications", "--unread", as_="ana")] == [numbers[0]]
    for limit in ("0", "99999999999999999999"):
        shop.refused(
            "notifications",
            "--limit",
            limit,
            as_="ana",
            says=f"The limit must be from 1 to 2147483647, not {limit}",
        )


def test_the_text_lines_show_the_id_time_and_kind_for_a_person(shop):
    number = shop.open_case()
    shop.ok("case", "assign", number, "ana", as_="sofia")
    (item,) = shop.json("notifications", as_="ana")
    (line,) = shop.ok("notifications", as_="ana").out.splitlines()
    assert line.startswith(f"* {item['id']:>4} ")
    assert line.split()[4:6] == ["assignment", "sofia"]
    assert line.endswith(f"sofia assigned you {number}: La impresora no imprime")
    shop.usage_error("notifications", "--mark-read", "uno", as_="ana", contains="invalid int")
