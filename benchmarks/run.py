"""Every figure of ARCHITECTURE.md's "The case list at a million cases", in one run.

Figures (each the median of --runs runs unless said otherwise):
  startup_ms          spawn of a fresh headless `desktui` process to the first page of the
                      big desk painted (benchmarks/bench_child.py desk)
  startup_baseline_ms the same for a bare Textual App with one Input, exiting after its
                      first refresh; startup_ratio = startup_ms / startup_baseline_ms
  keystroke_p50_ms    queries typed into the list's query line (/) on the big desk, in
  keystroke_p99_ms    process: press to the paint after the first page of the query that
                      key started; p50 and p99 over all timed keys. Keys that start no query
                      (text that does not parse yet, or a product that only runs the query
                      on Enter) are typed but not timed; the output says how many.
  rss_1k_mib          VmRSS of a fresh headless process with the list's first page painted,
  rss_1m_mib          on the small and on the big desk
  datatable_100k_ms   Textual's DataTable: add_rows of the table desk's cases (8 columns)
                      to the first paint that shows them
  first_page_100k_ms  deskTUI on the table desk: re-run of the list query (what `r` does)
                      to its first page painted; datatable_ratio = the one / the other
  demo_1m_s           wall time of `desktui --db NEW demo --cases N` in a fresh process
                      (--demo-runs builds; the first becomes the cached big desk)
  sql_page_ms         the SQL the list issues for the first page of each keystroke-script
                      query (caught at the sqlite3 module while the list shows it), replayed
                      on plain sqlite3; median over the script. sql_count_ms (extra): the
                      capped count the list asks for after the page

Sizes: small 1,000; table 100,000; big 1,000,000 cases. --quick: small 1,000; table
20,000; big 100,000, one demo build and three DataTable runs (under two minutes once
the desks are cached). The JSON keys keep their names; "sizes" in the JSON and the
table's labels say what was measured.

Desks are built by the product (`python -m deskTUI demo`) and cached under --cache,
keyed by size, seed, login and a hash of the migrations, tools/demo/ and
tools/bulk_load.py. The exit status is 0 whether targets are met or not: this is a report.

PostgreSQL: --db postgresql+psycopg://user@host:port/NAME measures the same figures on
desks kept as databases of that server (benchmarks/bench_server.py: built once, reused
while the schema hash holds; the user needs CREATEDB). Give --db twice (--db sqlite
--db URL) for both engines in one run, printed side by side: the bare Textual start and
the DataTable are measured once and shared, and each start alternates bare app, SQLite
desk, server desk, so background load hits all alike. On a server desk the list reads
through SQLAlchemy (there is no bare-sqlite3 fast start), the SQL floor is replayed with
psycopg over the connection the URL names, and RSS is the TUI's process only (the
server's own memory is not in it).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bench_dbs
import bench_keys
import bench_process
import bench_server
import bench_sql
import bench_table
from bench_common import machine, median, note, percentile
from bench_report import Figures, as_json, side_by_side, table, verdicts

REQUIRED = (
    "startup_ms",
    "startup_baseline_ms",
    "startup_ratio",
    "keystroke_p50_ms",
    "keystroke_p99_ms",
    "rss_1k_mib",
    "rss_1m_mib",
    "datatable_100k_ms",
    "first_page_100k_ms",
    "datatable_ratio",
    "demo_1m_s",
    "sql_page_ms",
)
"""The JSON's fixed keys, first and in this order (null when a figure could not be taken)."""


@dataclass(frozen=True)
class Plan:
    quick: bool
    small: int
    table: int
    big: int
    runs: int
    table_runs: int
    demo_runs: int
    passes: int
    """Times the keystroke script is typed (117 keys each)."""
    only_list: bool = False
    """--only list: the big desk's keystrokes and SQL floor, nothing else (no other desk built)."""


