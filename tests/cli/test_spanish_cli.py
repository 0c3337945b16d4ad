"""The shell in Spanish (issue 20): ``--help`` of every command and subcommand, the plain
output of the commands a person reads, and refusals show no English word to a Spanish
operator; ``--json`` is the same bytes in both languages.

What a person types stays as typed in any language and is not counted: command names,
options, metavars, choices (``weekly``, ``agent``) and positional names."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from deskTUI.cli.parser import build_parser

ENGLISH_WORDS = (
    "the", "and", "or", "of", "to", "with", "by", "for", "from", "in", "on", "at", "is",
    "are", "show", "shows", "list", "lists", "add", "set", "case", "cases", "default", "not",
    "this", "that", "your", "you", "print", "prints", "each", "every", "which", "when",
    "open", "new", "time", "file", "files", "user", "users", "an", "it", "its", "be",
    "only", "all", "change", "remove", "read", "write", "day", "days", "hour", "hours",
    "minutes", "week", "month", "seed", "report", "status", "priority", "contract", "client",
    "area", "category", "title", "description", "comment", "quote", "assign", "log", "edit",
    "start", "stop", "end", "name", "role", "billable", "planned", "held", "completed",
    "started", "pending", "assigned", "finished", "cancelled", "unassigned", "breached",
    "left", "due", "total", "nobody", "none", "yes", "unread", "entries", "entry", "items",
    "Status", "Priority", "Assignee", "Client", "Contact", "Area", "Category", "Title",
    "Created", "Updated", "Cases", "Case", "Total", "Week", "Hours", "Agent", "Contract",
    "Report", "Weekly", "Response", "Satisfaction", "Opened", "Finished", "Median",
    "NUMBER", "TITLE", "STATUS", "PRIORITY", "CLIENT", "ASSIGNEE", "UPDATED", "CREATED",
    "DATE", "TIME", "DURATION", "BILLABLE", "BY", "ACTIVITY", "WHO", "KIND", "WHEN", "CASE",
    "DUE", "LOGIN", "NAME", "ROLE", "AREAS", "ACTIVE", "UNITS", "USED", "LEFT", "LEVEL",
    "CONTACTS", "CATEGORIES", "ID", "DAY", "START", "END", "OWNER", "SLA",
)  # fmt: skip
"""English a Spanish shell never shows (the shop's data is Spanish)."""

ALSO_SPANISH = {"total", "Total", "ID", "SLA"}
"""Words both languages write, and the acronyms Spanish keeps."""


def english_pattern(codes: set[str]) -> re.Pattern[str]:
    words = sorted(set(ENGLISH_WORDS) - ALSO_SPANISH - codes, key=len, reverse=True)
    return re.compile(r"(?<![\w/.\-@])(" + "|".join(words) + r")(?![\w/\-@])")


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator:
    """``(path, parser)`` for desktui and each command and subcommand under it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


def typed_words() -> set[str]:
    """Every word a person types: command names, choices and positional names."""
    words: set[str] = {"me", "none", "all"}  # --assignee's and --email-notices' own values
    for path, parser in commands(build_parser()):
        words.update(path)
        for action in parser._actions:
            if action.choices:
                words.update(str(choice) for choice in action.choices)
            if not action.option_strings:
                words.add(action.dest)
    return words


TYPED = typed_words()
SYNTAX = re.compile(r"--?[\w-]+|\{[^}]*\}|\b[A-Z][A-Z_0-9-]*\b|\(env [A-Z_]+\)")
"""Options, choices, metavars and environment variables inside a help line."""


def help_faults(path: tuple[str, ...], text: str) -> list[str]:
    english = english_pattern(TYPED)
    faults = []
    in_usage = False
    for line in text.splitlines():
        if line.startswith("uso:"):
            in_usage = True
        if in_usage:
            in_usage = bool(line.strip())
            continue
        if found := english.findall(SYNTAX.sub("", line)):
            faults.append(f"desktui {' '.join(path)} --help: {found}: {line.strip()!r}")
    return faults


@pytest.fixture
def in_spanish(monkeypatch):
    monkeypatch.setenv("DESKTUI_LANG", "es")


def test_the_help_of_every_command_and_subcommand_reads_spanish(shop, in_spanish):
    paths = [path for path, _parser in commands(build_parser())]
    assert len(paths) > 60
    faults = []
    for path in paths:
        result = shop.run(*path, "--help")
        assert result.code == 0 and result.out.startswith("uso: desktui"), (path, result)
        faults += help_faults(path, result.out)
    assert not faults, "\n".join(faults)


@pytest.fixture
def busy_shop(shop):
    """A finished case with time, a comment, an event and a survey; one in progress."""
    done = shop.working_case("--contract", shop.contract, "--billable", title="Impresora")
    shop.ok("time", "log", done, "--duration", "90m", "--billable", as_="ana")
    shop.ok("case", "comment", done, "Cambio de fusor", "--public", as_="ana")
    shop.ok("case", "move", done, "finished", "--solution", "Fusor nuevo", as_="ana")
    working = shop.working_case(title="Red lenta en el piso 3", category="Redes")
    shop.ok("timer", "start", working, as_="ana")
    return shop, done, working


def plain_outputs(shop, done: str) -> dict[str, str]:
    """What a person reads from the commands a Spanish supervisor runs in a day."""
    runs = {
        "case show": ("case", "show", done),
        "case list": ("case", "list"),
        "case list closed": ("case", "list", "--query", "estado:cerrado"),
        "case next": ("case", "next"),
        "time list": ("time", "list", done),
        "agenda": ("agenda", "--span", "week"),
        "timesheet": ("timesheet",),
        "contract list": ("contract", "list"),
        "contract show": ("contract", "show", shop.contract),
        "sla show": ("sla", "show"),
        "user list": ("user", "list"),
        "area list": ("area", "list"),
        "client list": ("client", "list"),
        **{
            f"report {kind}": ("report", kind)
            for kind in ("weekly", "response", "sla", "hours", "contracts", "satisfaction")
        },
    }
    out = {name: shop.ok(*args, as_="sofia").out for name, args in runs.items()}
    out["notifications"] = shop.ok("notifications", as_="ana").out
    out["timer show"] = shop.ok("timer", "show", as_="ana").out
    return out


def test_what_a_spanish_supervisor_reads_in_the_shell_has_no_english(busy_shop, in_spanish):
    shop, done, _working = busy_shop
    english = english_pattern(set())
    outputs = plain_outputs(shop, done)
    lines = [(name, line) for name, text in outputs.items() for line in text.splitlines()]
    faults = [
        f"{name}: {sorted(set(found))}: {line.rstrip()!r}"
        for name, line in lines
        if (found := english.findall(line))
    ]
    assert not faults, "\n".join(faults)


REFUSALS = {
    "a move the lifecycle refuses": (("case", "move", "{done}", "assigned"), "sofia"),
    "no such case": (("case", "show", "CS-999999"), "sofia"),
    "a client may not assign": (("case", "assign", "{working}", "luis"), "maria"),
    "an unknown report": (("report", "monthly"), "sofia"),
    "a wrong query word": (("case", "list", "--query", "estado:abiertx"), "sofia"),
    "a bad day": (("report", "weekly", "--from", "31/02/2026"), "sofia"),
    "an unknown login": (("case", "assign", "{working}", "nadie"), "sofia"),
    "a progress out of range": (("case", "edit", "{working}", "--progress", "140"), "sofia"),
    "a duration it cannot read": (("time", "log", "{working}", "--duration", "mucho"), "ana"),
    "an agent may not report": (("report", "weekly"), "ana"),
}


@pytest.mark.parametrize("refusal", list(REFUSALS))
def test_each_refusal_reads_spanish(busy_shop, in_spanish, refusal):
    shop, done, working = busy_shop
    args, who = REFUSALS[refusal]
    args = tuple(a.format(done=done, working=working) for a in args)
    result = shop.run(*args, as_=who)
    assert result.code in (1, 2), result
    sentence = result.err.removeprefix("error: ")
    assert sentence.strip(), result
    found = english_pattern(TYPED - {"estado:abiertx"}).findall(SYNTAX.sub("", sentence))
    assert not found, sentence


@pytest.mark.parametrize("args", [("case", "show", "{done}"), ("case", "list")])
def test_json_is_the_same_bytes_in_spanish_and_english(busy_shop, monkeypatch, args):
    shop, done, _working = busy_shop
    args = tuple(a.format(done=done) for a in args)
    english = shop.ok(*args, "--json", as_="sofia").out
    monkeypatch.setenv("DESKTUI_LANG", "es")
    assert shop.ok(*args, "--json", as_="sofia").out == english


REPORTS = ("weekly", "response", "sla", "hours", "contracts", "satisfaction")


@pytest.mark.parametrize("kind", REPORTS)
def test_a_reports_csv_has_spanish_headers_and_the_same_cells(busy_shop, monkeypatch, kind):
    """--format csv in Spanish: the header line's keys are the reader's words, every cell
    below is what the English file holds (codes, ISO days, plain figures)."""
    shop, _done, _working = busy_shop
    english = shop.ok("report", kind, "--format", "csv", as_="sofia").out.splitlines()
    monkeypatch.setenv("DESKTUI_LANG", "es")
    spanish = shop.ok("report", kind, "--format", "csv", as_="sofia").out.splitlines()
    assert spanish[1:] == english[1:]
    assert spanish[0] != english[0]
    found = english_pattern(set()).findall(spanish[0].replace("_", " "))
    assert not found, spanish[0]


def test_the_calendar_export_is_the_same_in_spanish_and_english(busy_shop, monkeypatch, tmp_path):
    """The ICS file's human text is the desk's own (a case number and the titles people
    typed) and its machine fields codes: the same file in both languages, but for the
    moment it was written (DTSTAMP)."""
    shop, _done, working = busy_shop
    shop.ok(
        "event", "add", working, "--kind", "follow_up", "--title", "Llamar a María",
        "--start", "2026-03-02T09:00:00+00:00", "--end", "2026-03-02T09:30:00+00:00",
        as_="ana",
    )  # fmt: skip
    shop.ok("task", "add", working, "--title", "Enviar el fusor", "--due", "2026-03-04", as_="ana")

    def exported(name: str) -> list[str]:
        path = tmp_path / name
        shop.ok("calendar", "export", "--ics", str(path), as_="ana")
        return [line for line in path.read_text().splitlines() if not line.startswith("DTSTAMP")]

    english = exported("en.ics")
    monkeypatch.setenv("DESKTUI_LANG", "es")
    spanish = exported("es.ics")
    assert spanish == english
    human = [line for line in spanish if line.startswith(("SUMMARY", "DESCRIPTION"))]
    assert len(human) == 3, spanish
    assert not english_pattern(set()).findall(" ".join(human)), human
