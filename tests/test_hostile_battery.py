"""A battery of hostile customer text, each case run through every place it reaches a terminal.

Each named case is put in a case's title, description and a comment, and (where it is a
file name, or besides) in an attachment's name; then it is shown by the case list, the
case editor's General, Comments, Files and Log tabs, an error toast that quotes it, and
``desktui case list``, ``case show`` and ``case show --json``. What would be written to
the terminal must hold no control sequence from the data: after the compositor's own
cursor moves and colours are taken out, no ESC is left, no C0 control but newline, no
C1 control (the one-byte CSI U+009B), no bidi or zero-width character; markup is shown
as its characters, never obeyed, never a MarkupError. Text the desk refuses (a 1 MB
title, NUL, bytes that are not UTF-8) is refused with one sentence, by the services
and by the command line, without a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import dataclass

import pytest

from deskTUI.cli import main
from deskTUI.domain.errors import DomainError
from deskTUI.i18n import error_text
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import admin, cases, files
from deskTUI.services.identity import os_login

from .tui.conftest import make_app, settle


@dataclass(frozen=True)
class Hostile:
    text: str
    refused: str | None = None
    """The code of the refusal when the desk must not store this text at all."""
    file_only: bool = False
    """A file name trick: it goes into an attachment's name (and the title, harmlessly)."""
    literal: str = ""
    """Markup that must be on screen as these very characters, wherever the title is shown."""


CASES: dict[str, Hostile] = {
    # Markup: Textual parses plain str as content markup in many widgets.
    "markup-click-action": Hostile("[@click=app.quit]pulsa aquí[/]", literal="[@click=app.quit]"),
    "markup-link": Hostile("[link=http://x]x[/link]", literal="[link=http://x]"),
    "markup-unclosed-close": Hostile("[/", literal="[/"),
    "markup-variable": Hostile("[$x]", literal="[$x]"),
    "markup-bold": Hostile("[b]negrita", literal="[b]negrita"),
    "markup-stray-close-tag": Hostile("texto[/b] suelto", literal="texto[/b]"),
    "markup-escaped-bracket": Hostile("\\[b] no es negrita", literal="\\[b]"),
    "markup-style-on-all": Hostile(
        "[on red][blink]ALERTA[/blink][/on red]", literal="[on red][blink]"
    ),
    # ESC sequences: CSI, OSC, DCS and the rest.
    "csi-clear-screen": Hostile("antes\x1b[2Jdespués"),
    "csi-cursor-home": Hostile("\x1b[Hencima"),
    "csi-colour": Hostile("\x1b[31mrojo\x1b[0m"),
    "csi-hide-cursor": Hostile("\x1b[?25loculto"),
    "csi-leave-alternate-screen": Hostile("\x1b[?1049lfuera"),
    "csi-device-attributes-query": Hostile("\x1b[c\x1b[6n"),
    "esc-full-reset": Hostile("\x1bcreinicio"),
    "osc0-title-bel": Hostile("\x1b]0;pwned\x07"),
    "osc0-title-st": Hostile("\x1b]0;pwned\x1b\\"),
    "osc8-hyperlink": Hostile("\x1b]8;;http://evil.example/\x1b\\haz clic\x1b]8;;\x1b\\"),
    "osc52-clipboard": Hostile("\x1b]52;c;cm0gLXJmIH4K\x07"),
    "dcs-request": Hostile("\x1bP+q544e\x1b\\"),
    "c1-csi": Hostile("\x9b2J\x9b31m"),
    "c1-osc-and-st": Hostile("\x9d0;c1 title\x9c"),
    # Controls that overwrite what was shown.
    "carriage-return-overwrite": Hostile("Pagado\rImpago"),
    "backspace-overwrite": Hostile("aprobado\x08\x08\x08\x08\x08\x08\x08\x08RECHAZADO"),
    "bell": Hostile("ding\x07dong"),
    "delete": Hostile("borrar\x7f"),
    "vertical-tab-form-feed": Hostile("a\x0bb\x0cc"),
    "newline-in-a-title": Hostile("primera\nsegunda"),
    "tab": Hostile("col1\tcol2"),
    # Characters that make text read differently from what it is.
    "bidi-right-to-left-override": Hostile("factura\u202efdp.exe"),
    "bidi-isolates-and-marks": Hostile("\u2066abc\u2069\u200f\u200e"),
    "zero-width-space": Hostile("pa\u200bgo"),
    "zero-width-joiner": Hostile("👨\u200d👩\u200d👧"),
    "byte-order-mark": Hostile("\ufeffinicio"),
    "line-separator": Hostile("uno\u2028dos\u2029tres"),
    "tag-characters": Hostile("bandera\U000e0067\U000e0062\U000e007f"),
    "soft-hyphen": Hostile("in\u00advisible"),
    "combining-flood": Hostile("Z" + "\u0301\u0302\u0303" * 50),
    "wide-characters": Hostile("打印机坏了 🖨️🔥 ＡＢＣ"),
    "backslash-escape-look-alike": Hostile("\\x1b[2J literal"),
    # Text the desk refuses to store.
    "nul": Hostile("a\x00b", refused="text.nul"),
    "one-megabyte-title": Hostile("T" * 1_000_000, refused="text.too_long"),
    "invalid-utf8": Hostile(
        b"Cami\xf3n \xff\xfe".decode("utf-8", "surrogateescape"), refused="text.not_utf8"
    ),
    # Injections into what sits behind the screen.
    "sql-metacharacters": Hostile("'; DROP TABLE case; --"),
    "sql-like-wildcards": Hostile("100% _seguro_"),
    "fts-query-syntax": Hostile('"NEAR( * OR AND NOT'),
    "format-string": Hostile("{0} {title!r} %s %(name)s {{"),
    # Names of files from outside.
    "file-dot-dot": Hostile("../x", file_only=True),
    "file-etc-passwd": Hostile("/etc/passwd", file_only=True),
    "file-backslash": Hostile("a\\b", file_only=True),
    "file-percent-encoded-dots": Hostile("%2e%2e%2fetc", file_only=True),
    "file-nul": Hostile("a\x00b.txt", file_only=True),
    "file-name-over-255-bytes": Hostile("ñ" * 200 + ".txt", file_only=True),
}

