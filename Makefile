# Two commands for a newcomer: `make run` and `make test`. Both call `make setup`, which is
# idempotent: each step runs again only when its inputs (lock files, asset script) changed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint bench bench-load lock clean-assets

setup: $(VENV)/.installed node_modules/.installed build/static/.built var/.exists

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt -r requirements/dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/.built: node_modules/.installed scripts/build_assets.mjs
	node scripts/build_assets.mjs
	@touch $@

var/.exists:
	@mkdir -p var
	@touch $@

# Links in emails and open data use the address the site is served on, unless SITE_URL is given.
run: export SITE_URL ?= http://$(HOST):$(PORT)
# The web server and one background worker (`db_worker`: open-data exports and other background tasks), stopped
# together (Ctrl-C, or the server exiting).
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_initial_data
	$(PY) manage.py crawl
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	echo "Serving $$SITE_URL"; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint arobase/templates --lint

bench: setup
	$(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/bench_elunum.py $(BENCH_ELUNUM_ARGS)

# Ceremony-day load through nginx (deploy/nginx/) and directly to gunicorn, production settings, PostgreSQL and
# Redis on loopback; needs wrk, nginx, redis-server. BENCH_LOAD_ARGS="--duration 60 --write" for the figures.
bench-load: setup
	$(PY) scripts/bench_load.py $(BENCH_LOAD_ARGS)

# Regenerate the hashed lock files after editing requirements/*.in.
lock: setup
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras requirements/base.in -o requirements/base.txt
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras requirements/dev.in -o requirements/dev.txt

clean-assets:
	rm -rf build node_modules
