"""`make bench` (Elunum): index generated pages, query latency on SQLite and PostgreSQL, crawler throughput.

For each database it prepares a database of its own (`var/bench/elunum.sqlite3`, `arobase_bench_elunum` on the
server of BENCH_PG_URL), fills it with `--pages` generated French pages over 1,000 sources (kept while it holds that
many), reports the indexing rate, then runs `--queries` searches (one to three words of the vocabulary, some with a
typo, some filtered) through `arobase.elunum.search.search` and reports the median and 95th percentile (target p95
≤ 50 ms). Last, one worker crawls a generated site served on loopback (300 pages) with politeness delays removed,
for the worker's own throughput. Nothing leaves the machine.

    .venv/bin/python scripts/bench_elunum.py                       # 100,000 pages, both databases
    .venv/bin/python scripts/bench_elunum.py --pages 10000 --dbs sqlite --queries 100
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://arobase:arobase@127.0.0.1:5432")
WORDS = re.findall(
    r"\S+",
    "numérique médiation conseiller inclusion fibre optique wifi public gratuit médiathèque démarche ligne mairie "
    "école collège tablette données ouvertes open data cybersécurité rançongiciel sauvegarde accessibilité "
    "handicap participation citoyenne budget participatif tiers-lieu fablab imprimante formation atelier senior "
    "jeune famille habitant commune département région agglomération intercommunalité service usager portail "
    "application mobile signalement voirie éclairage capteur énergie sobriété reconditionnement ordinateur "
    "logiciel libre souveraineté hébergement cloud messagerie visioconférence télétravail agent élu conseil "
    "délibération transparence algorithme intelligence artificielle chatbot accueil guichet rendez-vous santé "
    "télémédecine emploi entreprise commerce marché transport mobilité vélo covoiturage tourisme culture musée",
)


def database_url(db: str) -> str:
    return f"sqlite:///{BENCH_DIR / 'elunum.sqlite3'}" if db == "sqlite" else f"{PG_URL}/arobase_bench_elunum"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


SYLLABLES = [consonant + vowel for consonant in "bcdfglmnprstv" for vowel in "aeiou"]


def vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    """Words in Zipf order: generated words, with the real ones of WORDS between ranks 200 and 2,000, so that a
    query word is in a few percent of the pages, as in real texts."""
    generated = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]
    for rank, word in zip(range(200, 2000, 2000 // len(WORDS)), WORDS, strict=False):
        generated[rank] = word
    return generated


VOCABULARY: list[str] = []
CUMULATIVE: list[float] = []


def sentence(rng: random.Random) -> str:
    if not VOCABULARY:
        VOCABULARY.extend(vocabulary(random.Random(7)))  # noqa: S311 (benchmark data)
        total = 0.0
        for rank in range(1, len(VOCABULARY) + 1):
            total += rank**-1.05
            CUMULATIVE.append(total)
    words = rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def fill(pages: int, rng: random.Random) -> dict:
    from django.db import transaction

    from arobase.elunum import search
    from arobase.elunum.models import Page, Source, SourceKind

    if Page.objects.count() == pages:
        return {"indexed": None}
    Page.objects.all().delete()
    Source.objects.all().delete()
    kinds = SourceKind.values
    sources = Source.objects.bulk_create(
        Source(
            url_prefix=f"https://site{i}.example/",
            host=f"site{i}.example",
            name=f"Site {i}",
            kind=kinds[i % len(kinds)],
            status="approved",
        )
        for i in range(1000)
    )
    batch = []
    for i in range(pages):
        title = sentence(rng)[:-1]
        text = " ".join(sentence(rng) for _ in range(rng.randint(8, 25)))
        batch.append(
            Page(
                source=sources[i % 1000],
                url=f"https://site{i % 1000}.example/page-{i}",
                title=title,
                text=text,
                compounds=search.compounds_of(title, text),
                language="fr",
                published_at=f"20{rng.randint(15, 26)}-{rng.randint(1, 12):02d}-01",
            )
        )
    with transaction.atomic():
        Page.objects.bulk_create(batch, batch_size=2000)
    start = time.perf_counter()
    indexed = search.rebuild()
    seconds = time.perf_counter() - start
    return {"indexed": indexed, "index_seconds": round(seconds, 1), "pages_per_second": round(indexed / seconds)}


def queries(count: int, rng: random.Random) -> dict:
    from arobase.elunum.search import SearchFilters, search

    search(SearchFilters(q="numérique"))  # warm-up
    timings, kinds = [], ["", "collectivite", "ministere"]
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 3))]
        if i % 10 == 0:
            words[0] = words[0][:-1] + "z"  # a typo: the correction path
        filters = SearchFilters(q=" ".join(words), kind=kinds[i % 3] or None, type="page" if i % 4 == 0 else None)
        start = time.perf_counter()
        search(filters, page=1 + i % 3)
        timings.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(timings), 1), "p95_ms": round(percentile(timings, 0.95), 1)}


def crawl_throughput() -> dict:
    from django.conf import settings

    from arobase.elunum import services
    from arobase.elunum.models import Source
    from arobase.elunum.tests.fixture_site import FixtureSite, html_page

    class BenchSite(FixtureSite):
        def response(self, path, headers):
            if path == "/robots.txt":
                return 200, {}, f"User-agent: *\nSitemap: {self.url}/sitemap.xml\n".encode()
            if path == "/sitemap.xml":
                items = "".join(f"<url><loc>{self.url}/p/{i}</loc></url>" for i in range(300))
                body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
                return 200, {"Content-Type": "application/xml"}, body.encode()
            if path.startswith("/p/"):
                rng = random.Random(path)  # noqa: S311 (benchmark data)
                text = " ".join(sentence(rng) for _ in range(30))
                return 200, {"Content-Type": "text/html"}, html_page(f"Page {path}", text)
            return 404, {}, b""

    settings.CRAWLER_ALLOW_PRIVATE_NETWORKS = True
    settings.CRAWLER_MIN_DELAY_SECONDS = 0
    site = BenchSite()
    server = site.start()
    try:
        source = Source.objects.create(
            url_prefix=f"{site.url}/",
            host=f"127.0.0.1:{site.port}",
            name="Bench",
            kind="collectivite",
            status="approved",
            budget_pages=400,
        )
        start = time.perf_counter()
        summary = services.crawl_host(source.host, sleep=lambda seconds: None, only_due=False)
        seconds = time.perf_counter() - start
        source.delete()
    finally:
        server.shutdown()
    return {
        "fetched": summary.fetched,
        "indexed": summary.indexed,
        "pages_per_second": round(summary.indexed / seconds, 1),
    }


def child(args) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arobase.settings")
    django.setup()
    rng = random.Random(2026)  # noqa: S311 (benchmark data)
    result = {"db": args.child, **fill(args.pages, rng), **queries(args.queries, rng)}
    if args.child == "sqlite":
        result["crawl"] = crawl_throughput()
    print("RESULT " + json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--dbs", default="sqlite,postgresql")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for db in args.dbs.split(","):
        url = database_url(db)
        env = {**os.environ, "DATABASE_URL": url}
        if db == "postgresql":
            subprocess.run(
                ["psql", PG_URL + "/postgres", "-qc", "CREATE DATABASE arobase_bench_elunum"],
                capture_output=True,
                check=False,
            )
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        result = subprocess.run(
            [sys.executable, __file__, "--child", db, "--pages", str(args.pages), "--queries", str(args.queries)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
        if not lines:
            print(result.stdout[-2000:], result.stderr[-4000:], file=sys.stderr)
            return 1
        print(f"{db}, {args.pages:,} pages: {lines[-1][7:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
