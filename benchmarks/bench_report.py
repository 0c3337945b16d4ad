"""Targets, the printed table and the JSON object."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Figures = dict[str, Any]
"""The JSON keys (startup_ms, ...) with their values; None when a figure could not be taken."""


@dataclass(frozen=True)
class Target:
    text: str
    met: Callable[[Figures], bool]
    needs: tuple[str, ...]


TARGETS = {
    "startup_ratio": [Target("≤ 2.0", lambda f: f["startup_ratio"] <= 2.0, ("startup_ratio",))],
    "keystroke_p50_ms": [
        Target("≤ 16 ms", lambda f: f["keystroke_p50_ms"] <= 16, ("keystroke_p50_ms",))
    ],
    "keystroke_p99_ms": [
        Target("≤ 50 ms", lambda f: f["keystroke_p99_ms"] <= 50, ("keystroke_p99_ms",))
    ],
    "rss_1m_mib": [
        Target("≤ 80 MiB", lambda f: f["rss_1m_mib"] <= 80, ("rss_1m_mib",)),
        Target(
            "≤ 1.2 × small",
            lambda f: f["rss_1m_mib"] <= 1.2 * f["rss_1k_mib"],
            ("rss_1m_mib", "rss_1k_mib"),
        ),
    ],
    "datatable_ratio": [Target("≥ 50", lambda f: f["datatable_ratio"] >= 50, ("datatable_ratio",))],
    "demo_1m_s": [Target("≤ 60 s", lambda f: f["demo_1m_s"] <= 60, ("demo_1m_s",))],
}


def _known(value: Any) -> bool:
    return isinstance(value, int | float) and not math.isnan(value)


def verdicts(figures: Figures) -> tuple[list[str], list[str]]:
    """Missed targets and the ones that could not be judged (a figure is missing)."""
    missed, unjudged = [], []
    for key, targets in TARGETS.items():
        for target in targets:
            label = f"{key} {target.text}"
            if not all(_known(figures.get(k)) for k in target.needs):
                unjudged.append(label)
            elif not target.met(figures):
                missed.append(f"{label} (is {figures[key]:,.4g})")
    return missed, unjudged


def _fmt(value: Any, unit: str) -> str:
    if not _known(value):
        return "—"
    if unit == "×":
        return f"{value:,.2f}×"
    digits = 2 if abs(value) < 10 else 1 if abs(value) < 1000 else 0
    return f"{value:,.{digits}f} {unit}"


def _mark(figures: Figures, key: str) -> str:
    targets = TARGETS.get(key, [])
    if not targets:
        return " "
    if not all(_known(figures.get(k)) for t in targets for k in t.needs):
        return "?"
    return "✓" if all(t.met(figures) for t in targets) else "✗"


def table(figures: Figures, rows: list[tuple[str, str, str, str]]) -> str:
    """``rows``: (json key, label, unit, baseline text); targets come from TARGETS."""
    lines = [("", "figure", "value", "target", "baseline")]
    for key, label, unit, baseline in rows:
        target = ", ".join(t.text for t in TARGETS.get(key, []))
        lines.append((_mark(figures, key), label, _fmt(figures.get(key), unit), target, baseline))
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    out = []
    for line in lines:
        cells = [line[i].ljust(widths[i]) for i in range(4)] + [line[4]]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def as_json(figures: Figures, extra: dict[str, Any]) -> str:
    def clean(value: Any) -> Any:  # JSON has no NaN
        if isinstance(value, float):
            return None if math.isnan(value) else round(value, 3)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return json.dumps(clean({**figures, **extra}), ensure_ascii=False, indent=2)


def side_by_side(columns: list[tuple[str, Figures]], rows: list[tuple[str, str, str, str]]) -> str:
    """One value column per engine (``columns``: title and figures), each value after its
    target mark; the targets and baselines once."""
    head = ("figure", *(title for title, _ in columns), "target", "baseline")
    lines = [head]
    for key, label, unit, baseline in rows:
        target = ", ".join(t.text for t in TARGETS.get(key, []))
        values = tuple(
            f"{_mark(figures, key)} {_fmt(figures.get(key), unit)}" for _, figures in columns
        )
        lines.append((label, *values, target, baseline))
    width = len(head)
    widths = [max(len(line[i]) for line in lines) for i in range(width - 1)]
    out = []
    for line in lines:
        cells = [line[i].ljust(widths[i]) for i in range(width - 1)] + [line[-1]]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)
