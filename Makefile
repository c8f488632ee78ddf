# Two commands matter: `make run` starts Closer, `make test` runs every test.
# Both build .venv from the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql://postgres@127.0.0.1:5432/postgres
PORT ?= 8000

.PHONY: run test test-sqlite test-postgres bench screenshots lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: re-install only when the pins change.
$(VENV)/.runtime: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Other people's parsers from npm (ical.js), used by the tests as judges.
JS := tests/js
$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	cd $(JS) && npm ci --silent --no-audit --no-fund
	touch $@

run: $(VENV)/.runtime
	$(BIN)/closer serve --port $(PORT)

test: $(VENV)/.dev lint test-sqlite test-postgres

# Lint, format, the layer contracts (pyproject.toml: tool.importlinter) and the types.
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test-sqlite: $(VENV)/.dev $(JS)/node_modules/.installed
	env -u DATABASE_URL $(BIN)/python -m pytest

# The PostgreSQL pass: pytest-django creates and drops its own test database.
# In CI an unreachable server fails the run; on a laptop it is skipped with a warning.
test-postgres: $(VENV)/.dev $(JS)/node_modules/.installed
	@if DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(BIN)/python -m closer.dbcheck; then \
		DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(BIN)/python -m pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is unreachable and CI=true: failing." >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL is unreachable; the PostgreSQL pass was skipped." >&2; \
	fi

# Benchmarks are measurements, not tests: they write BENCHMARKS.md and never fail the build.
# CENTRE_USERS sizes the career centre (10,000 users, about a million actions, by default).
CENTRE_USERS ?= 10000
bench: $(VENV)/.dev
	$(BIN)/python -m bench.machine --postgres "$${DATABASE_URL:-$(PG_URL)}" --write BENCHMARKS.md
	$(BIN)/python -m bench.timeline --write BENCHMARKS.md
	$(BIN)/python -m bench.report --centre $(CENTRE_USERS) --postgres "$${DATABASE_URL:-$(PG_URL)}" \
		--write BENCHMARKS.md

# The browser tests save every page at 375 px and 1280 px into docs/screenshots/ (see README).
screenshots: $(VENV)/.dev
	env -u DATABASE_URL CLOSER_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/browser

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
