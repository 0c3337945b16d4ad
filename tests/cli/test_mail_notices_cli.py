"""``desktui case comment --public --email`` and ``desktui user set --email
--email-notices`` (issue 22): the notices the desk writes into its outbox, on both engines."""

from __future__ import annotations


def test_an_internal_comment_cannot_be_emailed_and_nothing_is_written(shop):
    number = shop.open_case()
    shop.refused(
        "case", "comment", number, "Nota interna", "--email", as_="sofia",
        says="Only a public comment can be e-mailed to the case's contact",
    )  # fmt: skip
