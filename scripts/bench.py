"""`make bench`: server latency of the public Atlaas, API and pages at several data sizes, on SQLite and PostgreSQL.

For each database and size it prepares a database of its own (created once, reused while it holds the wanted
number of demo actions), serves it with gunicorn on 127.0.0.1 (loopback only), sends a bounded number of
sequential requests per URL after a warm-up, and reports the median and the 95th percentile; then it opens the
map page in headless Chromium and measures the time until clusters are drawn. Results go to stdout and, with
--write, are appended to docs/performance.md with the machine.

    .venv/bin/python scripts/bench.py                      # 3,000 and 30,000 actions, both databases
    .venv/bin/python scripts/bench.py --sizes 3000 --dbs sqlite --requests 20
    .venv/bin/python scripts/bench.py --sizes 3000,30000,300000 --write
    .venv/bin/python scripts/bench.py --sizes 3000 --only typo --no-browser   # some requests only

PostgreSQL databases are `arobase_bench_<size>` (prefix: BENCH_PG_PREFIX) on the server of BENCH_PG_URL (default
the local arobase role); when one is missing it is created (with the role of that URL if needed) as the postgres
system user (root only), or create it yourself. The PostgreSQL server must be running (`pg_ctlcluster 15 main start`).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
BENCH_DIR = ROOT / "var" / "bench"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://arobase:arobase@127.0.0.1:5432")
HOST = "127.0.0.1"
# Several checkouts may bench on one PostgreSQL server: each can name its own databases.
PG_PREFIX = os.environ.get("BENCH_PG_PREFIX", "arobase_bench")


def database_url(db: str, size: int) -> str:
    if db == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'bench-{size}.sqlite3'}"
    return f"{PG_URL}/{PG_PREFIX}_{size}"


def manage(url: str, *args: str, env_extra: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, **(env_extra or {})}
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True)


def count_demo_actions(url: str) -> int:
    code = "from arobase.actions.models import Action; print(Action.objects.count())"
    result = manage(url, "shell", "-c", code, check=False)
    numbers = re.findall(r"^(\d+)$", result.stdout, re.MULTILINE)
    return int(numbers[-1]) if result.returncode == 0 and numbers else -1


def as_postgres(command: str) -> str:
    """Runs a shell command as the postgres system user (root only) and returns its output."""
    return subprocess.run(["su", "postgres", "-c", command], capture_output=True, text=True, check=True).stdout


def prepare(db: str, size: int, say) -> str:
    url = database_url(db, size)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if db == "postgresql":
        name = f"{PG_PREFIX}_{size}"
        if name not in as_postgres("psql -tAc 'SELECT datname FROM pg_database'").split():
            parts = urlsplit(PG_URL)
            user, password = parts.username or "arobase", parts.password or "arobase"
            if user not in as_postgres("psql -tAc 'SELECT rolname FROM pg_roles'").split():
                as_postgres(f"""psql -q -c "CREATE ROLE {user} LOGIN CREATEDB PASSWORD '{password}'" """)
            as_postgres(f"createdb -O {user} {name}")
    manage(url, "migrate", "--noinput")
    if count_demo_actions(url) != size:
        say(f"  loading {size:,} demo actions into {db} (a few minutes for large sizes)…")
        started = time.perf_counter()
        manage(url, "load_initial_data", "--no-demo")
        manage(url, "generate_demo", "--actions", str(size), "--reset")
        say(f"  loaded in {time.perf_counter() - started:.0f} s")
    # The coverage table of peers and gaps (built by generate_demo; a database of an older release lacks it).
    manage(url, "rebuild_coverage")
    # The baromètre page shows a precomputed edition: freeze one once (a later run finds it frozen already).
    manage(url, "compute_barometre", "--latest-published", "--freeze", check=False)
    return url


def barometre_computation_ms(url: str) -> float | None:
    """Time to compute the figures of an edition (what staff wait for), measured inside one process."""
    code = (
        "import time\n"
        "from arobase.barometre.selectors import compute_figures, latest_published_results_year\n"
        "year = latest_published_results_year()\n"
        "started = time.perf_counter()\n"
        "compute_figures(year)\n"
        "print(round((time.perf_counter() - started) * 1000))"
    )
    result = manage(url, "shell", "-c", code, check=False)
    numbers = re.findall(r"^(\d+)$", result.stdout, re.MULTILINE)
    return float(numbers[-1]) if result.returncode == 0 and numbers else None


BILAN_PDF = """
import json, time
from arobase.actions.models import Action
from arobase.bilan.pdf import bilan_html, render_pdf
from arobase.bilan.selectors import build_bilan
from arobase.mosaic.selectors import label_years
owner = Action.objects.published().order_by("-pk").first().owner
year = label_years().default
timings = []
for _ in range({runs}):
    started = time.perf_counter()
    html = bilan_html(build_bilan(territory=owner, year=year))
    size = len(render_pdf(html))
    timings.append((time.perf_counter() - started) * 1000)
