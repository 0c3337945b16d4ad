"""Every command of the README runs, and prints what the README says it prints (issue 18).

The README's ```sh blocks are run top to bottom, as a reader pasting them into one
shell would: on a demo desk that the README's own ``desktui --db demo.db demo`` builds
in a fresh folder, with the variables each block exports or assigns kept for the next.
Skipped: the two install one-liners of the first screen (``<!-- run command -->``,
``<!-- test command -->``) and the blocks marked ``<!-- not run: why -->``, kept few.

A ```text block right after a ```sh block is what that block prints on standard
output, compared line by line: ``<N>``, ``<CASE>``, ``<DATE>``, ``<DAY>``, ``<TIME>``,
``<LOGIN>`` stand for a number, a case number, a day, a clock time and a login;
``<…>`` for any words; a line ``…`` for any number of lines. Every command must
succeed (exit 0) and print nothing on standard error.

``desktui`` runs in this process through ``deskTUI.cli.main``, the entry point the
installed command calls (a fresh interpreter per command would cost about a second
each on this machine); any other program of a pipeline (``jq``) runs for real. The
little shell understood here is what the README uses: ``\\`` continuations, ``#``
comments, ``export``, ``VAR=$(command)``, ``$VAR`` and ``${VAR}``, ``|`` and ``>``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deskTUI.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

INSTALL_MARKERS = ("<!-- run command -->", "<!-- test command -->")
NOT_RUN = re.compile(r"<!-- not run: (.+?) -->")
MOST_NOT_RUN = 5
"""The blocks a reader cannot run here (root, a second host, the suite itself) stay few."""
LEAST_COMMANDS_RUN = 25
LEAST_OUTPUTS_COMPARED = 6
"""The README runs 31 commands and shows 7 outputs today: a parser that silently stopped
finding blocks (a fence written another way) would otherwise pass with nothing run."""

PLACEHOLDERS = {
    "<N>": r"-?\d[\d,.]*",
    "<CASE>": r"CS-\d{6,}",
    "<DATE>": r"\d{4}-\d{2}-\d{2}",
    "<DAY>": r"\d{1,2}/\d{1,2}/\d{4}",
    "<TIME>": r"\d{2}:\d{2}",
    "<LOGIN>": r"[\w.@+-]+",
    "<…>": r".*?",
}
ANY_LINES = "…"


@dataclass
class Block:
    line: int
    """Where the block starts in the README (1-based), for the failure report."""
    code: str
    skip: str | None = None
    """Why it is not run (an install one-liner, or its ``not run`` marker)."""
    output: str | None = None
    """The ```text block after it: what it prints."""


def readme_blocks(text: str) -> list[Block]:
    """The README's ```sh blocks, each with why it is skipped and the output shown after it."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    last_sh: Block | None = None
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            if lines[i].strip():
                last_sh = None  # prose between: a later ```text is not this block's output
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        body = "\n".join(lines[i + 1 : end])
        kind = fence.group(1)
        if kind == "sh":
            before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            skip = None
            if before.strip() in INSTALL_MARKERS:
                skip = "an install one-liner"
            elif marker := NOT_RUN.search(before):
                skip = marker.group(1)
            last_sh = Block(i + 1, body, skip)
            blocks.append(last_sh)
        elif kind == "text" and last_sh is not None and last_sh.output is None:
            last_sh.output = body
            last_sh = None
        else:
            last_sh = None
        i = end + 1
    return blocks


# -- the little shell ---------------------------------------------------------------


def without_comment(line: str) -> str:
    """``line`` up to a ``#`` that starts a word outside quotes."""
    quote = ""
    for k, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (k == 0 or line[k - 1].isspace()):
            return line[:k].rstrip()
    return line.rstrip()


def split_outside_quotes(line: str, separator: str) -> list[str]:
    parts, quote, start = [], "", 0
    for k, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == separator:
            parts.append(line[start:k])
            start = k + 1
    return [*parts, line[start:]]


