# Parallax: `make run` serves the site, `make test` runs every check. Both bootstrap .venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
export PARALLAX_SEEDS ?= $(abspath ../shared/seeds)
export PARALLAX_REALWORLD ?= $(abspath ../shared/realworld)

.PHONY: install run serve worker test test-fast lint format migrations-check pytest bench eval browser-deps superuser ingest clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Parallax needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

# Headless Chromium for the browser tests, from Debian's packages (Playwright cannot download one here).
browser-deps:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "Could not install chromium: browser tests will fail"; }

# The site and one task worker (uploads run as import jobs), started and stopped together.
run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# Production: gunicorn (WEB_CONCURRENCY processes x PARALLAX_THREADS threads) and one task worker.
# Needs SECRET_KEY and ALLOWED_HOSTS (README, "Serving in production"); more workers: `make worker`.
WEB_CONCURRENCY ?= 2
PARALLAX_THREADS ?= 4
serve: install
	DEBUG=false $(PY) manage.py migrate --noinput
	DEBUG=false $(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=false $(PY) manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=false $(VENV)/bin/gunicorn archive.wsgi --workers $(WEB_CONCURRENCY) --worker-class gthread \
	  --threads $(PARALLAX_THREADS) --timeout 30 --bind $(HOST):$(PORT)

# One more task worker (this machine or another sharing the database, Redis and PARALLAX_DATA_DIR).
worker: install
	$(PY) manage.py run_worker

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	SECRET_KEY=check $(PY) manage.py makemigrations --check --dry-run

pytest: install browser-deps
	$(VENV)/bin/pytest -q

test: lint migrations-check pytest

# The quick loop while working: every test but the slow ones (browser, several processes, big
# property runs: `@pytest.mark.slow`). `make test` runs them all.
test-fast: install
	$(VENV)/bin/pytest -q -m "not slow" -p no:cacheprovider

bench: install
	$(PY) bench/ingest_bench.py
	$(PY) bench/search_bench.py
	$(PY) bench/worst_case_bench.py
	$(PY) bench/cluster_bench.py
	$(PY) bench/browse_bench.py

# How well real pages are read: ../shared/realworld and the seeds, beside trafilatura/htmldate alone.
eval: install
	$(PY) bench/extraction_eval.py $(EVAL_ARGS)

# Local conveniences: `make superuser`, `make ingest FILES="../shared/seeds"`.
superuser: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py createsuperuser

ingest: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py ingest $(FILES) $(if $(SOURCE),--source "$(SOURCE)")

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