# -- what must never reach the terminal ------------------------------------------------------

_APP_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H|\x1b\[\?2026[hl]")
"""What Textual's compositor itself writes: colours (SGR), cursor moves and synchronised
output. Anything else starting with ESC came from the data."""
_BIDI_AND_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\U000e0000-\U000e007f\ud800-\udfff]"
)


def leaks(out: str, *, newlines: bool = True) -> list[str]:
    """Every character of ``out`` that a terminal would obey or hide, with its context
    (newline and tab are text, as the sanitizer keeps them in multi-line text)."""
    rest = _APP_SEQUENCES.sub("", out)
    found = []
    for match in re.finditer(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f]" if newlines else "[\x00-\x1f\x7f-\x9f]", rest
    ):
        found.append(repr(rest[max(0, match.start() - 15) : match.end() + 15]))
    found += [repr(m.group(0)) for m in _BIDI_AND_INVISIBLE.finditer(rest)]
    return found


def terminal_output(app) -> str:
    """Exactly what the app would write to the terminal for its current screen."""
    update = app.screen._compositor.render_full_update()  # private, but the real bytes
    return update.render_segments(app.console)


def assert_inert(app, where: str, literal: str = "") -> str:
    out = terminal_output(app)
    found = leaks(out)
    assert not found, f"{where} would write {found[:3]} to the terminal"
    shown = _APP_SEQUENCES.sub("", out)
    assert literal in shown, f"{where} does not show {literal!r} as written"
    return out


# -- the command line, in-process ---------------------------------------------------------------