@dataclass
class Shell:
    cwd: Path
    monkeypatch: pytest.MonkeyPatch
    """Exports set the environment through it, so they end with the test."""
    variables: dict[str, str] = field(default_factory=dict)

    def expand(self, line: str) -> str:
        """``$VAR`` and ``${VAR}`` outside single quotes (the README puts none inside)."""
        pieces = re.split(r"('[^']*')", line)
        lookup = {"PWD": str(self.cwd), **os.environ, **self.variables}
        return "".join(
            piece
            if piece.startswith("'")
            else re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: lookup.get(m[1] or m[2], ""), piece)
            for piece in pieces
        )

    def run(self, line: str) -> str:
        """Run one logical line; what it prints on standard output."""
        line = without_comment(line)
        if assigned := re.fullmatch(r"(\w+)=\$\((.*)\)", line):
            self.variables[assigned[1]] = self.pipeline(assigned[2]).rstrip("\n")
            return ""
        words = shlex.split(self.expand(line))
        if words and words[0] == "export":
            for word in words[1:]:
                name, _, value = word.partition("=")
                self.variables[name] = value
                self.monkeypatch.setenv(name, value)  # the in-process desktui reads DESKTUI_DB
            return ""
        return self.pipeline(line)

    def pipeline(self, line: str) -> str:
        data = ""
        for segment in split_outside_quotes(line, "|"):
            words = shlex.split(self.expand(segment))
            target = None
            if ">" in words:
                at = words.index(">")
                words, target = words[:at], words[at + 1]
            data = self.command(words, data)
            if target is not None:
                (self.cwd / target).write_text(data, encoding="utf-8")
                data = ""
        return data

    def command(self, words: list[str], stdin: str) -> str:
        program = words[0]
        if Path(program).name == "desktui":
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(words[1:])
                except SystemExit as stop:
                    code = (
                        stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
                    )
            printed, complained = out.getvalue(), err.getvalue()
        else:
            try:
                done = subprocess.run(
                    words, input=stdin, capture_output=True, text=True, cwd=self.cwd, check=False
                )
            except OSError as error:
                raise CommandFailed(f"{shlex.join(words)} → {error}") from None
            code, printed, complained = done.returncode, done.stdout, done.stderr
        if code != 0 or complained:
            raise CommandFailed(f"{shlex.join(words)} → exit {code}: {complained.strip()}")
        return printed


class CommandFailed(Exception):
    pass


def logical_lines(code: str) -> list[str]:
    """The block's commands: ``\\`` continuations joined, blank and comment lines left out."""
    joined = re.sub(r"\\\n\s*", " ", code)
    return [
        line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]


# -- comparing what is shown with what is printed ------------------------------------------


def line_pattern(expected: str) -> re.Pattern[str]:
    parts = re.split("(" + "|".join(map(re.escape, PLACEHOLDERS)) + ")", expected.rstrip())
    return re.compile("".join(PLACEHOLDERS.get(p, re.escape(p)) for p in parts) + r"\Z")


