"""Users, areas with their categories, clients with their contacts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .enums import Role
from .errors import ValidationError
from .marks import N_, code
from .values import NAME_MAX, clean_text

if TYPE_CHECKING:
    from .grants import Grant

_LOGIN = re.compile(r"^[a-z_][a-z0-9_.-]{0,31}$")


def parse_login(login: str) -> str:
    """A desk login is an operating-system login name (the operator's identity)."""
    text = (login or "").strip()
    if not _LOGIN.match(text):
        raise ValidationError(
            "login.invalid",
            "{login!r} is not a valid login: use lowercase letters, digits, '.', '_' or '-', "
            "starting with a letter, at most 32 characters",
            login=login,
        )
    return text


LANGUAGES = ("en", "es")
"""The languages the desk speaks, as a user's setting stores them (i18n.LANGUAGES too)."""
FOLLOW_SESSION = "auto"
"""Typed for no setting: the session's locale decides (stored as NULL)."""


def parse_language(language: str | None) -> str | None:
    """A user's language setting as typed ("es", "EN", "auto") as stored: a code of
    ``LANGUAGES``, or None to follow the session's locale ("auto", or None: no setting).
    A blank is refused like any other word: it chooses nothing."""
    if language is None:
        return None
    text = language.strip().lower()
    if text == FOLLOW_SESSION:
        return None
    if text not in LANGUAGES:
        raise ValidationError(
            "user.language",
            "{language!r} is not a language of the desk: write es (Spanish), en (English) "
            "or auto (the session's language)",
            language=language,
        )
    return text


def known_language(stored: str | None) -> str | None:
    """A stored setting as this deskTUI reads it: a language it speaks, else None (the
    session's locale). A newer deskTUI on the same desk may store one this one does not
    speak; its user must still be able to work, and to choose again."""
    return stored if stored in LANGUAGES else None


@dataclass
class User:
    login: str
    name: str
    role: Role
    area_ids: frozenset[int] = frozenset()
    client_id: int | None = None
    active: bool = True
    id: int | None = None
    language: str | None = None
    """The language the person chose ("es", "en"), None to follow their session's locale."""
    grants: tuple[Grant, ...] = ()
    """What an admin granted or revoked this person on top of their role (domain/grants.py)."""
    contact_id: int | None = None
    """The contact this client user acts for when they write by e-mail (issue 22): set by
    the intake for the user it acts as, never stored with the user; such a user stands
    for the person who opened the case on the cases that contact is the contact of."""

    def __post_init__(self) -> None:
        self.login = parse_login(self.login)
        self.language = parse_language(self.language)
        self.name = clean_text(self.name, N_("name"), max_len=NAME_MAX) or self.login
        self.role = Role(self.role)
        self.area_ids = frozenset(self.area_ids)
        self.grants = tuple(self.grants)
        if self.role is Role.CLIENT and self.client_id is None:
            raise ValidationError(
                "user.client_required",
                "User {login} has the client role, so it needs a client account",
                login=self.login,
            )
        if self.role is not Role.CLIENT and self.client_id is not None:
            raise ValidationError(
                "user.client_for_staff",
                "User {login} is staff ({role}); only client users belong to a client account",
                login=self.login,
                role=code(self.role),
            )

    @property
    def is_staff(self) -> bool:
        return self.role.is_staff


@dataclass
class Area:
    """Área / Departamento / Grupo: a team that owns categories of cases."""

    name: str
    id: int | None = None
    active: bool = True
    """A deactivated area is offered for no new case; the cases filed under it keep it."""

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, N_("area name"), required=True, max_len=NAME_MAX)


@dataclass
class Category:
    """Categoría: a kind of problem, always of one area (seed 004)."""

    name: str
    area_id: int
    id: int | None = None
    active: bool = True

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, N_("category name"), required=True, max_len=NAME_MAX)


@dataclass
class Client:
    """Cliente / cuenta: the company or person the desk serves."""

    name: str
    id: int | None = None
    contact_ids: list[int] = field(default_factory=list)
    active: bool = True

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, N_("client name"), required=True, max_len=NAME_MAX)


@dataclass
class Contact:
    """Contacto: a person at a client."""

    name: str
    client_id: int
    email: str = ""
    phone: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, N_("contact name"), required=True, max_len=NAME_MAX)
        self.email = clean_text(self.email, N_("e-mail"), max_len=NAME_MAX)
        self.phone = clean_text(self.phone, N_("phone"), max_len=40)
