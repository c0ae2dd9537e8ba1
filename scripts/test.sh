#!/usr/bin/env bash
# `make test`: the whole suite, as CI runs it. Steps print what they do; the first failure
# stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=toasoan.settings.test
PG_URL=${TOASOAN_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
REDIS=${TOASOAN_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
step() { printf '\n==> %s\n' "$*"; }

step "System packages: Debian's chromium (browser tests), gettext (i18n coverage tests), nginx (site file test)"
if [ ! -x /usr/bin/chromium ] || ! command -v msgfmt >/dev/null || [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium gettext nginx >/dev/null
  else
    echo "Chromium, gettext or nginx is missing: run 'sudo apt-get install chromium gettext nginx' and try again." >&2
    exit 1
  fi
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo unknown); $(/usr/sbin/nginx -v 2>&1)"

step "Production services (PostgreSQL, Redis)"
export TOASOAN_TEST_POSTGRES_URL=$PG_URL TOASOAN_TEST_REDIS_URL=$REDIS
PG_OK=0; REDIS_OK=0
$BIN/python - "$PG_URL" <<'PY' && PG_OK=1 || true
import sys, psycopg
psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://"), connect_timeout=3).close()
PY
$BIN/python - "$REDIS" <<'PY' && REDIS_OK=1 || true
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()
PY
if [ $PG_OK = 1 ]; then echo "PostgreSQL: available at $PG_URL — the suite also runs on PostgreSQL";
else echo "!!! PostgreSQL NOT AVAILABLE at $PG_URL: the PostgreSQL pass is SKIPPED (production path untested)"; fi
if [ $REDIS_OK = 1 ]; then echo "Redis: available at $REDIS — Redis tests run";
else echo "!!! Redis NOT AVAILABLE at $REDIS: tests marked 'redis' are SKIPPED (production path untested)"; fi
export TOASOAN_PG_OK=$PG_OK TOASOAN_REDIS_OK=$REDIS_OK

step "Lint (ruff)"
$BIN/ruff check toasoan tests conftest.py
$BIN/ruff format --check toasoan tests conftest.py

step "Django checks and migrations"
$BIN/python manage.py check --settings=toasoan.settings.test
$BIN/python manage.py makemigrations --check --dry-run --settings=toasoan.settings.test >/dev/null \
  || { echo "Model changes without a migration: run 'manage.py makemigrations'." >&2; exit 1; }

if [ -x scripts/security.sh ]; then
  step "Security checks (make security)"
  bash scripts/security.sh
fi

# Two worker processes (pytest-xdist), one per core of the CI machine: each has its own
# database (a private SQLite file, or test_toasoan_gwN on PostgreSQL). TOASOAN_TEST_WORKERS=0
# runs in one process.
WORKERS=(-n "${TOASOAN_TEST_WORKERS:-2}")

step "Test suite on SQLite (unit, page, browser)"
$BIN/pytest -p no:cacheprovider "${WORKERS[@]}" "$@"

if [ $PG_OK = 1 ]; then
  step "Test suite on PostgreSQL (everything but the browser tests)"
  TEST_DATABASE_URL=$PG_URL $BIN/pytest -p no:cacheprovider "${WORKERS[@]}" -m "not browser" "$@"
fi
