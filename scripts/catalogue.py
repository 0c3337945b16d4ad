"""The message catalogue: extract every sentence from the code, merge it into the Spanish
``.po`` and compile the ``.mo`` the package ships (issue 20).

    .venv/bin/python scripts/catalogue.py update          # after changing any sentence
    .venv/bin/python scripts/catalogue.py add more.po     # translations to take in
    .venv/bin/python scripts/catalogue.py check           # what tests/test_catalogue.py asks

``update`` writes ``src/deskTUI/locale/desktui.pot`` (the template: every msgid, no line
numbers, so moving code does not make it stale), merges it into
``locale/es/LC_MESSAGES/desktui.po`` (new sentences arrive untranslated, gone ones are
dropped, never guessed: no fuzzy matching) and compiles ``desktui.mo`` next to it. The
``.mo`` is committed: ``pip install -e .`` and a wheel both carry it with no build hook.
``add`` takes the translations of a small ``.po`` (msgid, msgstr; plurals and contexts
too) into the Spanish catalogue after an ``update``. Both hold a lock on the catalogue,
so several people (or agents) at work in one tree never lose each other's lines.
"""

from __future__ import annotations

import fcntl
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "deskTUI"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "desktui.pot"
TRANSLATED = ("es",)
STAMP = datetime(2026, 12, 7, tzinfo=UTC)
"""Fixed header dates: the files change only when a sentence does."""

# Domain errors take (code, English template, **params): the template is the msgid.
ERROR_CLASSES = (
    "DomainError",
    "ValidationError",
    "PermissionDenied",
    "TransitionRefused",
    "CaseClosed",
    "NotFound",
    "Conflict",
)
# N_plural marks a singular/plural pair declared as data (argparse's words, cli/argparse_words).
KEYWORDS = {**DEFAULT_KEYWORDS, **dict.fromkeys(ERROR_CLASSES, (2,)), "N_plural": (1, 2)}


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "desktui.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def extract() -> Catalog:
    """Every msgid in the package, as pybabel extract finds them."""
    catalog = Catalog(
        project="deskTUI",
        version="0.1",
        creation_date=STAMP,
        revision_date=STAMP,
        fuzzy=False,
    )
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for _filename, _lineno, message, comments, context in found:
        catalog.add(message, None, auto_comments=comments, context=context)
    return catalog


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, omit_header=False, sort_output=True, no_location=True, width=100)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def merged(template: Catalog, language: str) -> Catalog:
    path = po_path(language)
    if path.exists():
        catalog = read(path, language)
    else:
        catalog = Catalog(
            locale=language, project="deskTUI", version="0.1", creation_date=STAMP, fuzzy=False
        )
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()  # a sentence gone from the code leaves the catalogue
    catalog.revision_date = STAMP
    catalog.fuzzy = False
    return catalog


def update() -> None:
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(po_bytes(template))
    for language in TRANSLATED:
        catalog = merged(template, language)
        po_path(language).parent.mkdir(parents=True, exist_ok=True)
        po_path(language).write_bytes(po_bytes(catalog))
        mo_path(language).write_bytes(mo_bytes(read(po_path(language), language)))
        missing = [m.id for m in catalog if m.id and not translated(m)]
        print(f"{language}: {len(catalog)} messages, {len(missing)} untranslated")


def add(path: Path, language: str = "es") -> None:
    """Take the translations in ``path`` into the catalogue (after an update, so the
    sentences they translate are there); say which ones the code does not have."""
    update()
    given = read(path, language)
    catalog = read(po_path(language), language)
    unknown = []
    for message in given:
        if not message.id:
            continue
        target = catalog.get(message.id, context=message.context)
        if target is None:
            unknown.append(message.id)
            continue
        target.string = message.string
        # A sentence that became a plural keeps its singular's key and comes out of the
        # merge marked fuzzy, which the .mo leaves out: a translation given here is meant.
        target.flags.discard("fuzzy")
    po_path(language).write_bytes(po_bytes(catalog))
    mo_path(language).write_bytes(mo_bytes(read(po_path(language), language)))
    for msgid in unknown:
        print(f"not in the code (left out): {msgid!r}")
    missing = [m.id for m in catalog if m.id and not translated(m)]
    print(f"{language}: {len(catalog)} messages, {len(missing)} untranslated")


def locked(work) -> None:
    LOCALE.mkdir(parents=True, exist_ok=True)
    with (LOCALE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        work()


def translated(message) -> bool:
    if isinstance(message.string, (list, tuple)):
        return all(message.string)
    return bool(message.string)


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        locked(update)
        return 0
    if len(argv) == 3 and argv[1] == "add":
        locked(lambda: add(Path(argv[2])))
        return 0
    if argv[1:] == ["check"]:
        import pytest

        return pytest.main(["-q", "-n", "0", str(ROOT / "tests" / "test_catalogue.py")])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
