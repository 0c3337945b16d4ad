"""What speaking Spanish costs at start-up (issue 20), printed beside English's.

Each figure is the median over --runs fresh processes (no cache shared between runs):
  catalogue_ms   i18n.use(language) and one sentence looked up: loading the .mo
                 (English: gettext's NullTranslations, the baseline)
  first_format_ms  the first date and money written by deskTUI.formats (Babel's import
                 and its locale data for the language; English pays it too)
  help_ms        `desktui --help` from spawn to exit, DESKTUI_LANG=en and =es

    .venv/bin/python benchmarks/bench_language.py [--runs 15]

The issue's budget: the catalogue under 10 ms. A report: the exit status is 0 either way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

CATALOGUE = (
    "import time; from deskTUI import i18n; t=time.perf_counter(); i18n.use({lang!r}); "
    "i18n._('Status'); print((time.perf_counter()-t)*1000)"
)
FIRST_FORMAT = (
    "import time, datetime, decimal; from deskTUI import i18n, formats; i18n.use({lang!r}); "
    "t=time.perf_counter(); formats.day(datetime.date(2026,12,7)); "
    "formats.money(decimal.Decimal('1500.5'), 'USD'); print((time.perf_counter()-t)*1000)"
)


def in_child(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def help_ms(lang: str) -> float:
    env = {**os.environ, "DESKTUI_LANG": lang}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "deskTUI", "--help"], env=env, capture_output=True, check=True
    )
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    figures = {
        "catalogue_ms": {
            lang: [in_child(CATALOGUE.format(lang=lang)) for _ in range(runs)]
            for lang in ("en", "es")
        },
        "first_format_ms": {
            lang: [in_child(FIRST_FORMAT.format(lang=lang)) for _ in range(runs)]
            for lang in ("en", "es")
        },
        "help_ms": {lang: [help_ms(lang) for _ in range(runs)] for lang in ("en", "es")},
    }
    print(f"{'figure':<16}{'en (baseline)':>14}{'es':>10}{'es - en':>10}   median of {runs}")
    for name, by_lang in figures.items():
        en, es = (statistics.median(by_lang[lang]) for lang in ("en", "es"))
        print(f"{name:<16}{en:>14.2f}{es:>10.2f}{es - en:>10.2f}")


if __name__ == "__main__":
    main()
