# Tòa soạn — every target works on a fresh clone with only Python 3.11 installed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= toasoan.settings.dev
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run demo test test-fast test-postgres lint format bench security messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 not found as '$(PYTHON)'; set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its test tools

run: install ## Migrate, load demo content (first run only) and serve http://127.0.0.1:$(PORT)
	@mkdir -p var
	$(BIN)/toasoan migrate --noinput
	$(BIN)/toasoan news_load_demo
	$(BIN)/toasoan ops_serve --port $(PORT)

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

clean: ## Remove the virtualenv and everything under var/
	rm -rf $(VENV) var