def make_plan(args: argparse.Namespace) -> Plan:
    runs = args.runs
    if args.quick:
        demo_runs = 1 if args.demo_runs is None else args.demo_runs
        if args.only == "list":
            demo_runs = 0
        return Plan(
            True, 1_000, 20_000, 100_000, runs, min(runs, 3), demo_runs, args.passes or 1,
            args.only == "list",
        )  # fmt: skip
    demo_runs = 0 if args.only == "list" else runs if args.demo_runs is None else args.demo_runs
    return Plan(
        False, 1_000, 100_000, 1_000_000, runs, runs, demo_runs, args.passes or 2,
        args.only == "list",
    )  # fmt: skip


def size_name(cases: int) -> str:
    return f"{cases // 1_000_000}M" if cases >= 1_000_000 else f"{cases // 1_000}k"


Desk = Path | str
"""A desk to measure: a SQLite file, or a server desk's URL."""


class SqliteDesks:
    """The SQLite cache (bench_dbs.py) behind the same methods as bench_server.ServerDesks."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache

    def ensure(self, cases: int, seed: int) -> Desk:
        return bench_dbs.ensure(self.cache, cases, seed)

    def time_demo(self, cases: int, seed: int, runs: int) -> list[float]:
        return bench_dbs.time_demo(self.cache, cases, seed, runs)

    def drop_stale(self) -> None:
        bench_dbs.drop_stale(self.cache)


@dataclass(frozen=True)
class Engine:
    key: str
    """sqlite or postgresql: the JSON's name for it."""
    title: str
    desks: Any
    """SqliteDesks or bench_server.ServerDesks."""


def engines_of(args: argparse.Namespace) -> list[Engine]:
    """The engines --db asks for (SQLite alone by default), SQLite first."""
    cache = args.cache or bench_dbs.default_cache()
    found: dict[str, Engine] = {}
    for value in args.db or ["sqlite"]:
        if value == "sqlite" or value.startswith("sqlite:"):
            found["sqlite"] = Engine("sqlite", "SQLite", SqliteDesks(cache))
        elif bench_server.is_server_url(value):
            found["postgresql"] = Engine(
                "postgresql", "PostgreSQL", bench_server.ServerDesks(value)
            )
        else:
            print(
                f"run.py: --db {value}: give 'sqlite' (the desks in --cache) or a "
                "postgresql+psycopg://user@host:port/dbname URL",
                file=sys.stderr,
            )
            sys.exit(2)
    return sorted(found.values(), key=lambda engine: engine.key != "sqlite")


@dataclass
class Desks:
    big: Desk
    small: Desk
    table: Desk


# -- the measurements: each returns figures and details, or raises -------------------------
def demo(plan: Plan, engine: Engine, seed: int) -> tuple[Figures, dict[str, Any]]:
    times = engine.desks.time_demo(plan.big, seed, plan.demo_runs)
    return {"demo_1m_s": median(times)}, {"samples": {"demo_1m_s": times}}


def compile_bytecode() -> None:
    """Write deskTUI's .pyc files, as pip does when it installs a wheel.

    An editable install (the README's) leaves that to the first import, and an
    environment with PYTHONDONTWRITEBYTECODE set (this machine's) never writes
    them: every start would compile deskTUI's source while Textual's, installed
    from a wheel, loads compiled. The baseline would not pay that; nor does an
    installed desktui.
    """
    import compileall

    import deskTUI

    compileall.compile_dir(Path(deskTUI.__file__).parent, quiet=1)


