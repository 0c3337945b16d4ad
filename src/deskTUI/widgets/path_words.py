"""Paths typed as a shell reads them: words, quotes, ``~``, globs, and Tab completion.

The attach dialog's line holds several paths separated by blanks, as after ``cp``:
``informe.pdf "acta final.odt" ~/fotos/*.png``. A blank inside a name is quoted or
escaped (``acta\\ final.odt``), and completion escapes the names it writes, so what it
writes reads back as the same name. These functions touch the file system (a folder's
entries, a glob): the dialog calls them in a thread worker, never on the event loop,
and a folder is read once per Tab however large it is; only the few candidates shown
are looked at further (``SHOWN``).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import ValidationError

SHOWN = 40
"""Candidates listed under the line at most (the count of the others is said)."""

_SPECIAL = frozenset(" \t\n\\'\"$`;&|<>()*?[]#!{}")
"""What a shell would read as more than a letter: escaped when completion writes it."""

_GLOB = frozenset("*?[")


@dataclass
class Word:
    """One word of the line: where it starts in the text and what it means unquoted."""

    start: int
    text: str = ""
    quote: str = ""
    """The quote still open at the end of the line (only the last word can have one)."""
    globbed: bool = False
    """An unquoted, unescaped ``*``, ``?`` or ``[`` is in it: it names the files it matches."""


def split_words(line: str) -> list[Word]:
    """The line's words as a POSIX shell splits them (single quotes take everything
    literally, double quotes and backslashes escape); an unclosed quote is allowed at
    the end (the word being typed): that word's ``quote`` says which."""
    words: list[Word] = []
    current: Word | None = None
    quote = ""
    i = 0
    while i < len(line):
        ch = line[i]
        if current is None:
            if ch.isspace():
                i += 1
                continue
            current = Word(i)
            words.append(current)
        if quote == "'":
            if ch == "'":
                quote = ""
            else:
                current.text += ch
        elif quote == '"':
            if ch == '"':
                quote = ""
            elif ch == "\\" and i + 1 < len(line) and line[i + 1] in '"\\$`':
                i += 1
                current.text += line[i]
            else:
                current.text += ch
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            if i + 1 < len(line):
                i += 1
                current.text += line[i]
        elif ch.isspace():
            current = None
        else:
            current.globbed = current.globbed or ch in _GLOB
            current.text += ch
        i += 1
    if current is not None:
        current.quote = quote
    return words


def escaped(text: str, quote: str = "") -> str:
    """``text`` written so that the shell reading of the line gives it back."""
    if quote == "'":
        return text.replace("'", "'\\''")
    if quote == '"':
        return "".join("\\" + ch if ch in '"\\$`' else ch for ch in text)
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def expanded(text: str) -> str:
    """``~`` and ``~login`` at the start, as the shell expands them."""
    return os.path.expanduser(text) if text.startswith("~") else text


@dataclass
class Completion:
    """What Tab does to the line: the new line, and the candidates to list (if several)."""

    line: str
    candidates: list[str] = field(default_factory=list)
    more: int = 0
    """Candidates beyond those listed."""


def complete(line: str, cwd: Path) -> Completion:
    """Complete the last word of ``line`` as bash does: the longest prefix the folder's
    entries starting with it share; a single match gets ``/`` (a folder) or a blank (a
    file) after it; several are listed (folders with ``/``). Hidden entries are offered
    only when the typed part starts with a dot. A folder that cannot be read completes
    nothing."""
    words = split_words(line)
    if not words or (line[-1:].isspace() and not words[-1].quote):
        word = Word(len(line))  # a new word: the current folder's entries
    else:
        word = words[-1]
    if word.text == "~" and not word.quote:
        return Completion(line + "/")  # the home folder, as bash completes it
    folder_part, _slash, typed = word.text.rpartition("/")
    if _slash:
        folder_part += "/"
    folder = Path(expanded(folder_part) or ".")
    if not folder.is_absolute():
        folder = cwd / folder
    try:
        with os.scandir(folder) as entries:
            names = sorted(
                e.name
                for e in entries
                if e.name.startswith(typed) and (typed.startswith(".") or e.name[0] != ".")
            )
    except OSError:
        return Completion(line)
    if not names:
        return Completion(line)
    prefix = os.path.commonprefix(names)  # noqa: RUF071 (characters, as a shell completes)
    added = prefix[len(typed) :]
    if len(names) == 1:
        if _is_dir(folder / prefix):
            added += "/"
            tail = ""
        else:
            tail = word.quote + " "
        return Completion(line + escaped(added, word.quote) + tail)
    shown = [name + "/" if _is_dir(folder / name) else name for name in names[:SHOWN]]
    return Completion(line + escaped(added, word.quote), shown, max(0, len(names) - SHOWN))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def named_paths(line: str, cwd: Path) -> list[Path]:
    """The files the line names, in order: each word a path (``~`` expanded, relative to
    ``cwd``), a glob the files it matches, sorted (folders left out: ``*`` in a folder
    with subfolders means its files). An unclosed quote, or a glob that
    matches nothing, is refused in a sentence (nothing is attached then)."""
    words = split_words(line)
    if words and words[-1].quote:
        raise ValidationError(
            "files.quote", "A quote is left open: close it with {quote}", quote=words[-1].quote
        )
    paths: list[Path] = []
    for word in words:
        text = expanded(word.text)
        path = Path(text) if os.path.isabs(text) else cwd / text
        if not word.globbed:
            paths.append(path)
            continue
        pattern = text if os.path.isabs(text) else os.path.join(glob.escape(str(cwd)), text)
        matched = sorted(m for m in glob.glob(pattern) if not os.path.isdir(m))  # files only
        if not matched:
            raise ValidationError("files.no_match", "No file matches {pattern}", pattern=word.text)
        paths.extend(Path(m) for m in matched)
    return paths
