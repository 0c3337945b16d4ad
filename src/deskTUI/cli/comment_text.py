"""A comment's text from the shell: the argument, ``-`` for standard input, or ``--file``.

Several lines come through either way (``printf 'a\\nb' | desktui case comment N -``),
their ends made ``\\n``; bytes that are not UTF-8 reach the domain as they are, which
refuses them in a sentence rather than store them mangled.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..domain.errors import ValidationError


def comment_body(text: str | None, file: str | None) -> str:
    """The text given as the argument, read from standard input (``-``), or from ``file``."""
    if text is not None and file is not None:
        raise ValidationError(
            "cli.comment_twice", "Give the comment as its text or with --file, not both"
        )
    if file is not None:
        try:
            return _lines(Path(file).read_bytes())
        except OSError as error:
            raise ValidationError(
                "cli.comment_file",
                "The comment file {path} cannot be read: {reason}",
                path=file,
                reason=error.strerror or str(error),
            ) from None
    if text == "-":
        return _lines(sys.stdin.buffer.read())
    if text is None:
        raise ValidationError(
            "cli.comment_missing", "Give the comment: its text, - to read it, or --file PATH"
        )
    return text


def _lines(data: bytes) -> str:
    """A file's text with its line ends as the desk keeps them (``\n``: a file written on
    Windows ends its lines in ``\r\n``, which would show as ``\x0d`` on every line)."""
    return data.decode("utf-8", errors="surrogateescape").replace("\r\n", "\n")