def startup(plan: Plan, desks: dict[str, Desks]) -> dict[str, tuple[Figures, dict[str, Any]]]:
    """Per engine: its desk's start against the bare app's, started in turn within each run."""
    compile_bytecode()
    # One untimed run of each first: the page cache warms up, as for any later start.
    bench_process.bare()
    for desk in desks.values():
        bench_process.desk(desk.small)
    bare: list[bench_process.Painted] = []
    started: dict[str, list[bench_process.Painted]] = {key: [] for key in desks}
    for run in range(plan.runs):  # alternated, so background load hits both alike
        note(f"startup {run + 1}/{plan.runs}")
        bare.append(bench_process.bare())
        for key, desk in desks.items():
            started[key].append(bench_process.desk(desk.big))
    found = {}
    for key, desk in desks.items():
        small_rss = [bench_process.desk(desk.small).rss_mib for _ in range(plan.runs)]
        big = started[key]
        figures = {
            "startup_ms": median([p.ms for p in big]),
            "startup_baseline_ms": median([p.ms for p in bare]),
            "rss_1k_mib": median(small_rss),
            "rss_1m_mib": median([p.rss_mib for p in big]),
        }
        figures["startup_ratio"] = figures["startup_ms"] / figures["startup_baseline_ms"]
        samples = {"startup_ms": [p.ms for p in big], "startup_baseline_ms": [p.ms for p in bare]}
        samples |= {"rss_1k_mib": small_rss, "rss_1m_mib": [p.rss_mib for p in big]}
        found[key] = (figures, {"samples": samples})
    return found


def keystrokes(plan: Plan, big: Desk) -> tuple[Figures, dict[str, Any]]:
    found = bench_keys.measure(big, plan.passes)
    figures = {
        "keystroke_p50_ms": percentile(found.samples_ms, 0.50),
        "keystroke_p99_ms": percentile(found.samples_ms, 0.99),
    }
    details = {
        "mode": found.mode,
        "typed": found.typed,
        "timed": len(found.samples_ms),
        "silent": found.silent,
        "failed": found.failed,
        "samples_ms": found.samples_ms,
    }
    return figures, {"keystrokes": details}


def sql(plan: Plan, big: Desk) -> tuple[Figures, dict[str, Any]]:
    found = bench_sql.measure(big, bench_keys.SCRIPT, plan.runs)
    figures = {
        "sql_page_ms": median(list(found.page_ms.values())),
        "sql_count_ms": median(list(found.count_ms.values())),
    }
    per_query = {
        text: {
            "page_ms": found.page_ms[text],
            "count_ms": found.count_ms.get(text),
            "statements": found.statements[text],
        }
        for text in found.page_ms
    }
    return figures, {"sql_per_query": per_query}


def datatable(plan: Plan, desks: dict[str, Desks]) -> dict[str, tuple[Figures, dict[str, Any]]]:
    """Textual's DataTable once (the rows read from the first engine's table desk), each
    engine's first page against it."""
    first = next(iter(desks.values()))
    rows = bench_table.table_rows(first.table, plan.table)
    note(f"DataTable: {len(rows):,} rows, {plan.table_runs} runs")
    table_ms = bench_table.datatable_ms(rows, plan.table_runs)
    found = {}
    for key, desk in desks.items():
        first_ms = bench_table.first_page_ms(desk.table, plan.runs)
        figures = {"datatable_100k_ms": median(table_ms), "first_page_100k_ms": median(first_ms)}
        figures["datatable_ratio"] = figures["datatable_100k_ms"] / figures["first_page_100k_ms"]
        samples = {"datatable_100k_ms": table_ms, "first_page_100k_ms": first_ms}
        found[key] = (figures, {"samples": samples})
    return found


Section = Callable[[], tuple[Figures, dict[str, Any]]]


def guarded(
    name: str, section: Section, keys: list[str], errors: dict[str, str]
) -> tuple[Figures, dict[str, Any]]:
    """One broken measurement (the product changes under it) must not lose the others."""
    note(name)
    started = time.perf_counter()
    try:
        figures, details = section()
    except Exception as error:
        errors[name] = f"{type(error).__name__}: {error}"
        note(f"{name} FAILED: {errors[name]}")
        return dict.fromkeys(keys), {}
    note(f"{name}: {time.perf_counter() - started:.0f} s")
    return figures, details


Measured = dict[str, tuple[Figures, dict[str, Any]]]
"""Figures and details by engine key."""