def run_cli(db: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--db", db, *args])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def assert_cli_inert(db: str, *args: str) -> str:
    code, out, err = run_cli(db, *args)
    assert code == 0, (args, err)
    assert "Traceback" not in out + err
    found = leaks(out + err)
    assert not found, f"desktui {' '.join(args)} printed {found[:3]}"
    return out


# -- the battery ---------------------------------------------------------------------------------


@pytest.fixture
def operator(desk):
    """The person running ``desktui`` here, an admin of the test desk."""
    admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    return desk


def _open(desk, hostile: Hostile):
    text = hostile.text
    title = "Archivo adjunto" if hostile.file_only else f"T {text}"
    description = "Adjunto de prueba" if hostile.file_only else f"D {text}\nsegunda línea"
    return desk.open(title=title, description=description)


@pytest.mark.parametrize("name", [n for n, h in CASES.items() if h.refused])
def test_refused_text_is_refused_with_one_sentence_by_the_services_and_the_command_line(
    operator, name
):
    hostile = CASES[name]
    with pytest.raises(DomainError) as refused:
        operator.open(title=hostile.text)
    assert refused.value.code == hostile.refused
    sentence = error_text(refused.value)
    assert sentence.startswith("The title ") and len(sentence) < 200
    case = operator.open()
    with pytest.raises(DomainError) as comment_refused:
        cases.comment_case(operator.uow(), operator.sofia, case.number, hostile.text)
    assert comment_refused.value.code in (hostile.refused, "text.too_large")
    db = str(operator.uow().db.url).removeprefix("sqlite:///")
    code, out, err = run_cli(
        db, "case", "new", "--title", hostile.text, "--client", "Acme SA",
        "--category", "Impresoras", "--description", "d",
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith("error: The title ") and err.count("\n") == 1
    assert not leaks(err)


def _case_with_everything(desk, hostile: Hostile):
    """A case holding the text in its title, description, a comment and a file's name;
    whether the file was stored (a name the files service refuses is a sentence)."""
    case = _open(desk, hostile)
    said = "sobre el adjunto" if hostile.file_only else hostile.text
    cases.comment_case(desk.uow(), desk.sofia, case.number, f"C {said}", public=True)
    file_name = hostile.text if hostile.file_only else f"{hostile.text}.txt"
    stored = True
    try:
        files.attach_file(
            desk.uow(), desk.sofia, case.number, io.BytesIO(b"contenido"), name=file_name
        )
    except DomainError as refusal:
        stored = False  # a name the files service refuses: a sentence, no crash
        assert not leaks(error_text(refusal)) and error_text(refusal).endswith(tuple(".)'\""))
    return case, stored


SHOWN = [n for n, h in CASES.items() if not h.refused]


SCREEN_SHARDS = 4
"""The screens' half runs the battery in four app sessions, one case per hostile text in
each desk: starting an app per text took 2.7 s each, 143 s of the suite for 53 texts."""


# The screens draw a SQLite desk, as the TUI suite does (tests/tui/conftest.py): they call
# the same services on either engine, which the command-line half below runs on both.
@pytest.mark.sqlite_only
@pytest.mark.parametrize("shard", range(SCREEN_SHARDS), ids=lambda s: f"shard-{s + 1}")
async def test_hostile_text_is_shown_inert_by_the_list_the_editor_and_a_toast(operator, shard):
    desk = operator
    names = SHOWN[shard::SCREEN_SHARDS]
    made = {name: _case_with_everything(desk, CASES[name]) for name in names}
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        out = assert_inert(app, f"the case list of {names}")
        for name, (case, _stored) in made.items():
            assert case.number in out, f"{name}: not in the list"
            assert CASES[name].literal in _APP_SEQUENCES.sub("", out), f"{name}: not as written"
        for name, (case, stored) in made.items():
            hostile = CASES[name]
            await app.push_screen(CaseViewScreen(case.id))
            await settle(pilot)
            for tab, label, shows in (
                (1, "General", "segunda línea" if not hostile.file_only else "Adjunto de prueba"),
                (4, "Comments", "C "),
                (5, "Files", "1 file ·" if stored else "0 files"),
                (6, "Log", "Opened"),
            ):
                app.screen.query_one("#sections").active = f"tab-{tab}"
                await pilot.pause()
                out = assert_inert(
                    app, f"{name}: the editor's {label} tab", hostile.literal if tab == 1 else ""
                )
                assert shows in _APP_SEQUENCES.sub("", out), f"{name}: {label} is not showing"
            # A refusal that quotes the case's text: the editor shows it in its title bar ...
            refusal = f"No se pudo: {case.title}"
            app.screen.show_refusal(refusal)
            await settle(pilot)
            assert_inert(app, f"{name}: the editor's refusal line", hostile.literal)
            # ... and the list in a toast.
            app.pop_screen()
            await settle(pilot)
            app.clear_notifications()
            app.screen.show_refusal(refusal)
            await settle(pilot)
            assert app.screen.query("Toast"), f"{name}: the refusal was not shown"
            assert_inert(app, f"{name}: an error toast", hostile.literal)
            assert app.is_running, f"{name}: the app stopped"


@pytest.mark.parametrize("name", SHOWN)
def test_hostile_text_is_printed_inert_by_the_command_line(operator, name):
    hostile = CASES[name]
    desk = operator
    case, _stored = _case_with_everything(desk, hostile)
    db = str(desk.uow().db.url).removeprefix("sqlite:///")
    listing = assert_cli_inert(db, "case", "list")
    assert case.number in listing
    assert_cli_inert(db, "case", "show", case.number)
    document = assert_cli_inert(db, "case", "show", case.number, "--json")
    assert json.loads(document)["title"] == case.title  # the data itself is unchanged
    assert_cli_inert(db, "case", "list", "--json")
