"""The one-line case query (query.py): ``status:open prio:>=high assignee:me client:"Acme SA" impresora``.

The expected sets and sentences are written out here, not read from
``deskTUI.domain.query``: a change to the language must break a test.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskTUI.domain.enums import Status
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.query import CaseQuery, Condition, parse_query

OPEN = frozenset({"new", "assigned", "in_progress", "on_hold"})
CLOSED = frozenset({"finished", "cancelled"})
ALL_STATUSES = OPEN | CLOSED
FILTERS = (
    "status, priority, assignee, client, area, category, created, updated, sla, age, contract, "
    "contact, reporter, project, service"
)
STATUS_CHOICES = "open, closed, new, assigned, in_progress, on_hold, finished, cancelled"
PRIORITY_CHOICES = "low, medium, high, critical"


def only_condition(text: str) -> Condition:
    query = parse_query(text)
    assert query.words == ()
    assert query.not_words == ()
    assert len(query.conditions) == 1
    return query.conditions[0]


def refusal(text: str) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        parse_query(text)
    assert type(refused.value) is ValidationError
    assert refused.value.code.startswith("query.")
    return refused.value


# --- keys and aliases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "values"),
    [
        ("status:new", "status", {"new"}),
        ("priority:high", "priority", {"high"}),
        ("assignee:ana", "assignee", {"ana"}),
        ("client:Acme", "client", {"Acme"}),
        ("area:Soporte", "area", {"Soporte"}),
        ("category:Impresoras", "category", {"Impresoras"}),
        ("created:2026-03-01", "created", {"2026-03-01"}),
        ("updated:2026-03-01", "updated", {"2026-03-01"}),
    ],
)
def test_every_key_gives_one_plain_condition_on_that_key(
    text: str, key: str, values: set[str]
) -> None:
    assert only_condition(text) == Condition(key, frozenset(values), negated=False, op="=")


@pytest.mark.parametrize(
    ("text", "key", "values"),
    [
        ("prio:high", "priority", {"high"}),
        ("state:new", "status", {"new"}),
        ("is:new", "status", {"new"}),
        ("to:ana", "assignee", {"ana"}),
        ("assigned:ana", "assignee", {"ana"}),
    ],
)
def test_every_alias_means_its_key(text: str, key: str, values: set[str]) -> None:
    assert only_condition(text) == Condition(key, frozenset(values))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("STATUS:new", "status"),
        ("Prio:high", "priority"),
        ("IS:new", "status"),
        ("To:ana", "assignee"),
    ],
)
def test_keys_and_aliases_are_read_whatever_their_case(text: str, key: str) -> None:
    assert only_condition(text).key == key


# --- statuses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("status:open", OPEN),
        ("status:closed", CLOSED),
        ("is:open", OPEN),
        ("state:closed", CLOSED),
        ("status:open,closed", ALL_STATUSES),
        ("status:closed,new", CLOSED | {"new"}),
        ("status:open,assigned", OPEN),
    ],
)
def test_open_and_closed_stand_for_their_statuses(text: str, values: frozenset[str]) -> None:
    assert only_condition(text).values == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("status:in_progress", {"in_progress"}),
        ("status:in-progress", {"in_progress"}),
        ("status:on-hold", {"on_hold"}),
        ("status:Open", OPEN),
        ("status:FINISHED,Cancelled", CLOSED),
        ("status:In-Progress", {"in_progress"}),
    ],
)
def test_a_status_may_be_written_with_hyphens_and_in_any_case(text: str, values: set[str]) -> None:
    assert only_condition(text).values == frozenset(values)


@given(st.lists(st.sampled_from([s.value for s in Status]), min_size=1))
def test_any_comma_list_of_statuses_gives_exactly_that_set(statuses: list[str]) -> None:
    condition = parse_query("status:" + ",".join(statuses)).conditions[0]
    assert condition == Condition("status", frozenset(statuses))


# --- comma lists and quotes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("status:new,assigned", {"new", "assigned"}),
        ("prio:low,high", {"low", "high"}),
        ("assignee:ana,luis", {"ana", "luis"}),
        ("client:Acme,Globex", {"Acme", "Globex"}),
        ("area:Soporte,Desarrollo", {"Soporte", "Desarrollo"}),
        ("category:Redes,Impresoras", {"Redes", "Impresoras"}),
        ("status:new,,assigned", {"new", "assigned"}),
        ("status:new,", {"new"}),
        ("client:Acme,Acme", {"Acme"}),
    ],
)
def test_a_comma_list_gives_every_value_once_and_skips_empty_items(
    text: str, values: set[str]
) -> None:
    assert only_condition(text).values == frozenset(values)


@pytest.mark.parametrize(
    ("text", "key", "values"),
    [
        ('client:"Acme SA"', "client", {"Acme SA"}),
        ('area:"Mesa de ayuda"', "area", {"Mesa de ayuda"}),
        ('category:"Impresoras y escáneres"', "category", {"Impresoras y escáneres"}),
        ('client:"Pérez, S.A."', "client", {"Pérez, S.A."}),  # quotes keep commas too
        ('client:" Acme SA "', "client", {"Acme SA"}),
        ('status:"new"', "status", {"new"}),
    ],
)
def test_a_quoted_value_keeps_its_spaces(text: str, key: str, values: set[str]) -> None:
    assert only_condition(text) == Condition(key, frozenset(values))


def test_a_comma_inside_quotes_is_part_of_the_one_value() -> None:
    assert only_condition('client:"Pérez, S.A."').values == frozenset({"Pérez, S.A."})


def test_a_quoted_free_phrase_is_one_word_with_its_spaces() -> None:
    assert parse_query('"papel atascado" bandeja') == CaseQuery(words=("papel atascado", "bandeja"))


# --- negation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "values"),
    [
        ("-status:finished", "status", {"finished"}),
        ("-is:closed", "status", CLOSED),
        ("-prio:low", "priority", {"low"}),
        ("-to:ana", "assignee", {"ana"}),
        ('-client:"Acme SA"', "client", {"Acme SA"}),
        ("-area:Soporte", "area", {"Soporte"}),
        ("-category:Redes", "category", {"Redes"}),
        ("-created:2026-03-01", "created", {"2026-03-01"}),
    ],
)
def test_a_leading_hyphen_negates_a_filter(text: str, key: str, values: set[str]) -> None:
    assert only_condition(text) == Condition(key, frozenset(values), negated=True)


def test_a_filter_without_a_hyphen_is_not_negated() -> None:
    assert only_condition("status:finished").negated is False


def test_a_leading_hyphen_on_a_free_word_excludes_it() -> None:
    assert parse_query('impresora -toner -"papel atascado" bandeja') == CaseQuery(
        words=("impresora", "bandeja"), not_words=("toner", "papel atascado")
    )


def test_a_hyphen_inside_a_word_does_not_negate_it() -> None:
    assert parse_query("wi-fi") == CaseQuery(words=("wi-fi",))


# --- priorities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("prio:low", {"low"}),
        ("prio:=low", {"low"}),
        ("prio:>=low", {"low", "medium", "high", "critical"}),
        ("prio:>low", {"medium", "high", "critical"}),
        ("prio:<=low", {"low"}),
        ("prio:medium", {"medium"}),
        ("prio:=medium", {"medium"}),
        ("prio:>=medium", {"medium", "high", "critical"}),
        ("prio:>medium", {"high", "critical"}),
        ("prio:<=medium", {"low", "medium"}),
        ("prio:<medium", {"low"}),
        ("prio:high", {"high"}),
        ("prio:=high", {"high"}),
        ("prio:>=high", {"high", "critical"}),
        ("prio:>high", {"critical"}),
        ("prio:<=high", {"low", "medium", "high"}),
        ("prio:<high", {"low", "medium"}),
        ("prio:critical", {"critical"}),
        ("prio:=critical", {"critical"}),
        ("prio:>=critical", {"critical"}),
        ("prio:<=critical", {"low", "medium", "high", "critical"}),
        ("prio:<critical", {"low", "medium", "high"}),
    ],
)
def test_a_priority_comparison_gives_the_exact_set_of_priority_codes(
    text: str, values: set[str]
) -> None:
    assert only_condition(text) == Condition("priority", frozenset(values), op="=")


@pytest.mark.parametrize("text", ["prio:>critical", "prio:<low"])
def test_a_priority_comparison_beyond_either_end_of_the_scale_gives_no_priority(
    text: str,
) -> None:
    assert only_condition(text) == Condition("priority", frozenset(), op="=")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("prio:med", {"medium"}),
        ("prio:crit", {"critical"}),
        ("prio:>=med", {"medium", "high", "critical"}),
        ("prio:<crit", {"low", "medium", "high"}),
        ("prio:MED,Crit", {"medium", "critical"}),
        ("prio:HIGH", {"high"}),
    ],
)
def test_med_and_crit_are_short_for_medium_and_critical_in_any_case(
    text: str, values: set[str]
) -> None:
    assert only_condition(text).values == frozenset(values)


def test_a_priority_comparison_applies_to_every_value_of_a_list() -> None:
    # <medium is {low} and <critical is {low, medium, high}: not "<medium or =critical".
    assert only_condition("prio:<medium,critical").values == frozenset({"low", "medium", "high"})


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["created", "updated"])
@pytest.mark.parametrize(
    ("written", "op"), [("", "="), ("=", "="), (">=", ">="), (">", ">"), ("<=", "<="), ("<", "<")]
)
def test_a_date_filter_keeps_its_one_date_and_its_comparison(
    key: str, written: str, op: str
) -> None:
    assert only_condition(f"{key}:{written}2026-03-01") == Condition(
        key, frozenset({"2026-03-01"}), op=op
    )


def test_a_negated_date_comparison_keeps_both_the_negation_and_the_comparison() -> None:
    assert only_condition("-updated:<2026-02-28") == Condition(
        "updated", frozenset({"2026-02-28"}), negated=True, op="<"
    )


# --- lower-casing -----------------------------------------------------------------------------


def test_assignee_logins_are_lowercased() -> None:
    assert only_condition("assignee:Ana,LUIS,Me").values == frozenset({"ana", "luis", "me"})


def test_free_words_and_excluded_words_are_lowercased() -> None:
    assert parse_query('Impresora -TÓNER "Papel Atascado"') == CaseQuery(
        words=("impresora", "papel atascado"), not_words=("tóner",)
    )


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("client:ACME", {"ACME"}),
        ('client:"Acme SA"', {"Acme SA"}),
        ("area:Soporte", {"Soporte"}),
        ("category:Redes", {"Redes"}),
    ],
)
def test_client_area_and_category_names_keep_their_case(text: str, values: set[str]) -> None:
    assert only_condition(text).values == frozenset(values)


# --- whole queries ----------------------------------------------------------------------------


def test_the_example_query_gives_every_condition_and_word_in_order() -> None:
    query = parse_query(
        'status:open prio:>=high assignee:me client:"Acme SA" impresora -status:finished'
    )
    assert query == CaseQuery(
        conditions=(
            Condition("status", OPEN),
            Condition("priority", frozenset({"high", "critical"})),
            Condition("assignee", frozenset({"me"})),
            Condition("client", frozenset({"Acme SA"})),
            Condition("status", frozenset({"finished"}), negated=True),
        ),
        words=("impresora",),
    )


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_an_empty_query_has_no_condition_and_no_word(text: str) -> None:
    assert parse_query(text) == CaseQuery()


def test_the_same_key_twice_gives_two_conditions() -> None:
    query = parse_query("status:open -status:new")
    assert query.values_of("status") == [
        Condition("status", OPEN),
        Condition("status", frozenset({"new"}), negated=True),
    ]
    assert query.values_of("priority") == []


def test_plus_adds_conditions_and_keeps_the_words() -> None:
    query = parse_query("impresora -toner status:new")
    extra = Condition("assignee", frozenset({"me"}))
    assert query.plus(extra) == CaseQuery(
        conditions=(Condition("status", frozenset({"new"})), extra),
        words=("impresora",),
        not_words=("toner",),
    )


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "key"),
    [
        ("owner:ana", "owner:ana", "owner"),
        ("Owner:ana", "Owner:ana", "owner"),
        ("-tag:red", "-tag:red", "tag"),
        ('status:open clientes:"Acme SA"', 'clientes:"Acme SA"', "clientes"),
    ],
)
def test_an_unknown_key_is_refused_with_the_list_of_filters(text: str, raw: str, key: str) -> None:
    assert str(refusal(text)) == (
        f"In the query, {raw!r}: {key!r} is not a filter; use one of {FILTERS}"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("status:done", "done"), ("is:new,Done", "done"), ("-state:pending", "pending")],
)
def test_an_unknown_status_is_refused_with_the_list_of_statuses(text: str, value: str) -> None:
    assert str(refusal(text)) == (
        f"In the query, {text!r}: {value!r} is not a status ({STATUS_CHOICES})"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("prio:urgent", "urgent"),
        ("priority:>=Urgent", "urgent"),
        ("prio:high,urgente", "urgente"),
        ("prio:medium,>high", ">high"),
        ("prio:>>high", ">high"),
    ],
)
def test_an_unknown_priority_is_refused_with_the_list_of_priorities(text: str, value: str) -> None:
    assert str(refusal(text)) == (
        f"In the query, {text!r}: {value!r} is not a priority ({PRIORITY_CHOICES})"
    )


@pytest.mark.parametrize("text", ['client:"Acme SA', 'impresora "papel', 'a "b" "c'])
def test_an_unclosed_quotation_mark_is_refused_naming_the_whole_query(text: str) -> None:
    assert str(refusal(text)) == f"In the query, {text!r}: a quotation mark is not closed"


@pytest.mark.parametrize("text", ['client:""', '-status:""', "prio:>=", "created:<", "area:="])
def test_a_filter_with_nothing_after_the_colon_is_refused(text: str) -> None:
    assert str(refusal(text)) == f"In the query, {text!r}: a value is missing after the colon"


@pytest.mark.parametrize("text", ["status:", "created:", "status: open"])
def test_a_key_with_a_bare_colon_is_refused(text: str) -> None:
    raw = text.split()[0]
    assert str(refusal(text)) == f"In the query, {raw!r}: a value is missing after the colon"


@pytest.mark.parametrize("text", ["status:,", "to:,", "client:,,"])
def test_a_value_of_only_commas_is_refused(text: str) -> None:
    assert str(refusal(text)) == f"In the query, {text!r}: a value is missing after the colon"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("assignee:>ana", "assignee"),
        ("to:>=ana", "assignee"),
        ("client:<Acme", "client"),
        ("client:<=Acme", "client"),
        ("area:>=Soporte", "area"),
        ("-category:>Redes", "category"),
    ],
)
def test_a_comparison_on_a_key_that_takes_none_is_refused(text: str, key: str) -> None:
    assert str(refusal(text)) == f"In the query, {text!r}: {key} takes no comparison"


def test_an_equals_sign_on_a_name_key_is_allowed_and_dropped() -> None:
    assert only_condition("client:=Acme") == Condition("client", frozenset({"Acme"}))


@pytest.mark.parametrize("text", ["status:>new", "is:>=assigned", "state:<closed"])
def test_a_comparison_on_status_is_refused(text: str) -> None:
    assert str(refusal(text)) == f"In the query, {text!r}: status takes no comparison"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("created:2026-02-30", "2026-02-30"),
        ("created:yesterday", "yesterday"),
        ("updated:>=13/01/2026", "13/01/2026"),  # month first in English
        ("updated:>=2026/03/01", "2026/03/01"),
        ("-updated:<2026-13-01", "2026-13-01"),
    ],
)
def test_a_value_that_is_not_a_date_is_refused(text: str, value: str) -> None:
    assert str(refusal(text)) == (
        f"In the query, {text!r}: {value!r} is not a date (YYYY-MM-DD or MM/DD/YYYY)"
    )


@pytest.mark.parametrize(
    "text",
    ["created:2026-03-01,2026-03-02", "created:>=2026-03-01,2026-03-31", "updated:a,b"],
)
def test_several_dates_in_one_filter_are_refused(text: str) -> None:
    key = text.split(":")[0]
    assert str(refusal(text)) == f"In the query, {text!r}: give one date, like {key}:>=2026-03-01"


def test_the_refusal_names_the_first_wrong_word() -> None:
    assert str(refusal("status:open color:red prio:urgent")) == (
        f"In the query, 'color:red': 'color' is not a filter; use one of {FILTERS}"
    )


def test_the_refusal_carries_its_code_word_and_choices_as_params() -> None:
    error = refusal("status:done")
    assert error.code == "query.not_a_status"
    assert error.params == {"text": "status:done", "word": "done", "choices": STATUS_CHOICES}


def test_sla_filters_on_breached_soon_or_ok_and_refuses_anything_else() -> None:
    (condition,) = parse_query("sla:breached").conditions
    assert (condition.key, condition.values) == ("sla", frozenset({"breached"}))
    (soon,) = parse_query("sla:soon").conditions
    assert (soon.key, soon.values) == ("sla", frozenset({"soon"}))
    assert str(refusal("sla:late")) == (
        "In the query, 'sla:late': sla is breached, soon (about to breach) or ok"
    )


@pytest.mark.parametrize(
    ("text", "op", "minutes"),
    [
        ("age:>4h", ">", 240),
        ("age:>=1h", ">=", 60),
        ("age:<1d", "<", 1440),
        ("age:<=90m", "<=", 90),
        ("age:>2w", ">", 20160),
        ("age:>3D", ">", 4320),
    ],
)
def test_age_is_a_comparison_with_minutes_hours_days_or_weeks(
    text: str, op: str, minutes: int
) -> None:
    assert only_condition(text) == Condition("age", frozenset({str(minutes)}), False, op)


def test_two_age_terms_make_a_range() -> None:
    query = parse_query("assignee:none age:>=1h age:<4h")
    assert [(c.op, c.values) for c in query.values_of("age")] == [
        (">=", frozenset({"60"})),
        ("<", frozenset({"240"})),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("age:4h", "age takes one comparison, like age:>4h or age:<1d (m, h, d, w)"),
        ("age:>4h,1d", "age takes one comparison, like age:>4h or age:<1d (m, h, d, w)"),
        ("age:>soon", "'soon' is not an age, like age:>4h or age:<1d (m, h, d, w)"),
        ("age:>4y", "'4y' is not an age, like age:>4h or age:<1d (m, h, d, w)"),
        ("age:>1.5h", "'1.5h' is not an age, like age:>4h or age:<1d (m, h, d, w)"),
        ("age:>999999w", "an age is at most 100 years (5218w)"),
    ],
)
def test_an_age_without_a_comparison_or_a_unit_is_refused(text: str, reason: str) -> None:
    assert str(refusal(text)) == f"In the query, {text!r}: {reason}"