def guarded_each(
    name: str, section: Callable[[], Measured], keys: list[str], engines: list[Engine],
    results: Measured,
) -> None:  # fmt: skip
    """A section measuring every engine at once (shared baselines): one failure loses it for all."""
    note(name)
    started = time.perf_counter()
    try:
        found = section()
    except Exception as error:
        for engine in engines:
            results[engine.key][1]["errors"][name] = f"{type(error).__name__}: {error}"
        note(f"{name} FAILED: {type(error).__name__}: {error}")
        found = {engine.key: (dict.fromkeys(keys), {}) for engine in engines}
    else:
        note(f"{name}: {time.perf_counter() - started:.0f} s")
    for key, (figures, more) in found.items():
        merge(results[key], figures, more)


def merge(result: tuple[Figures, dict[str, Any]], figures: Figures, more: dict[str, Any]) -> None:
    result[0].update(figures)
    details = result[1]
    details["samples"] |= more.pop("samples", {})
    details |= more


def list_sections(plan: Plan, big: Desk) -> list[tuple[str, Section, list[str]]]:
    return [
        ("SQL floor", lambda: sql(plan, big), ["sql_page_ms", "sql_count_ms"]),
        ("keystrokes", lambda: keystrokes(plan, big), ["keystroke_p50_ms", "keystroke_p99_ms"]),
    ]


def list_only(plan: Plan, engines: list[Engine], seed: int, results: Measured) -> None:
    """--only list: the list's figures on each engine's big desk (the other desks unbuilt)."""
    for engine in engines:
        try:
            big = engine.desks.ensure(plan.big, seed)
        except RuntimeError as error:
            sys.exit(f"run.py: no desk to measure: {error}")
        suffix = "" if len(engines) == 1 else f" ({engine.title})"
        for name, section, keys in list_sections(plan, big):
            errors = results[engine.key][1]["errors"]
            found, more = guarded(name + suffix, section, keys, errors)
            merge(results[engine.key], found, more)


def measure(plan: Plan, engines: list[Engine], seed: int) -> Measured:
    results: Measured = {
        engine.key: ({"demo_1m_s": None}, {"samples": {}, "errors": {}}) for engine in engines
    }
    for engine in engines:
        try:
            engine.desks.drop_stale()
        except RuntimeError as error:
            sys.exit(f"run.py: {engine.title}: {error}")
    if plan.demo_runs:  # first, while the big desk may still have to be built anyway
        for engine in engines:
            name = "demo build" if len(engines) == 1 else f"demo build ({engine.title})"
            errors = results[engine.key][1]["errors"]
            found, more = guarded(
                name, lambda engine=engine: demo(plan, engine, seed), ["demo_1m_s"], errors
            )
            merge(results[engine.key], found, more)
    desks: dict[str, Desks] = {}
    if plan.only_list:
        list_only(plan, engines, seed, results)
        return results
    for engine in engines:
        try:
            big = engine.desks.ensure(plan.big, seed)
            small = engine.desks.ensure(plan.small, seed)
            table_desk = engine.desks.ensure(plan.table, seed)
        except RuntimeError as error:
            sys.exit(f"run.py: no desk to measure: {error}")
        desks[engine.key] = Desks(big, small, table_desk)
    guarded_each(
        "startup and RSS",
        lambda: startup(plan, desks),
        ["startup_ms", "startup_baseline_ms", "startup_ratio", "rss_1k_mib", "rss_1m_mib"],
        engines,
        results,
    )
    for engine in engines:
        big = desks[engine.key].big
        suffix = "" if len(engines) == 1 else f" ({engine.title})"
        for name, section, keys in list_sections(plan, big):
            errors = results[engine.key][1]["errors"]
            found, more = guarded(name + suffix, section, keys, errors)
            merge(results[engine.key], found, more)
    guarded_each(
        "DataTable vs first page",
        lambda: datatable(plan, desks),
        ["datatable_100k_ms", "first_page_100k_ms", "datatable_ratio"],
        engines,
        results,
    )
    return results


