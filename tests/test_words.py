"""The desk's vocabularies as people read and type them (deskTUI.words, issue 20)."""

from __future__ import annotations

import gettext
import inspect
from enum import StrEnum

import pytest

from deskTUI import i18n, words
from deskTUI.domain import enums
from deskTUI.domain.contracts import LedgerKind, Level
from deskTUI.domain.enums import Origin, Priority, Role, Stage, Status

VOCABULARIES = [
    e
    for _name, e in inspect.getmembers(enums, inspect.isclass)
    if issubclass(e, StrEnum) and e.__module__ == enums.__name__
]
MEMBERS = [m for e in VOCABULARIES for m in e]
SAME_IN_SPANISH = {Role.SUPERVISOR}
"""Words Spanish writes as English does (the code itself)."""


def _spanish_catalogue() -> gettext.GNUTranslations:
    translation = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=["es"])
    assert isinstance(translation, gettext.GNUTranslations)
    return translation


def test_every_vocabulary_of_the_domain_is_counted():
    assert len(VOCABULARIES) == 18
    assert len(MEMBERS) == 86  # LogKind.MAIL (issue 22)


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_member_has_a_spanish_word_in_the_catalogue(member):
    i18n.use("en")
    english = words.label(member)
    catalogue = _spanish_catalogue()._catalog  # type: ignore[attr-defined]
    assert f"{type(member).__name__}\x04{english}" in catalogue
    i18n.use("es")
    spanish = words.label(member)
    assert spanish and spanish.strip() == spanish
    if member not in SAME_IN_SPANISH:
        assert spanish != member.value


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_the_english_word_is_the_code_a_person_can_read(member):
    i18n.use("en")
    assert words.label(member) == (member.value.replace("_", " ") or "—")


def test_the_seeds_words_in_spanish():
    i18n.use("es")
    assert [words.label(s) for s in Status] == [
        "Registrado",
        "Asignado",
        "En proceso",
        "En espera",
        "Finalizado",
        "Cancelado",
    ]
    assert [words.label(p) for p in Priority] == ["Baja", "Media", "Alta", "Crítica"]
    assert words.label(Origin.SOCIAL_MEDIA) == "Redes sociales"
    assert words.label(Stage.PENDING_DATA) == "Pendiente por datos"
    assert [words.short(p) for p in Priority] == ["Baja", "Med", "Alta", "Crít"]


def test_the_short_priority_words_stay_english_in_english():
    i18n.use("en")
    assert [words.short(p) for p in Priority] == [p.short for p in Priority]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda e: e.__name__)
def test_each_word_reads_back_as_its_member_in_either_language(vocabulary, language):
    i18n.use(language)
    for member in vocabulary:
        assert words.member_of(vocabulary, words.label(member)) is member
        assert words.member_of(vocabulary, member.value) is member
        assert words.member_of(vocabulary, words.label(member).upper()) is member


@pytest.mark.parametrize(
    ("vocabulary", "typed", "member"),
    [
        (Status, "en proceso", Status.IN_PROGRESS),
        (Status, "  En Proceso ", Status.IN_PROGRESS),
        (Status, "in-progress", Status.IN_PROGRESS),
        (Status, "registrado", Status.NEW),
        (Priority, "critica", Priority.CRITICAL),
        (Priority, "CRÍTICA", Priority.CRITICAL),
        (Priority, "crít", Priority.CRITICAL),
        (Priority, "crit", Priority.CRITICAL),
        (Origin, "telefono", Origin.PHONE),
        (Origin, "redes sociales", Origin.SOCIAL_MEDIA),
        (Origin, "", Origin.BLANK),
        (Stage, "en blanco", Stage.BLANK),
        (Role, "administrador", Role.ADMIN),
    ],
)
def test_what_a_person_types_is_read_whatever_the_operators_language(vocabulary, typed, member):
    i18n.use("en")
    assert words.member_of(vocabulary, typed) is member


@pytest.mark.parametrize(
    ("vocabulary", "typed"),
    [(Status, "Alta"), (Priority, "En proceso"), (Status, "abierto x"), (Role, "rôot")],
)
def test_a_word_of_no_member_reads_as_none(vocabulary, typed):
    assert words.member_of(vocabulary, typed) is None


def test_the_language_is_read_when_the_word_is_asked_not_when_first_built():
    i18n.use("es")
    assert words.label(Status.FINISHED) == "Finalizado"
    i18n.use("en")
    assert words.label(Status.FINISHED) == "finished"


@pytest.mark.parametrize(
    "member", [*Level, *LedgerKind], ids=lambda m: f"{type(m).__name__}.{m.name}"
)
def test_a_contracts_level_and_ledger_kind_have_spanish_words_too(member):
    i18n.use("en")
    english = words.label(member)
    assert english == member.value.replace("_", " ")
    catalogue = _spanish_catalogue()._catalog  # type: ignore[attr-defined]
    assert f"{type(member).__name__}\x04{english}" in catalogue
    i18n.use("es")
    assert words.label(member) != member.value


def test_typed_case_fields_are_read_as_codes_and_the_rest_left_as_typed():
    typed = {
        "priority": "Crítica",
        "stage": "en progreso",  # seed 001's word for the stage
        "origin": "",
        "importance": "volando",
        "title": "Alta",
    }
    assert words.coded(typed) == {
        "priority": "critical",
        "stage": "in_progress",
        "origin": "",
        "importance": "volando",  # names nothing: the domain refuses it in its words
        "title": "Alta",  # not a vocabulary's field
    }


def test_members_of_two_vocabularies_with_one_code_each_keep_their_own_word():
    """A StrEnum is its string, so QuoteStatus.REJECTED == ReviewStatus.REJECTED: in one
    dict the later word won, and a rejected quote read the file review's "Rechazado"."""
    from deskTUI.domain.enums import QuoteStatus, ReviewStatus

    catalogue = _spanish_catalogue()
    i18n.use("es")
    try:
        assert words.label(QuoteStatus.REJECTED) == "Rechazada"
        assert words.label(ReviewStatus.REJECTED) == "Rechazado"
        for member in MEMBERS:  # each with its own vocabulary's word (its msgctxt)
            english = member.value.replace("_", " ") or "—"
            assert words.label(member) == catalogue.pgettext(type(member).__name__, english)
    finally:
        i18n.use("en")
