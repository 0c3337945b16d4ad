"""Each operator reads ``desktui`` in their own language (issue 20): their setting on the
desk (``user set LOGIN --language``) over the session's locale, ``DESKTUI_LANG`` over
both; two operators on one desk at once, each in theirs; ``--json`` the same in both."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ME

BAD_CODE_EN = (
    "'xx' is not a language of the desk: write es (Spanish), en (English) "
    "or auto (the session's language)"
)
BAD_CODE_ES = (
    "'xx' no es un idioma de la mesa: escriba es (español), en (inglés) "
    "o auto (el idioma de la sesión)"
)


@pytest.fixture
def session_locale(monkeypatch):
    """Sets the session's locale as SSH passes it; no DESKTUI_LANG unless a test sets it."""
    monkeypatch.delenv("DESKTUI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)

    def use(lang: str) -> None:
        monkeypatch.setenv("LANG", lang)

    use("C.UTF-8")
    return use


def bad_code(shop, who: str) -> str:
    """The refusal ``who`` reads for a language the desk does not speak (their own)."""
    refused = shop.refused("user", "set", who, "--language", "xx", as_=who)
    return refused.err.removeprefix("error: ").rstrip("\n")


def test_an_agent_chooses_their_own_language_and_reads_the_answer_in_it(shop, session_locale):
    assert shop.ok("user", "set", "ana", "--language", "es", as_="ana").out == (
        "ana lee la mesa en español.\n"
    )
    assert bad_code(shop, "ana") == BAD_CODE_ES
    assert shop.ok("user", "set", "ana", "--language", "auto", as_="ana").out == (
        "ana reads the desk in the language of their session.\n"
    )
    assert bad_code(shop, "ana") == BAD_CODE_EN
    for blank in ("", "  "):  # chooses nothing: refused, the setting kept
        shop.ok("user", "set", "ana", "--language", "es", as_="ana")
        refused = shop.refused("user", "set", "ana", "--language", blank, as_="ana")
        assert "no es un idioma de la mesa" in refused.err


def test_a_client_chooses_hers_and_nobody_but_an_admin_chooses_anothers(shop, session_locale):
    shop.ok("user", "set", "maria", "--language", "es", as_="maria")
    languages = {u["login"]: u["language"] for u in shop.json("user", "list")}
    assert (languages["maria"], languages["luis"]) == ("es", None)  # the admin sees them
    refused = shop.refused("user", "set", "luis", "--language", "es", as_="ana")
    assert "ana" in refused.err and "luis" not in refused.err
    shop.refused("user", "set", "gloria", "--language", "en", as_="maria")
    shop.refused("user", "set", "nadie", "--language", "en", as_="ana")  # no one: the same
    # The admin reads the answer in their own language, not in the one they chose for Luis.
    assert shop.ok("user", "set", "luis", "--language", "es").out == (
        "luis reads the desk in Spanish.\n"
    )
    assert shop.ok("user", "set", "luis", "--language", "en", "--name", "Luis M.").out == (
        "luis is agent, active.\nluis reads the desk in English.\n"
    )
    assert shop.refused("user", "set", "luis", "--language", "xx").err == f"error: {BAD_CODE_EN}\n"
    shop.ok("user", "set", ME, "--language", "es")  # the admin reads Spanish from now on
    assert shop.ok("user", "set", "luis", "--inactive").out == (
        "luis es agente, con la cuenta inactiva.\n"
    )
    assert shop.refused("user", "set", "luis", "--language", "xx", "--role", "supervisor")


def test_the_setting_overrides_the_locale_and_desktui_lang_overrides_the_setting(
    shop, session_locale, monkeypatch
):
    shop.ok("user", "set", "ana", "--language", "es", as_="ana")
    shop.ok("user", "set", "luis", "--language", "en", as_="luis")
    session_locale("en_US.UTF-8")
    assert bad_code(shop, "ana") == BAD_CODE_ES
    session_locale("es_MX.UTF-8")
    assert bad_code(shop, "luis") == BAD_CODE_EN
    monkeypatch.setenv("DESKTUI_LANG", "en")
    assert bad_code(shop, "ana") == BAD_CODE_EN
    monkeypatch.setenv("DESKTUI_LANG", "es")
    assert bad_code(shop, "luis") == BAD_CODE_ES
    monkeypatch.delenv("DESKTUI_LANG")
    assert bad_code(shop, "sofia") == BAD_CODE_ES  # no setting: the locale, es_MX


def test_two_operators_on_one_desk_each_read_their_own_language_turn_by_turn(shop, session_locale):
    shop.ok("user", "set", "ana", "--language", "es", as_="ana")
    shop.ok("user", "set", "luis", "--language", "en", as_="luis")
    for _turn in range(2):
        assert bad_code(shop, "ana") == BAD_CODE_ES
        assert bad_code(shop, "luis") == BAD_CODE_EN


def test_json_is_byte_for_byte_the_same_whatever_language_the_operator_reads(shop, session_locale):
    number = shop.working_case()
    shop.ok("case", "comment", number, "Revisé el tóner", as_="ana")
    commands = [("case", "show", number), ("case", "list"), ("notifications",)]
    english = [shop.ok(*command, "--json", as_="ana").out for command in commands]
    shop.ok("user", "set", "ana", "--language", "es", as_="ana")
    session_locale("es_AR.UTF-8")
    spanish = [shop.ok(*command, "--json", as_="ana").out for command in commands]
    assert spanish == english


@pytest.mark.sqlite_only
def test_help_reads_the_operators_own_setting_on_a_sqlite_desk(shop, session_locale, monkeypatch):
    """``--help`` comes before any desk is opened: on a SQLite desk the operator's setting
    is read with a bare read-only query (cli/help_language.py)."""
    english = "the language the user reads the desk in"
    spanish = "el idioma en que el usuario lee la mesa"
    assert english in shop.ok("user", "set", "--help").out
    shop.ok("user", "set", ME, "--language", "es")
    assert spanish in shop.ok("user", "set", "--help").out
    assert spanish in shop.ok(f"--db={shop.db}", "user", "set", "--help").out
    monkeypatch.setenv("DESKTUI_LANG", "en")
    assert english in shop.ok("user", "set", "--help").out
    monkeypatch.setenv("DESKTUI_LANG", "fr")  # no language of the desk: the setting decides
    assert spanish in shop.ok("user", "set", "--help").out
    monkeypatch.delenv("DESKTUI_LANG")
    shop.ok("user", "set", ME, "--language", "auto")
    assert english in shop.ok("user", "set", "--help").out


def test_two_desktui_processes_on_one_desk_at_the_same_time_each_speak_their_operators(
    shop, session_locale
):
    """Two people at once on one desk, one process each (as over SSH): Ana set Spanish,
    Luis English, both terminals say C.UTF-8."""
    shop.ok("user", "set", "ana", "--language", "es", as_="ana")
    shop.ok("user", "set", "luis", "--language", "en", as_="luis")
    env = {k: v for k, v in os.environ.items() if k != "DESKTUI_LANG"} | {"LANG": "C.UTF-8"}

    def start(who: str) -> subprocess.Popen[str]:
        argv = shop.argv(("user", "set", who, "--language", "xx"), who)
        return subprocess.Popen(
            [sys.executable, "-m", "deskTUI", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    running = {who: [start(who) for _ in range(2)] for who in ("ana", "luis")}
    said = {
        who: [process.communicate(timeout=60) for process in processes]
        for who, processes in running.items()
    }
    assert said["ana"] == [("", f"error: {BAD_CODE_ES}\n")] * 2
    assert said["luis"] == [("", f"error: {BAD_CODE_EN}\n")] * 2
