"""``@login`` in a comment (comments.mentioned_logins) and who may read a comment."""

from __future__ import annotations

import pytest

from deskTUI.domain.comments import can_read, mentioned_logins
from deskTUI.domain.enums import Status, Visibility
from deskTUI.domain.surveys import offers_survey

from .conftest import PEOPLE, make_case


@pytest.mark.parametrize(
    ("body", "logins"),
    [
        ("@ana", ["ana"]),
        ("hola @ana, ¿lo ves?", ["ana"]),
        ("(@ana) [@luis] «@pedro»", ["ana", "luis", "pedro"]),
        ("gracias @ana.", ["ana"]),
        ("@ana.torres y @ana_t y @ana-t", ["ana.torres", "ana_t", "ana-t"]),
        ("@ana's fix", ["ana"]),
        ("@Ana y @ANA", ["ana"]),
        ("línea\n@ana\tahí", ["ana"]),
        ("@_svc", ["_svc"]),
    ],
)
def test_a_mention_is_an_at_sign_and_a_login_between_boundaries(body, logins):
    assert mentioned_logins(body) == logins


@pytest.mark.parametrize(
    "body",
    [
        "ana@example.com",
        "escriba a soporte.ana@acme.com",
        "x+@ana",
        "@ana@example.com",
        "@@ana",
        "@anaé",
        "@1ana",
        "@",
        "@ ana",
        "@" + "a" * 33,
        "precio: 10@5",
    ],
)
def test_addresses_and_what_is_no_login_are_no_mention(body):
    assert mentioned_logins(body) == []


def test_each_login_once_in_order_of_first_mention():
    assert mentioned_logins("@luis @ana @luis @Ana. @sofia") == ["luis", "ana", "sofia"]


def test_the_author_naming_themselves_is_no_mention():
    assert mentioned_logins("@sofia y @ana", author="sofia") == ["ana"]


def test_a_login_of_exactly_32_characters_is_a_mention():
    login = "a" * 32
    assert mentioned_logins(f"hola @{login}") == [login]


@pytest.mark.parametrize(
    ("who", "public", "internal"),
    [
        ("admin", True, True),
        ("supervisor", True, True),
        ("assignee", True, True),
        ("reporter", True, False),
        ("colleague", True, False),
        ("other_supervisor", False, False),
        ("other_agent", False, False),
        ("stranger", False, False),
    ],
)
def test_who_may_read_a_public_and_an_internal_comment(who, public, internal):
    case = make_case(Status.IN_PROGRESS)
    person = getattr(PEOPLE, who)
    assert can_read(person, case, Visibility.PUBLIC) is public
    assert can_read(person, case, Visibility.INTERNAL) is internal


@pytest.mark.parametrize(
    ("status", "reporter", "offered"),
    [
        (Status.FINISHED, "reporter", True),
        (Status.IN_PROGRESS, "reporter", False),
        (Status.CANCELLED, "reporter", False),
        (Status.FINISHED, "supervisor", False),
        (Status.FINISHED, None, False),
    ],
)
def test_a_finished_case_offers_its_survey_only_to_the_client_who_opened_it(
    status, reporter, offered
):
    person = getattr(PEOPLE, reporter) if reporter else None
    case = make_case(status, reporter_id=person.id if person else None)
    assert offers_survey(case, status, person) is offered


def test_a_comment_notifies_the_first_twenty_people_it_names_and_reads_no_further() -> None:
    body = " ".join(f"@u{n}" for n in range(200_000))  # 1.4 MB of names
    assert mentioned_logins(body) == [f"u{n}" for n in range(20)]
    assert mentioned_logins("@ana " * 50 + "@luis") == ["ana", "luis"]
