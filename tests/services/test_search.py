"""Searching cases: the query language in SQL, and a scope that matches who may see what."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.permissions import Action, can
from deskTUI.services import case_list, cases, saved_views, search
from deskTUI.store.list_reader import ListReader


@pytest.fixture
def spread(desk):
    """Cases across areas, clients, assignees and statuses."""
    made = {
        "printer": desk.open(title="Impresora atascada", priority="high"),
        "network": desk.open(
            title="Red lenta", category="Redes", priority="low", description="El wifi cae"
        ),
        "bug": desk.open(
            by=desk.gloria, title="Error al facturar", client="Globex Ltda", category="Errores"
        ),
        "pool": desk.open(title="Sin asignar", priority="critical"),
        "luis": desk.open(title="De Luis"),
    }
    cases.assign_case(desk.uow(), desk.sofia, made["printer"].number, "ana")
    cases.assign_case(desk.uow(), desk.sofia, made["network"].number, "ana")
    cases.assign_case(desk.uow(), desk.diego, made["bug"].number, "pedro")
    cases.assign_case(desk.uow(), desk.sofia, made["luis"].number, "luis")
    cases.move_case(desk.uow(), desk.ana, made["network"].number, "in_progress")
    cases.comment_case(desk.uow(), desk.ana, made["network"].number, "Cambiamos el router")
    return made


def titles(desk, actor, query="", **kw):
    return sorted(c.title for c in search.search_cases(desk.uow(), actor, query, **kw).cases)


def test_the_sql_scope_shows_each_role_exactly_the_cases_it_may_see(desk, spread):
    everything = search.search_cases(desk.uow(), desk.admin, limit=1000).cases
    assert len(everything) == 5
    for actor in (desk.sofia, desk.diego, desk.ana, desk.luis, desk.pedro, desk.maria, desk.gloria):
        expected = sorted(c.title for c in everything if can(actor, Action.VIEW_CASE, c))
        assert titles(desk, actor) == expected, actor.login


def test_filters_words_negations_and_comparisons_narrow_the_list(desk, spread):
    assert titles(desk, desk.admin, "prio:>=high") == ["Impresora atascada", "Sin asignar"]
    assert titles(desk, desk.admin, "assignee:none") == ["Sin asignar"]
    assert titles(desk, desk.ana, "assignee:me status:in_progress") == ["Red lenta"]
    assert titles(desk, desk.admin, 'client:"globex ltda"') == ["Error al facturar"]
    assert titles(desk, desk.admin, "area:Soporte -category:Impresoras") == ["Red lenta"]
    assert titles(desk, desk.admin, "router") == ["Red lenta"]  # found in a comment
    assert titles(desk, desk.admin, "wifi") == ["Red lenta"]  # found in the description
    assert titles(desk, desk.admin, "status:open -impresora -red -error -de") == ["Sin asignar"]
    assert titles(desk, desk.admin, "created:2026-03-02") == titles(desk, desk.admin)
    assert titles(desk, desk.admin, "created:>2026-03-02") == []


def test_sorts_and_pages(desk, spread):
    by_number = search.search_cases(desk.uow(), desk.admin, sort="number", limit=2, offset=1)
    assert [c.number for c in by_number.cases] == ["CS-000002", "CS-000003"]
    assert by_number.total == 5
    by_priority = search.search_cases(desk.uow(), desk.admin, sort="priority")
    assert by_priority.cases[0].title == "Sin asignar"
    assert by_priority.cases[-1].title == "Red lenta"


def test_a_wrong_query_or_sort_is_a_sentence(desk):
    with pytest.raises(ValidationError, match="'colour' is not a filter"):
        search.search_cases(desk.uow(), desk.admin, "colour:red")
    with pytest.raises(ValidationError, match="is not a sort"):
        search.search_cases(desk.uow(), desk.admin, sort="size")


def test_a_word_finds_the_words_it_starts_and_percent_or_underscore_are_not_wildcards(desk):
    """Search is by word start (it runs as you type): ``100%`` is the word ``100``."""
    desk.open(title="Descuento 100% aplicado")
    desk.open(title="Descuento 1000 aplicado")
    desk.open(title="Código 1_0 anulado")
    assert titles(desk, desk.admin, "100%") == [
        "Descuento 100% aplicado",
        "Descuento 1000 aplicado",
    ]
    assert titles(desk, desk.admin, "1_0") == ["Código 1_0 anulado"]
    assert titles(desk, desk.admin, "escuento") == []  # the middle of a word is not a start


def test_a_word_of_one_or_two_letters_is_a_whole_word_and_three_letters_start_words(desk):
    """As the start of a word, one letter would match most of a desk on every keystroke."""
    desk.open(title="El PC no enciende")
    desk.open(title="Tarjeta PCI dañada")
    desk.open(title="Sin tinta")
    assert titles(desk, desk.admin, "pc") == ["El PC no enciende"]
    assert titles(desk, desk.admin, "pci") == ["Tarjeta PCI dañada"]
    assert titles(desk, desk.admin, "p") == []
    assert titles(desk, desk.admin, "tin") == ["Sin tinta"]
    assert titles(desk, desk.admin, "sin ti") == []  # "ti" is no word of it
    assert titles(desk, desk.admin, "sin tin") == ["Sin tinta"]


def test_search_syntax_typed_by_a_person_is_only_text(desk):
    """FTS5 operators, quotes and stars in the query are words, never an error or a trick."""
    desk.open(title="Impresora AND escáner NEAR la puerta")
    desk.open(title="Otro caso")
    typed = ("AND", "NEAR(", '"impresora"', "impresora*", "OR otro", "^impresora", "-")
    # and PostgreSQL's tsquery syntax, which its index is asked in
    typed += ("a & b", "!otro", "*otro", "it's", "(otro", "a <-> b", "\\", "otro | caso")
    for text in typed:
        titles(desk, desk.admin, text)  # no refusal, no error
    assert titles(desk, desk.admin, "near") == ["Impresora AND escáner NEAR la puerta"]
    assert titles(desk, desk.admin, "and otro") == []


def test_words_inside_addresses_paths_and_versions_are_found_on_their_own(desk):
    """Text is cut into runs of letters and digits: an address or a path is not one word."""
    desk.open(title="Rebota el correo a ana@example.com", description="Falla /etc/hosts en v2.5")
    desk.open(title="Otro caso")
    for word in ("example", "ana", "com", "hosts", "etc", "v2", "5"):
        assert titles(desk, desk.admin, word) == ["Rebota el correo a ana@example.com"], word
    assert titles(desk, desk.admin, "ana@example.com") == ["Rebota el correo a ana@example.com"]
    assert titles(desk, desk.admin, "-example") == ["Otro caso"]


def test_accents_and_case_do_not_matter_in_a_search(desk):
    desk.open(title="Impresión defectuosa")
    assert titles(desk, desk.admin, "IMPRESION") == ["Impresión defectuosa"]
    assert titles(desk, desk.admin, "impresión") == ["Impresión defectuosa"]


def test_the_next_sort_is_the_domains_queue_order_breaches_first(desk):
    """The SQL order agrees with domain.queue.next_to_execute on the same cases."""
    from deskTUI.domain.sla import Targets
    from deskTUI.services import sla, views

    sla.set_targets(desk.uow(), desk.admin, "low", Targets(30, 60))
    made = [
        desk.open(title="Media", priority="medium"),
        desk.open(
            title="Alta", priority="high", planned_start="2026-03-01", planned_close="2026-03-03"
        ),
        desk.open(title="Alta nivel 5", priority="high", level=5),
        desk.open(title="Alta sin fecha", priority="high"),
        desk.open(title="Crítica", priority="critical"),
        desk.open(title="Baja vencida", priority="low"),
    ]
    for case in made:
        cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    desk.clock.advance(hours=2)
    by_sql = [
        c.title for c in search.search_cases(desk.uow(), desk.ana, "assignee:me", sort="next").cases
    ]
    by_domain = [c.title for c in views.next_cases(desk.uow(), desk.ana)]
    assert (
        by_sql
        == by_domain
        == ["Baja vencida", "Crítica", "Alta nivel 5", "Alta", "Alta sin fecha", "Media"]
    )


def test_sla_breached_selects_exactly_the_open_cases_the_domain_judges_breached(desk):
    from deskTUI.domain.sla import Targets
    from deskTUI.services import sla

    sla.set_targets(desk.uow(), desk.admin, "low", Targets(30, 60))
    late = desk.open(title="Baja", priority="low")  # no answer past 30 minutes
    desk.open(title="Crítica", priority="critical")  # 1 h to answer
    answered = desk.open(title="Baja atendida", priority="low")
    cases.assign_case(desk.uow(), desk.sofia, answered.number, "ana")
    desk.clock.advance(minutes=45)
    page = case_list.case_page(reader(desk), desk.admin, "status:open", now=desk.clock(), limit=50)
    judged = sorted(r.title for r in page.rows if r.sla_breached)
    assert judged == ["Baja"]
    assert titles(desk, desk.admin, "status:open sla:breached") == judged
    assert titles(desk, desk.admin, "status:open sla:ok") == ["Baja atendida", "Crítica"]
    assert late.number == "CS-000001"


def reader(desk) -> ListReader:
    return ListReader.for_database(desk.uow().db)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "status:open",
        "prio:>=high",
        "assignee:me",
        "assignee:none",
        "impresora",
        "-red",
        "sla:ok",
    ],
)
@pytest.mark.parametrize("sort", ["updated", "next", "priority", "number", "created"])
def test_the_lists_bare_read_path_finds_what_the_orm_path_finds(desk, spread, query, sort):
    """The TUI's first page (bare sqlite3) and the command line (SQLAlchemy) run the same
    SQL: same cases, same order, for every role."""
    for actor in (desk.admin, desk.sofia, desk.ana, desk.gloria):
        expected = [
            c.number for c in search.search_cases(desk.uow(), actor, query, sort=sort).cases
        ]
        page = case_list.case_page(reader(desk), actor, query, now=desk.clock(), sort=sort)
        assert [r.number for r in page.rows] == expected, actor.login
        count = case_list.case_count(reader(desk), actor, query, now=desk.clock())
        assert (count.total, count.more) == (len(expected), False)


def test_a_count_stops_at_its_cap_and_says_there_are_more(desk, spread):
    everything = case_list.case_count(reader(desk), desk.admin, "", now=desk.clock())
    assert everything.total >= 3 and not everything.more
    capped = case_list.case_count(reader(desk), desk.admin, "", now=desk.clock(), cap=2)
    assert (capped.total, capped.more, capped.text()) == (2, True, "2+")


def test_a_deactivated_operator_reads_nothing_through_the_list(desk, spread):
    from deskTUI.domain.errors import PermissionDenied
    from deskTUI.services import admin

    admin.update_user(desk.uow(), desk.admin, "ana", active=False)
    with pytest.raises(PermissionDenied):
        case_list.case_page(reader(desk), desk.ana, "", now=desk.clock())


def test_ages_and_soon_count_from_the_desks_clock_in_a_search_and_a_view_count(desk):
    # The test desk's clock stands in March 2026: counted from the wall clock instead,
    # this case would be months old and "age:<1d" would find nothing.
    case = desk.open(priority="critical")
    desk.clock.advance(minutes=50)  # 50 of the first response's 60 minutes gone
    found = search.search_cases(desk.uow(), desk.sofia, "age:<1d sla:soon")
    assert [c.number for c in found.cases] == [case.number] and found.total == 1
    assert search.search_cases(desk.uow(), desk.sofia, "age:>1h").total == 0
    saved_views.save_view(desk.uow(), desk.sofia, "Recientes", "age:<1d")
    counts = {v.name: v.count for v in saved_views.panel(desk.uow(), desk.sofia)}
    assert counts["Recientes"] == 1
