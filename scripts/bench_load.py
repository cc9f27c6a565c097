"""`make bench-load`: ceremony-day load on loopback, through the shipped nginx configuration and directly.

It prepares a PostgreSQL database with the demo data (created once, then reused), starts a private Redis (the
shared cache), runs `collectstatic` and gunicorn with production settings, and nginx with deploy/nginx/arobase.conf
(paths and ports rewritten to a temporary folder, a self-signed certificate made for the run). Then, for the
palmarès, a collectivité page, the Atlaas map page and the map points, wrk sends a bounded load (DURATION seconds
per case, CONNECTIONS connections, Accept-Encoding: gzip, no cookie: anonymous visitors):

- "static floor": nginx serving the same bytes as a static file (what nginx alone can do on this machine);
- "through nginx": HTTPS to nginx, which micro-caches the public pages and asks gunicorn;
- "gunicorn direct": HTTP to gunicorn with the TLS-proxy header (Django's page cache in Redis).

    .venv/bin/python scripts/bench_load.py --duration 15 --connections 200 --write

The database is `arobase_bench_load` on the server of BENCH_PG_URL (default postgres://arobase:arobase@127.0.0.1:5432),
whose role must be allowed to create databases. Needs wrk, nginx, redis-server and openssl on the PATH.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
SITE_CONFIG = ROOT / "deploy" / "nginx" / "arobase.conf"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
HOST_NAME = "label.villes-internet.net"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://arobase:arobase@127.0.0.1:5432")
MARK_START = "<!-- bench-load: start -->"
MARK_END = "<!-- bench-load: end -->"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_site_config(*, folder: Path, app_port: int, http_port: int, https_port: int) -> str:
    """deploy/nginx/arobase.conf with its example paths and ports moved under ``folder`` and to loopback ports.
    Every example value must be found: the shipped file and this rewrite cannot drift apart silently."""
    text = SITE_CONFIG.read_text()
    replacements = {
        "server 127.0.0.1:8000": f"server 127.0.0.1:{app_port}",
        "    listen [::]:80;\n": "",
        "    listen [::]:443 ssl http2;\n": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/letsencrypt/live/label.villes-internet.net/": f"{folder}/tls/",
        "/srv/arobase/": f"{folder}/srv/",
        "/var/cache/nginx/arobase": f"{folder}/cache",
        "/var/log/nginx/": f"{folder}/log/",
        "/var/www/letsencrypt": f"{folder}/acme",
    }
    for example, local in replacements.items():
        if example not in text:
            raise ValueError(f"{SITE_CONFIG.name} no longer contains {example!r}")
        text = text.replace(example, local)
    return text


def write_nginx(*, folder: Path, site: str, extra_server: str = "") -> Path:
    """A main nginx.conf around the site file (as Debian's /etc/nginx/nginx.conf includes sites-enabled/)."""
    for name in ("tls", "srv/static", "srv/media", "cache", "log", "acme", "floor"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", f"/CN={HOST_NAME}",
         "-keyout", str(folder / "tls" / "privkey.pem"), "-out", str(folder / "tls" / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    (folder / "site.conf").write_text(site)
    user = "user root;\n" if os.geteuid() == 0 else ""  # temporary folders are private to root
    main = folder / "nginx.conf"
    main.write_text(
        f"{user}worker_processes auto;\npid {folder}/nginx.pid;\nerror_log {folder}/log/error.log;\n"
        "events { worker_connections 4096; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    sendfile on;\n    access_log off;\n    include {folder}/site.conf;\n{extra_server}}}\n"
    )
    return main


def manage(database_url: str, *args: str, production: bool = False, extra: dict | None = None) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, **(extra or {})}
    if not production:
        env.pop("ENVIRONMENT", None)
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return result.stdout


def prepare_database(actions: int) -> str:
    import psycopg

    url = f"{PG_URL}/arobase_bench_load"
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = 'arobase_bench_load'").fetchone():
            connection.execute("CREATE DATABASE arobase_bench_load")
    manage(url, "migrate", "--noinput")
    manage(url, "load_initial_data", extra={"DEMO_ACTIONS": str(actions)})
    return url


class Services:
    """Redis, gunicorn and nginx for the run; stopped in reverse order."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: list[subprocess.Popen] = []

    def start(self, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log = (self.folder / "log" / f"{Path(command[0]).name}.log").open("ab")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def get(port: int, path: str, *, https_header: bool = True) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": HOST_NAME, "Accept-Encoding": "gzip"}
    if https_header:
        headers["X-Forwarded-Proto"] = "https"
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def wait_until_up(port: int, path: str = "/mentions-legales/") -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if get(port, path)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"nothing answers on port {port}")


def pick_pages(app_port: int) -> dict[str, str]:
    _status, _headers, body = get(app_port, "/label/palmares/")
    body = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
    year = re.findall(rb'href="/label/palmares/(\d{4})/"', body)[0].decode()
    _status, _headers, body = get(app_port, f"/label/palmares/{year}/")
    body = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
    territory = re.search(rb'href="(/territoires/[a-z]+/[0-9A-Za-z]+/)"', body).group(1).decode()
    return {
        f"palmarès {year}": f"/label/palmares/{year}/",
        "collectivité page": territory,
        "Atlaas map page": "/atlaas/",
        "map points (API)": "/api/v1/map/points",
    }


def wrk(url: str, *, duration: int, connections: int, threads: int, https_header: bool) -> dict:
    command = ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
               "-H", f"Host: {HOST_NAME}", "-H", "Accept-Encoding: gzip", "--timeout", "10s"]  # fmt: skip
    if https_header:
        command += ["-H", "X-Forwarded-Proto: https"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": _milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": (sum(int(n) for n in socket_errors.groups()) if socket_errors else 0)
        + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run(options) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    database_url = prepare_database(options.actions)
    app_port, http_port, https_port, floor_port, redis_port = (free_port() for _ in range(5))
    services = Services(folder)
    try:
        site = local_site_config(folder=folder, app_port=app_port, http_port=http_port, https_port=https_port)
        floor_server = (
            f"    server {{\n        listen 127.0.0.1:{floor_port};\n        root {folder}/floor;\n"
            "        gzip_static on;\n    }\n"
        )
        nginx_conf = write_nginx(folder=folder, site=site, extra_server=floor_server)
        env = {
            **os.environ, "ENVIRONMENT": "production", "BEHIND_TLS_PROXY": "1", "AXES_PROXY_COUNT": "1",
            "SECRET_KEY": "bench-" + os.urandom(24).hex(), "ALLOWED_HOSTS": HOST_NAME, "DATABASE_URL": database_url,
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0", "STATIC_ROOT": str(folder / "srv" / "static"),
            "MEDIA_ROOT": str(folder / "srv" / "media"), "LOG_LEVEL": "WARNING",
        }  # fmt: skip
        services.start(["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "",
                        "--appendonly", "no"])  # fmt: skip
        subprocess.run([PY, "manage.py", "collectstatic", "--noinput"], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
        services.start([str(ROOT / ".venv" / "bin" / "gunicorn"), "arobase.wsgi:application",
                        "--bind", f"127.0.0.1:{app_port}", "--workers", str(options.workers), "--timeout", "30"],
                       env=env)  # fmt: skip
        wait_until_up(app_port)
        subprocess.run(["nginx", "-t", "-q", "-c", str(nginx_conf)], check=True)
        services.start(["nginx", "-c", str(nginx_conf), "-g", "daemon off;"])
        time.sleep(1)
        rows = []
        for number, (label, path) in enumerate(pick_pages(app_port).items()):
            status, headers, body = get(app_port, path)
            if status != 200:
                raise RuntimeError(f"{path}: status {status}")
            floor_name = f"page-{number}.html"
            raw = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
            (folder / "floor" / floor_name).write_bytes(raw)
            (folder / "floor" / (floor_name + ".gz")).write_bytes(gzip.compress(raw))
            cases = {
                "static floor (nginx, same bytes)": (f"http://127.0.0.1:{floor_port}/{floor_name}", False),
                "through nginx (HTTPS, micro-cache)": (f"https://127.0.0.1:{https_port}{path}", False),
                f"gunicorn direct ({options.workers} workers)": (f"http://127.0.0.1:{app_port}{path}", True),
            }
            for case, (url, https_header) in cases.items():
                figures = wrk(url, duration=options.duration, connections=options.connections,
                              threads=options.threads, https_header=https_header)  # fmt: skip
                row = {"page": label, "path": path, "case": case, "bytes": len(body), **figures}
                print(f"{label:20} {case:40} {row['rps']:>9,.0f} req/s  p50 {row['p50']:>7.1f} ms  "
                      f"p99 {row['p99']:>7.1f} ms  errors {row['errors']}", flush=True)  # fmt: skip
                rows.append(row)
        return rows
    except Exception:
        for log in sorted((folder / "log").glob("*.log")):
            print(f"--- {log.name} ---\n" + "\n".join(log.read_text(errors="replace").splitlines()[-20:]))
        raise
    finally:
        services.stop()
        shutil.rmtree(folder, ignore_errors=True)


def markdown(rows: list[dict], options) -> str:
    load = os.getloadavg()
    lines = [
        MARK_START,
        f"Run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `make bench-load` ({options.duration} s per case, "
        f"{options.connections} connections, {options.threads} wrk threads, gunicorn {options.workers} sync workers, "
        f"nginx `worker_processes auto`, PostgreSQL, Redis), {os.cpu_count()} cores, {platform.python_version()}, "
        f"load average before the run {load[0]:.1f}. wrk, nginx, gunicorn, PostgreSQL and Redis share these "
        "cores, so every figure is pessimistic for a real deployment.",
        "",
        "| page | case | req/s | p50 (ms) | p99 (ms) | errors | bytes (gzip) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['case']} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p99']:.1f} | "
            f"{row['errors']} | {row['bytes']:,} |"
        )
    lines.append(MARK_END)
    return "\n".join(lines)


def write_doc(block: str) -> None:
    text = PERFORMANCE_DOC.read_text()
    start, end = text.find(MARK_START), text.find(MARK_END)
    if start == -1 or end == -1:
        raise SystemExit(f"{PERFORMANCE_DOC} has no {MARK_START} … {MARK_END} block")
    PERFORMANCE_DOC.write_text(text[:start] + block + text[end + len(MARK_END) :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15, help="seconds per case (at most 60)")
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--actions", type=int, default=3000, help="demo actions of a new bench database")
    parser.add_argument("--write", action="store_true", help="write the figures to docs/performance.md")
    options = parser.parse_args()
    if not 1 <= options.duration <= 60:
        parser.error("--duration must be between 1 and 60 seconds")
    for tool in ("wrk", "nginx", "redis-server", "openssl"):
        if not shutil.which(tool):
            parser.error(f"{tool} is required (apt-get install {tool})")
    rows = run(options)
    block = markdown(rows, options)
    print(block)
    if options.write:
        write_doc(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