print(json.dumps({{"name": owner.name, "timings": timings, "bytes": size}}))
"""


def measure_bilan_pdf(url: str, runs: int = 5) -> dict | None:
    """A bilan PDF of a collectivité with actions, built and rendered in one process (what the task does)."""
    result = manage(url, "shell", "-c", BILAN_PDF.format(runs=runs), check=False)
    found = re.findall(r"^(\{.*\})$", result.stdout, re.MULTILINE)
    return json.loads(found[-1]) if result.returncode == 0 and found else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, url: str, workers: int):
        self.port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
        self.process = subprocess.Popen(
            [GUNICORN, "arobase.wsgi", "-b", f"{HOST}:{self.port}", "-w", str(workers), "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                self.get("/api/v1/referential/editions")
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not start")

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes, float]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        started = time.perf_counter()
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        return response.status, body, elapsed

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def pick_urls(server: Server) -> dict[str, str]:
    _status, body, _ms = server.get("/api/v1/actions?page_size=1")
    first = json.loads(body)["results"][0]
    owner = first["owner"]
    urls = {
        "map points, all of France (gzip)": "/api/v1/map/points",
        "map points, filtered (theme T1, done, bbox)": "/api/v1/map/points?theme=T1&status=done&bbox=-5,42,8,51",
        "search API (q=mediation numerique)": "/api/v1/actions?q=mediation+numerique&page_size=20",
        "action list API (page 3 of 50)": "/api/v1/actions?page=3&page_size=50",
        "filtered list API (enjeu, status)": "/api/v1/actions?enjeu=T2E1&status=ongoing&page_size=20",
        "map page (/atlaas/)": "/atlaas/",
        "search page (/atlaas/recherche/?q=mediation)": "/atlaas/recherche/?q=mediation",
        "typo search page, corrected (q=mediaton)": "/atlaas/recherche/?q=mediaton",
        "typo search page, nothing close (q=xqzwvk)": "/atlaas/recherche/?q=xqzwvk",
        "typo search page, hyphenated word (q=wi-fi)": "/atlaas/recherche/?q=wi-fi",
        "typo territory search API (q=hazebrouk)": "/api/v1/territories?q=hazebrouk",
        "typo territory search page (q=hazebrouk)": "/territoires/?q=hazebrouk",
        f"collectivité page ({owner['name']})": f"/territoires/{owner['kind']}/{owner['code']}/",
        "palmarès index": "/label/palmares/",
        "baromètre page, latest edition (/barometre/)": "/barometre/",
        f"comparison: peers API ({owner['name']})": f"/api/v1/territories/{owner['code']}/peers",
        f"comparison: gaps API ({owner['name']})": f"/api/v1/territories/{owner['code']}/gaps",
        "comparison: compare page (anonymous, cached)": f"/territoires/{owner['kind']}/{owner['code']}/se-comparer/",
        "network: timeline page (/histoire/)": "/histoire/",
        "network: timeline API (/api/v1/timeline)": "/api/v1/timeline",
        "network: timeline feed (/flux/histoire.atom)": "/flux/histoire.atom",
        "network: articles page (/articles/)": "/articles/",
        "network: events page (/evenements/)": "/evenements/",
        "network: events feed (/flux/evenements.atom)": "/flux/evenements.atom",
    }
    _status, body, _ms = server.get("/label/palmares/")
    years = re.findall(rb'href="/label/palmares/(\d{4})/"', body)
    if years:
        urls[f"palmarès page ({years[0].decode()})"] = f"/label/palmares/{years[0].decode()}/"
    _status, body, _ms = server.get("/api/v1/barometre")
    editions = json.loads(body).get("results", []) if _status == 200 else []
    if editions:
        urls["baromètre API (/api/v1/barometre/{year})"] = f"/api/v1/barometre/{editions[0]['year']}"
    return urls


def measure(server: Server, urls: dict[str, str], requests: int) -> list[dict]:
    rows = []
    for label, path in urls.items():
        headers = {"Accept-Encoding": "gzip"}
        for _ in range(3):
            server.get(path, headers)  # warm-up (and cache fill)
        timings, size, status = [], 0, 0
        for _ in range(requests):
            status, body, elapsed = server.get(path, headers)
            timings.append(elapsed)
            size = len(body)
        rows.append(
            {
                "what": label,
                "path": path,
                "status": status,
                "median": statistics.median(timings),
                "p95": percentile(timings, 0.95),
                "bytes": size,
            }
        )
    return rows


def comparison_owners(server: Server, wanted: int = 31) -> list[dict]:
    """Distinct communes and EPCI owning recent actions (they have peers), for the first-request figures."""
    owners: dict[str, dict] = {}
    page = 1
    while len(owners) < wanted and page <= 20:
        _status, body, _ms = server.get(f"/api/v1/actions?page={page}&page_size=100")
        for action in json.loads(body).get("results", []):
            owner = action["owner"]
            if owner["kind"] in ("commune", "epci"):
                owners.setdefault(owner["code"], owner)
        page += 1
    return list(owners.values())[:wanted]


def measure_first_requests(server: Server, owners: list[dict]) -> list[dict]:
    """Peers and gaps asked once per collectivité, as users do: the first request of each is uncached (the gap
    report is cached per collectivité; what all share, such as the national shares, is warmed by the first)."""
    rows = []
    for what, suffix in (("peers", "peers"), ("gaps", "gaps")):
        timings, statuses, size = [], set(), 0
        for owner in owners:
            status, body, elapsed = server.get(f"/api/v1/territories/{owner['code']}/{suffix}")
            timings.append(elapsed)
            statuses.add(status)
            size = len(body)
        timings = timings[1:]  # the first collectivité warms the shared caches
        rows.append(
            {
                "what": f"comparison: {what} API, first request ({len(timings)} distinct collectivités)",
                "path": "",
                "status": 200 if statuses == {200} else max(statuses),
                "median": statistics.median(timings),
                "p95": percentile(timings, 0.95),
                "bytes": size,
            }
        )
    return rows


def measure_first_points(url: str) -> float:
    """Uncached map points for all of France: a fresh server (empty local-memory cache), first request."""
    server = Server(url, 1)
    try:
        _status, _body, elapsed = server.get("/api/v1/map/points", {"Accept-Encoding": "gzip"})
        return elapsed
    finally:
        server.stop()


def _static_file(route) -> None:
    """Static files from the source folders (as runserver or whitenoise would serve them)."""
    relative = urlsplit(route.request.url).path.removeprefix("/static/")
    for folder in (ROOT / "arobase" / "static", ROOT / "build" / "static"):
        candidate = (folder / relative).resolve()
        if candidate.is_file() and folder.resolve() in candidate.parents:
            route.fulfill(path=str(candidate))
            return
    route.fulfill(status=404)


def clusters_drawn(server: Server, runs: int = 3) -> list[float]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not Path(path).exists():
        return []
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())  # no tile network in bench
            page.route("**/static/**", _static_file)  # gunicorn serves no static files without whitenoise
            started = time.perf_counter()
            page.goto(f"http://{HOST}:{server.port}/atlaas/")
            page.wait_for_selector(".marker-cluster", timeout=30_000)
            timings.append((time.perf_counter() - started) * 1000)
            context.close()
        browser.close()
    return timings


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )  # fmt: skip
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    load = os.getloadavg()
    import sqlite3

    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"load average at start {load[0]:.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="3000,30000")
    parser.add_argument("--dbs", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=40, help="requests per URL after 3 warm-up requests")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="append the figures to docs/performance.md")
    parser.add_argument("--only", default="", help="measure only the requests whose label contains this text")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-request and Chromium figures")
    args = parser.parse_args()

    def say(message: str) -> None:
        print(message, flush=True)

    lines = [
        f"### Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}. gunicorn with {args.workers} sync workers on 127.0.0.1, local-memory cache, "
        f"{args.requests} sequential requests per URL after 3 warm-up requests (cache filled), "
        "`Accept-Encoding: gzip`. Times in milliseconds (median / 95th percentile), size of the last response.",
        "",
    ]
    for db in args.dbs.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            say(f"{db}, {size:,} actions")
            url = prepare(db, size, say)
            first = None if args.no_browser else measure_first_points(url)
            computation = (
                barometre_computation_ms(url) if args.only in "baromètre" or "baromètre" in args.only else None
            )
            server = Server(url, args.workers)
            try:
                urls = {label: path for label, path in pick_urls(server).items() if args.only in label}
                rows = measure(server, urls, args.requests)
                if args.only in "comparison: peers and gaps API, first request":
                    rows += measure_first_requests(server, comparison_owners(server))
                drawn = [] if args.no_browser else clusters_drawn(server)
            finally:
                server.stop()
            bilan = measure_bilan_pdf(url) if args.only in "comparison: bilan PDF" else None
            lines += [f"#### {db}, {size:,} actions", "", "| request | median | p95 | bytes |", "|---|---:|---:|---:|"]
            if first is not None:
                lines.append(f"| map points, all of France, uncached (first request) | {first:.0f} | | |")
            if computation is not None:
                lines.append(f"| computing a baromètre edition (compute_figures, once) | {computation:.0f} | | |")
            for row in rows:
                flag = "" if row["status"] == 200 else f" (HTTP {row['status']})"
                lines.append(f"| {row['what']}{flag} | {row['median']:.1f} | {row['p95']:.1f} | {row['bytes']:,} |")
            if drawn:
                lines.append(
                    f"| headless Chromium: open /atlaas/ → clusters drawn ({len(drawn)} runs) | "
                    f"{statistics.median(drawn):.0f} | {max(drawn):.0f} | |"
                )
            if bilan:
                timings = bilan["timings"]
                lines.append(
                    f"| comparison: bilan PDF of {bilan['name']} ({len(timings)} runs, one process) | "
                    f"{statistics.median(timings):.0f} | {max(timings):.0f} | {bilan['bytes']:,} |"
                )
            lines.append("")
            say("\n".join(lines[-len(rows) - 7 :]))
    report = "\n".join(lines)
    print(report)
    if args.write:
        with (ROOT / "docs" / "performance.md").open("a", encoding="utf-8") as handle:
            handle.write("\n" + report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
