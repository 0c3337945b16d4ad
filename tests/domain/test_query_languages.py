"""The query language in Spanish and English (issue 20): both read whatever the reader's
language, accents optional, ``01/03/2026`` read as the reader writes a day, refusals
naming the reader's words, and ``format_query`` writing a query back so that it reads
as the same query.

The words are written out here, not read from ``deskTUI.domain.query_words``.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.query import CaseQuery, Condition, format_query, parse_query, writes_back

ISSUE_ES = (
    'estado:abierto prioridad:>=alta asignado:yo cliente:"Acme SA" área:Soporte creado:>=01/03/2026'
)
ISSUE_EN = (
    'status:open priority:>=high assignee:me client:"Acme SA" area:Soporte created:>=2026-03-01'
)
OPEN = frozenset({"new", "assigned", "in_progress", "on_hold"})


def only(text: str, language: str = "es") -> Condition:
    (condition,) = parse_query(text, language).conditions
    return condition


def test_the_issues_spanish_query_means_exactly_the_english_one() -> None:
    spanish = parse_query(ISSUE_ES, "es")
    assert spanish == parse_query(ISSUE_EN, "en")
    assert spanish == CaseQuery(
        conditions=(
            Condition("status", OPEN),
            Condition("priority", frozenset({"high", "critical"})),
            Condition("assignee", frozenset({"me"})),
            Condition("client", frozenset({"Acme SA"})),
            Condition("area", frozenset({"Soporte"})),
            Condition("created", frozenset({"2026-03-01"}), op=">="),
        )
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_either_languages_words_are_read_whatever_the_readers_language(language: str) -> None:
    spanish_words = ISSUE_ES.replace("01/03/2026", "2026-03-01")
    assert parse_query(spanish_words, language) == parse_query(ISSUE_EN, language)


@pytest.mark.parametrize(
    ("text", "key", "values"),
    [
        ("estado:registrado", "status", {"new"}),
        ("estado:asignado", "status", {"assigned"}),
        ("estado:en_proceso", "status", {"in_progress"}),
        ('estado:"en proceso"', "status", {"in_progress"}),
        ("estado:En-Proceso", "status", {"in_progress"}),
        ("estado:en_espera", "status", {"on_hold"}),
        ("estado:finalizado,cancelado", "status", {"finished", "cancelled"}),
        ("estado:cerrado", "status", {"finished", "cancelled"}),
        ("estado:abierta", "status", OPEN),
        ("prio:baja", "priority", {"low"}),
        ("prioridad:media", "priority", {"medium"}),
        ("prioridad:<=media", "priority", {"low", "medium"}),
        ("prioridad:crítica", "priority", {"critical"}),
        ("prioridad:CRITICA", "priority", {"critical"}),
        ("asignado:yo", "assignee", {"me"}),
        ("asignado:nadie", "assignee", {"none"}),
        ('asignado:"sin asignar"', "assignee", {"none"}),
        ("assignee:unassigned", "assignee", {"none"}),
        ("asignado:Ana,yo", "assignee", {"ana", "me"}),
        ("categoría:Redes", "category", {"Redes"}),
        ("categoria:Redes", "category", {"Redes"}),
        ("AREA:Soporte", "area", {"Soporte"}),
        ("Área:Soporte", "area", {"Soporte"}),
        ("sla:vencido", "sla", {"breached"}),
        ("sla:pronto,ok", "sla", {"soon", "ok"}),
        ("actualizado:2026-03-01", "updated", {"2026-03-01"}),
    ],
)
def test_spanish_keys_and_words_accents_and_case_optional(
    text: str, key: str, values: set[str]
) -> None:
    condition = only(text)
    assert (condition.key, condition.values) == (key, frozenset(values))


@pytest.mark.parametrize(
    ("text", "key", "values", "words"),
    [
        ("estado:en proceso", "status", {"in_progress"}, ()),
        ("-estado:En Espera impresora", "status", {"on_hold"}, ("impresora",)),
        ("estado:abierto,en proceso", "status", OPEN, ()),
        ("status:in progress", "status", {"in_progress"}, ()),
        ("asignado:sin asignar toner", "assignee", {"none"}, ("toner",)),
        ("cliente:en proceso", "client", {"en"}, ("proceso",)),  # a name: not joined
    ],
)
def test_a_two_word_status_or_sin_asignar_typed_without_quotes_is_one_value(
    text: str, key: str, values: set[str], words: tuple[str, ...]
) -> None:
    query = parse_query(text, "es")
    assert [(c.key, c.values) for c in query.conditions] == [(key, frozenset(values))]
    assert query.words == words


def test_an_accent_typed_as_two_characters_is_the_same_key() -> None:
    decomposed = "a\u0301rea:Soporte"  # á as a + combining acute, as some terminals send it
    assert only(decomposed) == Condition("area", frozenset({"Soporte"}))


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("edad:>2sem", 2 * 7 * 24 * 60), ("edad:<1d", 24 * 60), ("antigüedad:>=90m", 90)],
)
def test_an_age_in_spanish_counts_weeks_as_sem(text: str, minutes: int) -> None:
    assert only(text).values == frozenset({str(minutes)})


@pytest.mark.parametrize(
    ("language", "typed", "day"),
    [
        ("es", "01/03/2026", "2026-03-01"),
        ("en", "01/03/2026", "2026-01-03"),
        ("es", "1/3/2026", "2026-03-01"),
        ("es", "31-12-2026", "2026-12-31"),
        ("en", "12/31/2026", "2026-12-31"),
        ("es", "2026-03-01", "2026-03-01"),
        ("en", "2026-03-01", "2026-03-01"),
    ],
)
def test_a_day_with_slashes_is_read_day_first_in_spanish_and_month_first_in_english(
    language: str, typed: str, day: str
) -> None:
    assert only(f"creado:>={typed}", language).values == frozenset({day})


@pytest.mark.parametrize(
    ("language", "typed", "sentence"),
    [
        (
            "es",
            "estado:abiertx",
            "In the query, 'estado:abiertx': 'abiertx' is not a status (abierto, cerrado, "
            "registrado, asignado, en_proceso, en_espera, finalizado, cancelado)",
        ),
        (
            "es",
            "prio:urgente",
            "In the query, 'prio:urgente': 'urgente' is not a priority (baja, media, alta, "
            "crítica)",
        ),
        (
            "es",
            "dueño:ana",
            "In the query, 'dueño:ana': 'dueño' is not a filter; use one of estado, prioridad, "
            "asignado, cliente, área, categoría, creado, actualizado, sla, edad, contrato, contacto, "
            "informante, proyecto, servicio",
        ),
        (
            "es",
            "creado:31/02/2026",
            "In the query, 'creado:31/02/2026': '31/02/2026' is not a date "
            "(YYYY-MM-DD or dd/mm/aaaa)",
        ),
        (
            "es",
            "sla:tarde",
            "In the query, 'sla:tarde': sla is vencido, pronto (about to breach) or ok",
        ),
        ("es", "cliente:>Acme", "In the query, 'cliente:>Acme': cliente takes no comparison"),
        (
            "en",
            "estado:abiertx",
            "In the query, 'estado:abiertx': 'abiertx' is not a status (open, closed, new, "
            "assigned, in_progress, on_hold, finished, cancelled)",
        ),
    ],
)
def test_a_refusal_lists_the_choices_in_the_readers_words(
    language: str, typed: str, sentence: str
) -> None:
    """The template is English (the catalogue renders it in Spanish: tests/cli and
    tests/services show that); the choices are the reader's own words."""
    with pytest.raises(ValidationError) as refused:
        parse_query(typed, language)
    assert str(refused.value) == sentence
    assert refused.value.code.startswith("query.")


