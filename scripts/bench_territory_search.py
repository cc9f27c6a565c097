"""Time representative territory searches on the configured database (see docs/performance.md).

Usage:
    .venv/bin/python scripts/bench_territory_search.py [--repeat 200]
    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_territory_search.py

Loads data/territories.json.gz into the database first if it holds no commune (migrations must be applied), then
times each search through the selector (count + first page of 20, as the pages and the API do) and through the
API view with Django's test Client, printing the median and the 95th percentile in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arobase.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from arobase.territories.models import Territory, TerritoryKind  # noqa: E402
from arobase.territories.selectors import search_territories  # noqa: E402
from arobase.territories.services import import_territories  # noqa: E402

PAGE_SIZE = 20
# (label, query, kind): names, prefixes, codes, postal codes, a département, a filter, the empty listing.
SEARCHES = [
    ("exact name", "saint etienne", None),
    ("name with apostrophe", "villeneuve d ascq", None),
    ("word prefix", "amien", None),
    ("short prefix", "la", None),
    ("one letter", "a", None),
    ("rare name", "zuydcoote", None),
    ("no match", "xyzzy", None),
    ("name + kind", "saint", TerritoryKind.COMMUNE),
    ("INSEE code", "2A004", None),
    ("postal code", "80000", None),
    ("SIREN", "248000531", None),
    ("département code", "42", None),
    ("empty (all)", "", None),
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    action()  # warm-up
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95)


def ensure_data() -> None:
    if Territory.objects.filter(kind=TerritoryKind.COMMUNE).exists():
        return
    print(f"Empty territory table: importing {settings.TERRITORIES_SNAPSHOT}")
    started = time.perf_counter()
    import_territories(source=settings.TERRITORIES_SNAPSHOT, progress=lambda message: print("  " + message))
    print(f"Import: {time.perf_counter() - started:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of the territory search.")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)

    ensure_data()
    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version")
        version = cursor.fetchone()[0]
    print(f"Database: {connection.vendor} {version}, {Territory.objects.count()} territories, {args.repeat} runs each")
    setup_test_environment()  # lets the test Client's "testserver" host through ALLOWED_HOSTS
    client = Client()

    header = f"{'search':22} {'query':20} {'results':>8} {'selector med':>13} {'p95':>7} {'API med':>8} {'p95':>7}"
    print(header)
    print("-" * len(header))
    for label, query, kind in SEARCHES:

        def selector(query=query, kind=kind):
            territories = search_territories(query=query, kind=kind)
            return territories.count(), list(territories.select_related("departement")[:PAGE_SIZE])

        def api(query=query, kind=kind):
            params = {"q": query, "page_size": PAGE_SIZE, **({"kind": kind} if kind else {})}
            response = client.get("/api/v1/territories", params)
            assert response.status_code == 200, response.content
            return response

        count = search_territories(query=query, kind=kind).count()
        selector_median, selector_p95 = measure(selector, args.repeat)
        api_median, api_p95 = measure(api, args.repeat)
        print(
            f"{label:22} {query!r:20} {count:>8} {selector_median:>10.2f} ms {selector_p95:>7.2f} "
            f"{api_median:>5.2f} ms {api_p95:>7.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
