"""Start throwaway production stacks (PostgreSQL database, Redis prefix, granian processes).

Used by bench/production.py and the multi-process tests of toasoan/ops; not imported by the
site itself. (A leading underscore: bench/run.sh runs every other bench/*.py as a benchmark.)
"""

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

from toasoan.ops.processes import (  # noqa: F401 - re-exported for the benchmarks
    GRANIAN_TUNING,
    granian_env,
    process_info,
    process_tree,
    stop_tree,
)

ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def _admin_connection():
    import psycopg

    url = os.environ.get("TOASOAN_PG_ADMIN_URL", ADMIN_URL)
    return psycopg.connect(url, autocommit=True)


def create_database(name):
    with _admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    base = os.environ.get("TOASOAN_PG_ADMIN_URL", ADMIN_URL).rsplit("/", 1)[0]
    return f"{base}/{name}"


def drop_database(name):
    with _admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url, redis_url, var_dir, prefix=None, **extra):
    env = os.environ.copy()
    for key in ("TOASOAN_PG_OK", "TOASOAN_REDIS_OK", "PYTEST_CURRENT_TEST"):
        env.pop(key, None)
    env.update(
        DJANGO_SETTINGS_MODULE="toasoan.settings.production",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,127.0.0.2,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        TOASOAN_CACHE_PREFIX=prefix or f"t{secrets.token_hex(4)}",
        TOASOAN_VAR_DIR=str(var_dir),
        STATIC_ROOT=str(var_dir / "static"),
        MEDIA_ROOT=str(var_dir / "media"),
        TOASOAN_SSL_REDIRECT="0",
        TOASOAN_HSTS_SECONDS="0",
        TOASOAN_LOG_FORMAT="plain",
        # Long enough that pages warmed before a long benchmark are still there at its end.
        TOASOAN_PAGECACHE_TIMEOUT="3600",
    )
    env.update(extra)
    return env


def manage(env, *argv, check=True, timeout=1800):
    done = subprocess.run(  # noqa: S603 - our own argv
        [sys.executable, "-m", "toasoan.cli", *argv],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"toasoan {' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    return done


def bulk_load(env, articles, corpus, timeout=4 * 3600):
    """Run bench/_bulkload.py in the stack's environment (settings, database)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bulkload.py")
    done = subprocess.run(  # noqa: S603 - our own argv
        [sys.executable, script, "--articles", str(articles), "--corpus", str(corpus)],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bulk load failed:\n{done.stderr[-3000:]}")
    return done


def start_granian(env, host, port, workers=1, extra=()):
    argv = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-ws",
        "--log-level",
        "warning",
        *GRANIAN_TUNING,
        *extra,
        "toasoan.ops.wsgi:application",
    ]
    return subprocess.Popen(argv, env=granian_env(env))  # noqa: S603 - our own argv


def wait_healthy(base_url, timeout=60):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as response:  # noqa: S310
                return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = exc
            time.sleep(0.2)
    raise TimeoutError(f"{base_url} did not become healthy: {last}")


def stop(process, timeout=10):
    """SIGTERM, then SIGKILL for the process and every descendant still running after `timeout`.

    granian can hang for good when SIGTERM arrives while its workers are still starting.
    """
    stop_tree(process.pid, timeout, wait=process.wait)