@pytest.mark.parametrize(
    ("language", "written"),
    [
        (
            "en",
            'status:open prio:>=high assignee:me client:"Acme SA" area:Soporte created:>=2026-03-01',
        ),
        (
            "es",
            'estado:abierto prioridad:>=alta asignado:yo cliente:"Acme SA" área:Soporte '
            "creado:>=01/03/2026",
        ),
    ],
)
def test_format_query_writes_the_issues_query_in_each_language(language: str, written: str) -> None:
    assert format_query(parse_query(ISSUE_ES, "es"), language) == written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("status:open assignee:none", "status:open assignee:none"),
        ("status:closed,new -status:cancelled", "status:closed,new -status:cancelled"),
        ("prio:<high", "prio:<=medium"),
        ("prio:<low", "prio:<low"),
        ("prio:low,critical", "prio:low,critical"),
        ("age:>=1440m age:<90m", "age:>=1d age:<90m"),
        ('"papel atascado" -tóner -"-x"', '"papel atascado" -tóner -"-x"'),
        ('client:"==Acme"', "client:==Acme"),
        ('assignee:sin "asignar"', 'assignee:sin "asignar"'),  # the login sin, a free word
    ],
)
def test_format_query_writes_the_shortest_form_of_the_same_meaning(text: str, written: str) -> None:
    assert format_query(parse_query(text)) == written
    assert parse_query(written) == parse_query(text)