# -- output --------------------------------------------------------------------------------
REPLAY = {"sqlite": "sqlite3", "postgresql": "psycopg"}


def rows(
    plan: Plan, figures: Figures, details: dict[str, Any], engine: str = "sqlite"
) -> list[tuple[str, str, str, str]]:
    big, small, tab = size_name(plan.big), size_name(plan.small), size_name(plan.table)
    keys = details.get("keystrokes", {})
    timed = f"{keys.get('timed', 0)} of {keys.get('typed', 0)} keys timed"
    sql_floor = figures.get("sql_page_ms")
    floor = f"SQL page {sql_floor:.2f} ms" if sql_floor is not None else ""
    replay = REPLAY.get(engine, engine)
    return [
        ("startup_ms", f"startup to first page ({big})", "ms", ""),
        ("startup_baseline_ms", "startup, bare Textual app", "ms", ""),
        ("startup_ratio", "startup ratio", "×", "bare Textual app = 1"),
        ("keystroke_p50_ms", f"keystroke p50 ({big})", "ms", f"{timed}; {floor}"),
        ("keystroke_p99_ms", f"keystroke p99 ({big})", "ms", ""),
        ("rss_1k_mib", f"RSS, list open ({small})", "MiB", ""),
        ("rss_1m_mib", f"RSS, list open ({big})", "MiB", f"{small} desk"),
        ("datatable_100k_ms", f"DataTable, {tab} rows", "ms", ""),
        ("first_page_100k_ms", f"first page, {tab} cases", "ms", ""),
        ("datatable_ratio", "DataTable ratio", "×", f"DataTable {tab} = baseline"),
        ("demo_1m_s", f"demo build ({big})", "s", ""),
        ("sql_page_ms", f"SQL of a first page ({big})", "ms", f"{replay} replay, median of script"),
        ("sql_count_ms", f"SQL of the capped count ({big})", "ms", "asked after the page"),
    ]


def side_rows(plan: Plan) -> list[tuple[str, str, str, str]]:
    """The rows of a side-by-side table: the same figures; the per-engine notes go below it."""
    labelled = rows(plan, {}, {})
    notes = {
        "keystroke_p50_ms": "",
        "sql_page_ms": "sqlite3 / psycopg replay, median of script",
        "startup_baseline_ms": "measured once, shared",
        "datatable_100k_ms": "measured once, shared",
    }
    return [(key, label, unit, notes.get(key, note)) for key, label, unit, note in labelled]


def print_header(plan: Plan, details: dict[str, Any]) -> None:
    info = details["machine"]
    kind = "quick run" if plan.quick else "full run"
    print(f"deskTUI benchmarks · {kind} · {info['date']}")
    print(
        f"{info['cpu']} · {info['cores']} cores · {info['ram_gib']} GiB · Python {info['python']}"
        f" · SQLite {info['sqlite']} · Textual {info['textual']}"
    )
    if info.get("server"):
        print(f"server: {info['server']}")
    print(
        f"load average (1, 5, 15 min): {info['load_avg']} at start, {info['load_avg_end']} at end"
    )
    print()


def print_notes(details: dict[str, Any], title: str = "", quick: bool = False) -> None:
    prefix = f"{title}: " if title else ""
    keys = details.get("keystrokes")
    if keys:
        print(
            f"{prefix}keystrokes: {keys['mode']}; {keys['timed']} timed, {keys['silent']} "
            f"started no query, {keys['failed']} timed out, of {keys['typed']} typed"
        )
    if quick:
        print("quick run: smaller desks, so the figures only hint at the full run's")
    for name, error in details["errors"].items():
        print(f"{prefix}NOT MEASURED, {name}: {error}")
    missed, unjudged = details["missed"], details["unjudged"]
    print(f"{prefix}targets missed: " + ("; ".join(missed) if missed else "none"))
    if unjudged:
        print(f"{prefix}targets not judged (figure missing): " + "; ".join(unjudged))


