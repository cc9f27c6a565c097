#!/usr/bin/env bash
# The README's production steps, for real, on loopback: production settings, migrate, initial data (plus a small
# demo so that pages have content), collectstatic, gunicorn as documented; then scripts/smoke_production.py through
# a TLS-proxy header. Needs DATABASE_URL (PostgreSQL) and CACHE_URL (Redis); called by .ci/run.
#   DATABASE_URL=postgres://… CACHE_URL=redis://127.0.0.1:6379/1 scripts/smoke_production.sh
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL must point to a PostgreSQL database}"
: "${CACHE_URL:?CACHE_URL must point to Redis}"
port=${SMOKE_PORT:-8765}
work=$(mktemp -d)
export ENVIRONMENT=production BEHIND_TLS_PROXY=1 AXES_PROXY_COUNT=1 \
       SECRET_KEY="smoke-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
       ALLOWED_HOSTS=label.villes-internet.net CSRF_TRUSTED_ORIGINS=https://label.villes-internet.net \
       STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media" ATLAAS_OPENDATA_DIR="$work/opendata"

gunicorn_pid=
cleanup() {
  if [ -n "$gunicorn_pid" ]; then kill "$gunicorn_pid" 2>/dev/null || true; wait "$gunicorn_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

.venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py rebuild_coverage
.venv/bin/python manage.py load_initial_data
# The demo is refused in production settings (public passwords): generated with local ones on the same database.
ENVIRONMENT=local DEBUG=0 .venv/bin/python manage.py generate_demo --reset --actions "${DEMO_ACTIONS:-300}" >/dev/null
.venv/bin/python manage.py collectstatic --noinput >/dev/null
.venv/bin/gunicorn arobase.wsgi:application --bind "127.0.0.1:$port" --workers 2 --timeout 30 \
  --access-logfile - >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null -H "Host: label.villes-internet.net" -H "X-Forwarded-Proto: https" \
    "http://127.0.0.1:$port/mentions-legales/" 2>/dev/null && break
  sleep 0.5
done
if ! .venv/bin/python scripts/smoke_production.py --base-url "http://127.0.0.1:$port" \
     --login "contributeur@demo.villes-internet.invalid:Contributeur-Demo-2026!"; then
  echo "--- gunicorn log ---"; tail -n 60 "$work/gunicorn.log"
  exit 1
fi