def output_matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` is what ``expected`` shows, placeholders and ``…`` lines included."""
    want = expected.splitlines()
    got = [line.rstrip() for line in actual.splitlines()]
    patterns = [None if w.strip() == ANY_LINES else line_pattern(w) for w in want]
    reachable = {0}  # positions in ``got`` the expected lines so far can end at
    for pattern in patterns:
        if pattern is None:
            start = min(reachable)
            reachable = set(range(start, len(got) + 1))
        else:
            reachable = {j + 1 for j in reachable if j < len(got) and pattern.match(got[j])}
        if not reachable:
            return False
    return len(got) in reachable


# -- the test ------------------------------------------------------------------------------


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))


@pytest.fixture
def shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Shell:
    """A fresh folder, as a clone is, where the README's demo desk will be built."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DESKTUI_DB", raising=False)
    monkeypatch.delenv("DESKTUI_FILES", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return Shell(tmp_path, monkeypatch)


@pytest.mark.skipif(shutil.which("jq") is None, reason="the README's pipelines need jq")
def test_every_command_of_the_readme_runs_and_prints_what_the_readme_shows(shell: Shell):
    wrong: list[str] = []
    ran = compared = 0
    for block in BLOCKS:
        if block.skip:
            continue
        printed = []
        for line in logical_lines(block.code):
            ran += 1
            try:
                printed.append(shell.run(line))
            except CommandFailed as failure:
                wrong.append(f"README line {block.line}: {failure}")
        compared += block.output is not None
        if block.output is not None and not output_matches(block.output, "".join(printed)):
            wrong.append(
                f"README line {block.line}: printed\n{''.join(printed)}\ninstead of\n{block.output}"
            )
    assert not wrong, "\n\n".join(wrong)
    assert (shell.cwd / "demo.db").exists()  # the README's own command built the desk
    assert ran >= LEAST_COMMANDS_RUN and compared >= LEAST_OUTPUTS_COMPARED, (ran, compared)


def fences_not_understood(text: str) -> list[str]:
    """Fenced blocks the run would pass over silently: a fence not at the line's start or
    with more than a language after it (the parser sees none, and pairs the next fences
    wrongly), or a ``desktui`` command in a block that is not ```sh."""
    complaints: list[str] = []
    lines = text.splitlines()
    opening = True
    kind = ""
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("```"):
            if not re.match(r"^```(\w*)\s*$", line):
                complaints.append(f"README line {number}: fence {line.strip()!r} is not read")
            if opening:
                kind = line.strip()[3:].strip()
            opening = not opening
        elif not opening and kind != "sh" and re.match(r"\s*(\$ )?(\S*/)?desktui\b", line):
            complaints.append(f"README line {number}: a desktui command in a ```{kind} block")
    return complaints


def test_every_fenced_block_of_the_readme_is_one_the_run_understands():
    assert fences_not_understood(README.read_text(encoding="utf-8")) == []


def test_a_command_in_a_block_the_run_would_pass_over_is_named():
    """A reader's README edit that hides commands from the run fails the suite."""
    text = "```bash\ndesktui case list\n```\n\n  ```sh\n  desktui sla escalate\n  ```\n"
    assert fences_not_understood(text) == [
        "README line 2: a desktui command in a ```bash block",
        "README line 5: fence '```sh' is not read",
        "README line 7: fence '```' is not read",
    ]


def test_the_blocks_not_run_are_few_and_each_says_why():
    skipped = [b for b in BLOCKS if b.skip]
    installs = [b for b in skipped if b.skip == "an install one-liner"]
    assert len(installs) == 2
    assert len(skipped) - len(installs) <= MOST_NOT_RUN, [b.skip for b in skipped]
    assert len([b for b in BLOCKS if not b.skip]) >= 5


def test_the_comparison_understands_placeholders_and_left_out_lines():
    assert output_matches("CS-000301 is in_progress.", "CS-000301 is in_progress.\n")
    assert output_matches(
        "Logged 1h30m on <CASE> (entry <N>).", "Logged 1h30m on CS-000301 (entry 97)."
    )
    assert output_matches("a\n…\nz", "a\nb\nc\nz")
    assert output_matches("a\n…\nz", "a\nz")
    assert output_matches("<CASE>\n…", "CS-000001\nCS-000002")
    assert not output_matches("a\nz", "a\nb\nz")
    assert not output_matches("<CASE>", "CS-1")
    assert not output_matches("x <…> y", "x y")
    assert output_matches("x <…> y", "x words here y")


# -- the commands the prose names ----------------------------------------------------------

INLINE = sorted(
    {
        command
        for command in re.findall(r"`(desktui [^`]+)`", README.read_text(encoding="utf-8"))
        if "[" not in command  # a usage synopsis (``report KIND [--from DAY]``), not a command
    }
)
"""``desktui …`` commands quoted in the README's sentences (not run: some need a server, a
million cases or a backup to restore); each must at least be said as the CLI reads it."""

STANDS_FOR = {"ID": "1", "N": "5", "…/desk2": "other.db"}
"""Words the README writes for what the reader chooses."""


@pytest.mark.parametrize("command", INLINE)
def test_every_command_quoted_in_the_readmes_prose_is_one_the_cli_reads(command, capsys):
    from deskTUI.cli.parser import build_parser

    words = [STANDS_FOR.get(w, w) for w in shlex.split(command)][1:]
    try:
        build_parser().parse_args(words)
    except SystemExit as stop:
        said = capsys.readouterr().err
        # Naming a command without its arguments ("`desktui import cases`") is fine;
        # an option or a command the CLI does not have is not.
        assert stop.code == 2 and "the following arguments are required" in said, said