def print_report(plan: Plan, figures: Figures, details: dict[str, Any]) -> None:
    print_header(plan, details)
    print(table(figures, rows(plan, figures, details, details.get("engine", "sqlite"))))
    print()
    print_notes(details, quick=plan.quick)


def print_side_by_side(
    plan: Plan, engines: list[Engine], results: Measured, details: dict[str, Any]
) -> None:
    print_header(plan, details)
    columns = [(engine.title, results[engine.key][0]) for engine in engines]
    print(side_by_side(columns, side_rows(plan)))
    print()
    for index, engine in enumerate(engines):
        print_notes(results[engine.key][1], engine.title, quick=plan.quick and index == 0)


# -- command line --------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smaller desks and fewer slow repetitions: under two minutes once the desks are cached",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object on stdout (progress stays on stderr)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="where built desks are kept between runs (default: the user cache dir's desktui/bench); desks of an older schema there are removed",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        action="append",
        help="'sqlite' (the default: desks in --cache) or a postgresql+psycopg://user@host:port/dbname "
        "URL (desks kept as databases on that server); twice for both engines side by side",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        metavar="N",
        help="repetitions behind each median (default 5)",
    )
    parser.add_argument(
        "--demo-runs",
        type=int,
        metavar="N",
        help="timed demo builds (default: --runs; 1 with --quick; 0 skips the figure)",
    )
    parser.add_argument(
        "--passes",
        type=int,
        metavar="N",
        help="times the keystroke script is typed (default 2, 1 with --quick)",
    )
    parser.add_argument(
        "--only",
        choices=["list"],
        help="'list': only the case list's figures (keystroke p50/p99 and the SQL floor) on "
        "the big desk of each engine; no other desk is built",
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help="the demo generator's seed (default 1)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def judged(found: tuple[Figures, dict[str, Any]]) -> tuple[Figures, dict[str, Any]]:
    figures, details = found
    details["missed"], details["unjudged"] = verdicts(figures)
    return figures, details


def as_ordered(figures: Figures) -> Figures:
    return {key: figures.get(key) for key in REQUIRED} | figures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    engines = engines_of(args)
    plan = make_plan(args)
    cache = args.cache or bench_dbs.default_cache()
    started = time.perf_counter()
    info = machine()
    for engine in engines:
        if isinstance(engine.desks, bench_server.ServerDesks):
            try:
                info["server"] = engine.desks.server_version()
            except RuntimeError as error:
                sys.exit(f"run.py: {error}")
    results = {key: judged(found) for key, found in measure(plan, engines, args.seed).items()}
    elapsed = time.perf_counter() - started
    info["load_avg_end"] = machine()["load_avg"]  # others' load may change
    first = engines[0]
    figures, details = results[first.key]
    details = {"machine": info} | details | {"elapsed_s": elapsed, "engine": first.key}
    if args.json:
        sizes = {"small": plan.small, "table": plan.table, "big": plan.big}
        extra = {k: v for k, v in details.items() if k != "missed" and k != "unjudged"}
        extra |= {"quick": plan.quick, "sizes": sizes, "cache": str(cache)}
        extra |= {"targets_missed": details["missed"], "targets_unjudged": details["unjudged"]}
        for engine in engines[1:]:
            more_figures, more = results[engine.key]
            extra[engine.key] = (
                as_ordered(more_figures)
                | {k: v for k, v in more.items() if k != "missed" and k != "unjudged"}
                | {"targets_missed": more["missed"], "targets_unjudged": more["unjudged"]}
            )
        print(as_json(as_ordered(figures), extra))
    elif len(engines) == 1:
        print_report(plan, figures, details)
        print(f"({elapsed:.0f} s)")
    else:
        print_side_by_side(plan, engines, results, details)
        print(f"({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
