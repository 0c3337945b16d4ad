"""Every refusal of the domain is one of these errors.

Each carries a stable ``code``, the ``params`` that fill its sentence and the
English sentence itself, so a translation layer (``deskTUI.i18n``) can render
the same refusal in another language without touching the place that raised it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Self

from .marks import Word


class DomainError(Exception):
    """A rule of the desk refused something; ``str(error)`` is a sentence for people."""

    field: str | None = None
    """The case field the refusal is about, when it is about one: forms show it there."""

    def __init__(self, code: str, template: str, **params: Any) -> None:
        self.code = code
        self.template = template
        self.params = params
        super().__init__(template.format(**params))

    def about(self, field: str) -> Self:
        """Say which field is wrong, unless a more precise place already said so."""
        if self.field is None:
            self.field = field
        return self

    @property
    def message(self) -> str:
        return str(self)


class ValidationError(DomainError):
    """A value is missing, malformed or out of range."""


class PermissionDenied(DomainError):
    """The acting user's role or relation to the case does not allow the action."""


class TransitionRefused(DomainError):
    """The lifecycle table or one of its guards refuses a status change."""


class CaseClosed(DomainError):
    """The case is cancelled (or finished, for time entries) and takes no change."""


class NotFound(DomainError):
    """A case, user or other record named by the operator does not exist."""


def no_such(what: str, row_id: object) -> NotFound:
    """The refusal for an id that names no record (``what``: "file", "time entry"...,
    marked ``N_`` where it is passed: shown, the noun is in the reader's language).

    It is also the answer about a record of a case the person may not see: for them it
    does not exist, and the sentence must not tell them otherwise (nor name the case)."""
    return NotFound(f"{what}.not_found", "There is no {what} {id}", what=Word(what), id=row_id)


class Conflict(DomainError):
    """Somebody else changed the record since it was read."""


class Refusals(ValidationError):
    """Several refusals of one request, each about its own field, raised together.

    A form that sends many fields is told all that is wrong at once (issue 18: the
    progress was refused first and the bad date only on the next save); each refusal
    keeps its code, template and field, so a form shows each under its field.
    """

    def __init__(self, refusals: list[DomainError]) -> None:
        self.refusals = refusals
        super().__init__(
            "refusals", "{refusals}", refusals="; ".join(str(error) for error in refusals)
        )


class Gathered:
    """Refusals gathered while checking every field; ``raise_them`` raises the lot
    (the one refusal as it is, several as ``Refusals``)."""

    def __init__(self) -> None:
        self.refusals: list[DomainError] = []

    @contextmanager
    def checking(self, field: str | None = None) -> Iterator[None]:
        """A refusal raised inside the block (about ``field``) is kept, not raised."""
        try:
            yield
        except Refusals as several:
            self.refusals.extend(several.refusals)
        except DomainError as error:
            self.refusals.append(error.about(field) if field else error)

    def raise_them(self) -> None:
        if len(self.refusals) == 1:
            raise self.refusals[0]
        if self.refusals:
            raise Refusals(self.refusals)


@contextmanager
def concerning(field: str) -> Iterator[None]:
    """Refusals raised inside the block are about ``field`` (see ``DomainError.about``)."""
    try:
        yield
    except DomainError as error:
        raise error.about(field) from None
