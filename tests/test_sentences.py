"""The domain's figures in whole sentences, in the reader's language (issue 20): an SLA
clock, a contract's balance, the finish preview. The domain used to write them in
English itself (``f"{left} left · due {due}"``, ``incident{'' if value == 1 else 's'}``),
so a Spanish desk read "40m left · due …" and "1 incidents" could not be said otherwise."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from deskTUI import i18n, sentences, words
from deskTUI.domain.contracts import Balance, Contract, Level, preview_finish
from deskTUI.domain.enums import SlaTarget, TrackingUnit
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.sla import SlaClock
from deskTUI.domain.values import one_of

DUE = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _when(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def clock(*, left: int | None = None, met: bool = False, breached: bool = False) -> SlaClock:
    return SlaClock(SlaTarget.RESOLUTION, due=DUE, met=met, breached=breached, minutes_left=left)


def contract(unit: TrackingUnit = TrackingUnit.HOURS, total: str = "40") -> Contract:
    return Contract(100, unit, Decimal(total), date(2026, 1, 1), date(2026, 12, 31), "Bolsa", id=9)


@pytest.mark.parametrize(
    ("state", "english", "spanish"),
    [
        (clock(left=40), "40m left · due 10:00", "quedan 40m · plazo 10:00"),
        (
            clock(left=-90),
            "breached 1h30m ago · was due 10:00",
            "vencido hace 1h30m · plazo 10:00",
        ),
        (clock(met=True), "met · due 10:00", "cumplido · plazo 10:00"),
        (clock(breached=True), "breached · was due 10:00", "vencido · plazo 10:00"),
        (clock(), "stopped · was due 10:00", "detenido · plazo 10:00"),
    ],
)
def test_an_sla_clock_reads_in_the_readers_language(state, english, spanish) -> None:
    assert sentences.sla_clock(state, _when) == english
    i18n.use("es")
    assert sentences.sla_clock(state, _when) == spanish


def test_a_clock_with_no_deadline_shows_a_dash_in_either_language() -> None:
    undated = SlaClock(SlaTarget.RESOLUTION, due=None, met=False, breached=False, minutes_left=None)
    assert sentences.sla_clock(undated, _when) == "stopped · was due —"
    i18n.use("es")
    assert sentences.sla_clock(undated, _when) == "detenido · plazo —"


def test_a_balance_in_spanish_has_spanish_words_figures_and_level() -> None:
    i18n.use("es")
    warned = Balance(contract(total="40"), Decimal("34.5"))
    assert warned.level is Level.WARNING
    assert sentences.balance(warned) == (
        f"usado: 34,5 / 40 h, disponible: 5,5 h (86 %, {words.label(Level.WARNING)})"
    )
    assert words.label(Level.WARNING) != "warning"
    assert sentences.balance(Balance(contract(total="40"), Decimal(10))) == (
        "usado: 10 / 40 h, disponible: 30 h (25 %)"
    )


@pytest.mark.parametrize(
    ("used", "english", "spanish"),
    [
        # One incident is singular in both; a fraction and zero are plural in both.
        ("11", "1 incident → 12 / 12 incidents, 100 %", "1 incidente → 12 / 12 incidentes, 100 %"),
        ("0", "1 incident → 1 / 12 incidents, 8 %", "1 incidente → 1 / 12 incidentes, 8 %"),
    ],
)
def test_incidents_are_counted_by_the_catalogues_plural(used, english, spanish) -> None:
    preview = preview_finish(Balance(contract(TrackingUnit.INCIDENTS, "12"), Decimal(used)), 30)
    assert sentences.finish_preview(preview) == english
    i18n.use("es")
    assert sentences.finish_preview(preview) == spanish


def test_one_incident_left_is_singular_and_a_fraction_is_plural() -> None:
    one_left = Balance(contract(TrackingUnit.INCIDENTS, "2"), Decimal(1))
    assert sentences.balance(one_left) == "1 / 2 incidents used, 1 incident left (50 %)"
    half = Balance(contract(TrackingUnit.INCIDENTS, "1.5"), Decimal(0))
    assert sentences.balance(half) == "0 / 1.5 incidents used, 1.5 incidents left (0 %)"
    i18n.use("es")
    assert sentences.balance(half) == "usado: 0 / 1,5 incidentes, disponible: 1,5 incidentes (0 %)"


def test_the_choices_a_refusal_lists_are_joined_as_the_readers_language_joins_them() -> None:
    """The codes stay codes (they are what is typed); the "or" is the reader's."""
    with pytest.raises(ValidationError) as refused:
        one_of(TrackingUnit, "weeks", "contract.unit", "{value!r} is not a unit: {choices}")
    assert i18n.error_text(refused.value) == "'weeks' is not a unit: hours, days or incidents"
    i18n.use("es")
    assert i18n.error_text(refused.value) == "'weeks' is not a unit: hours, days o incidents"
    assert refused.value.params["choices"] == "hours, days or incidents"  # --json, logs
