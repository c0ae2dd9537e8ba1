# Tòa soạn — every target works on a fresh clone with only Python 3.11 installed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= toasoan.settings.dev
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run dev prod demo test test-fast test-postgres lint format bench security messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 not found as '$(PYTHON)'; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml package-lock.json | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "!!! npm not found: axe-core and vnu-jar are missing and the front-end tests will FAIL"; fi
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its test tools

run: install ## The site as readers see it (DEBUG off) on http://127.0.0.1:$(PORT), no service needed
	@mkdir -p var
	$(BIN)/toasoan migrate --noinput
	$(BIN)/toasoan news_load_demo
	$(BIN)/toasoan collectstatic --noinput --verbosity 0
	$(BIN)/toasoan ops_serve --port $(PORT)

dev: install ## Developer's mode: DEBUG on, auto-reload, http://127.0.0.1:$(PORT)
	@mkdir -p var
	TOASOAN_DEBUG=1 $(BIN)/toasoan migrate --noinput
	TOASOAN_DEBUG=1 $(BIN)/toasoan news_load_demo
	TOASOAN_DEBUG=1 $(BIN)/toasoan runserver 127.0.0.1:$(PORT)

prod: install ## Production mode: needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL (docs/production.md)
	$(BIN)/toasoan serve --production --port $(PORT)

demo: install ## (Re)load the demo content into the dev database
	$(BIN)/toasoan migrate --noinput
	$(BIN)/toasoan news_load_demo

test: install ## The whole suite: lint, checks, unit, page, browser, PostgreSQL/Redis
	bash scripts/test.sh

lint: install ## ruff check and format check
	$(BIN)/ruff check toasoan tests
	$(BIN)/ruff format --check toasoan tests

format: install ## Rewrite the code with ruff
	$(BIN)/ruff check --fix toasoan tests
	$(BIN)/ruff format toasoan tests

bench: install ## Benchmarks; each prints ratios against a reference measured in the same run
	bash bench/run.sh

security: install ## bandit, check --deploy, sqlmap on a throwaway server (also run by make test)
	bash scripts/security.sh

clean: ## Remove the virtualenv and everything under var/
	rm -rf $(VENV) var