def test_writes_back_gives_none_for_a_query_no_text_can_hold() -> None:
    stray = parse_query('impresora a"b"')
    assert stray.words == ("impresora", 'a"b')
    assert writes_back(stray) is None
    assert writes_back(parse_query(ISSUE_ES, "es"), "es") == format_query(
        parse_query(ISSUE_ES, "es"), "es"
    )


# --- round trip -------------------------------------------------------------------------------

STATUS_CODES = ["new", "assigned", "in_progress", "on_hold", "finished", "cancelled"]
LEVELS = ["low", "medium", "high", "critical"]
_NAME_CHARS = st.characters(
    categories=("L", "N", "P", "S", "Zs"), exclude_characters='"\u00a0\u1680'
)
simple_name = st.one_of(
    st.text(
        st.characters(categories=("L", "N"), exclude_characters="\u00aa\u00ba"),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["sin", "en", "in", "on"]),  # the first of two words read as one
)
"""A name that fits unquoted in a comma list."""
spaced_name = st.text(_NAME_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)
"""A name alone in its condition: blanks, commas and colons are quoted."""


def _names(lower: bool) -> st.SearchStrategy[frozenset[str]]:
    fold = str.lower if lower else (lambda name: name)
    return st.one_of(
        spaced_name.map(lambda n: frozenset({fold(n)})),
        st.frozensets(simple_name.map(fold), min_size=1, max_size=3),
    )


def _ages() -> st.SearchStrategy[frozenset[str]]:
    unit = st.sampled_from([1, 60, 24 * 60, 7 * 24 * 60])
    return st.builds(lambda n, u: frozenset({str(n * u)}), st.integers(0, 5218), unit)


def _days() -> st.SearchStrategy[frozenset[str]]:
    first, last = date(1900, 1, 1), date(9998, 12, 31)
    return st.integers(0, (last - first).days).map(
        lambda n: frozenset({(first + timedelta(days=n)).isoformat()})
    )


def _priorities() -> st.SearchStrategy[frozenset[str]]:
    ranges = [frozenset(LEVELS[:k]) for k in range(5)] + [frozenset(LEVELS[k:]) for k in range(4)]
    return st.one_of(st.frozensets(st.sampled_from(LEVELS), min_size=1), st.sampled_from(ranges))


WORDS = {"me", "none", "yo", "nadie", "unassigned", "sin_asignar"}
"""What ``assignee:`` reads as words, not logins."""


def _fold(name: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return "_".join(bare.casefold().replace("-", " ").split())


COMPARISONS = st.sampled_from([">=", "<=", ">", "<"])
condition = st.one_of(
    st.builds(
        Condition,
        st.just("status"),
        st.frozensets(st.sampled_from(STATUS_CODES), min_size=1),
        st.booleans(),
    ),
    st.builds(Condition, st.just("priority"), _priorities(), st.booleans()),
    st.builds(
        Condition,
        st.just("sla"),
        st.frozensets(st.sampled_from(["breached", "soon", "ok"]), min_size=1),
        st.booleans(),
    ),
    st.builds(
        Condition,
        st.just("assignee"),
        st.one_of(
            _names(lower=True).filter(lambda names: not {_fold(n) for n in names} & WORDS),
            st.frozensets(st.sampled_from(["me", "none"]), min_size=1),
        ),
        st.booleans(),
    ),
    st.builds(
        Condition,
        st.sampled_from(["client", "area", "category"]),
        _names(lower=False),
        st.booleans(),
    ),
    st.builds(Condition, st.just("age"), _ages(), st.booleans(), COMPARISONS),
    st.builds(
        Condition,
        st.sampled_from(["created", "updated"]),
        _days(),
        st.booleans(),
        st.one_of(st.just("="), COMPARISONS),
    ),
)
free_word = st.one_of(
    st.text(_NAME_CHARS, min_size=1, max_size=10).map(str.lower).filter(str.strip),
    st.sampled_from(["asignar", "proceso", "espera", "progress", "hold"]),
)
queries = st.builds(
    CaseQuery,
    st.lists(condition, max_size=5).map(tuple),
    st.lists(free_word, max_size=3).map(tuple),
    st.lists(free_word, max_size=3).map(tuple),
)


@pytest.mark.parametrize("language", ["en", "es"])
@given(query=queries)
def test_a_query_written_in_either_language_reads_back_as_the_same_query(
    language: str, query: CaseQuery
) -> None:
    assert parse_query(format_query(query, language), language) == query


@pytest.mark.parametrize("language", ["en", "es"])
@given(query=queries)
def test_the_canonical_english_form_reads_the_same_in_either_language(
    language: str, query: CaseQuery
) -> None:
    """A view kept in English (dates in ISO) runs the same for a Spanish reader."""
    assert parse_query(format_query(query), language) == query
