"""Benchmark: streamed exports of many incident records, time and peak memory.

Generates N synthetic incident records lazily (never a list), streams them through the real
export path (``open_export`` → Redactor → exporter) into a temporary file, and reports
records/s (without tracing) and the peak of Python allocations (tracemalloc, a separate run).
Running it with two sizes shows that the peak does not grow with N.

    .venv/bin/python bench/export_bench.py                  # N = 100,000 and 10,000; csv geojson xlsx
    .venv/bin/python bench/export_bench.py -n 20000 --formats csv,json --audience internal
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TOWNS = (("Мелітополь", "UA-23", 46.8489, 35.3675), ("Херсон", "UA-65", 46.6354, 32.6169),
         ("Бердянськ", "UA-23", 46.7558, 36.7885), ("Старобільськ", "UA-09", 49.2781, 38.9097))
TITLES = ("Лікарня відмовила пацієнтці в інсуліні без паспорта РФ",
          "ВИЧ-положительным предлагают терапию в обмен на контракт с армией",
          "Clinic refused treatment to a pensioner without an OMS policy")


def generate(n: int) -> Iterator[dict[str, Any]]:
    """N incident records in the shared shape, produced one at a time."""
    for i in range(1, n + 1):
        town, oblast, lat, lon = TOWNS[i % len(TOWNS)]
        day = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        yield {
            "id": i, "title": TITLES[i % 3] + f" #{i}", "status": "open", "certainty": "possible",
            "certainty_reason": "1 origin", "certainty_source": "machine",
            "violations": ["denial_no_passport"], "oblasts": [oblast],
            "places": [{"name": town, "settlement": town, "raion": f"{town}ський район", "oblast": oblast,
                        "katottg": f"UA{i:017d}", "lat": lat, "lon": lon, "precision": "settlement"}],
            "first_date": day, "last_date": day, "dates": [day], "victim_groups": ["chronic_patients"],
            "perpetrators": ["occupation_health_facility"],
            "reports": [{"id": i * 2, "source": "https://example.org/a", "title": "report", "language": "uk",
                         "role": "origin", "sha256": f"{i:064x}", "published": day}],
            "independent_origins": ["example.org"], "origin_count": 1, "chain": "1 report, 1 origin",
            "policies": [], "persons": [{"id": f"p{i}", "name": "Ім'я Прізвище"}],
            "created_at": "2024-01-01T00:00:00+00:00", "updated_at": "2024-01-01T00:00:00+00:00",
        }


def run_once(fmt: str, n: int, audience: str, *, trace: bool) -> tuple[float, int, int]:
    """Seconds, output bytes and (when tracing) peak traced bytes for one streamed export."""
    from carewatch.exports.service import open_export

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"out.{fmt}"
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        with out.open("wb") as fh:
            open_export(user=None, fmt=fmt, audience=audience, records=generate(n)).run(fh)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
        return elapsed, out.stat().st_size, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="records in the large run")
    parser.add_argument("--small", type=int, default=10_000, help="records in the comparison run")
    parser.add_argument("--formats", default="csv,geojson,xlsx")
    parser.add_argument("--audience", default="public")
    args = parser.parse_args()
    os.environ.setdefault("CAREWATCH_HOME", tempfile.mkdtemp(prefix="cw-bench-"))
    print(f"| format | records | seconds | records/s | output MB | peak MB (n={args.small:,}) "
          f"| peak MB (n={args.n:,}) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fmt in args.formats.split(","):
        seconds, size, _ = run_once(fmt, args.n, args.audience, trace=False)
        _, _, small_peak = run_once(fmt, args.small, args.audience, trace=True)
        _, _, big_peak = run_once(fmt, args.n, args.audience, trace=True)
        print(f"| {fmt} | {args.n:,} | {seconds:.1f} | {args.n / seconds:,.0f} | {size / 1e6:.1f} "
              f"| {small_peak / 1e6:.2f} | {big_peak / 1e6:.2f} |", flush=True)


if __name__ == "__main__":
    main()
