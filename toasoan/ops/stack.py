"""Start throwaway production stacks (PostgreSQL database, Redis prefix, granian processes).

Used by the multi-process tests and bench/production.py; not imported by the site itself.
"""

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"

# How every granian of ours runs (toasoan serve, the multi-process tests, the benchmark).
# At most 64 requests in flight per worker, run by 4 Python threads: a worker still answers
# cache hits while a few pages render, and no more than 4 renders share its memory at once.
# Measured: docs/decisions/app-server.md.
GRANIAN_TUNING = ("--backpressure", "64", "--blocking-threads", "4")


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


def granian_env(env):
    """`env` plus glibc's malloc limited to 2 arenas: with several request threads, glibc
    otherwise gives each thread arenas of its own, ≈10 MB more RSS per worker (measured in
    docs/decisions/app-server.md)."""
    return {"MALLOC_ARENA_MAX": "2", **env}


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


def stop_tree(pid, timeout=10, wait=None):
    descendants = [info["pid"] for info in process_tree(pid)]
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        if wait is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                wait(timeout=0.1)
        else:
            time.sleep(0.1)
    for leftover in [pid, *descendants]:
        if _alive(leftover):
            with contextlib.suppress(ProcessLookupError):
                os.kill(leftover, signal.SIGKILL)
    if wait is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            wait(timeout=5)


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def process_tree(pid):
    """Descendants of `pid` (Linux /proc): [{pid, cmdline, rss_kb, peak_rss_kb}]."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return [info for info in (process_info(p) for p in found) if info]


def process_info(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
    except OSError:
        return None
    kb = lambda key: int(status.get(key, "0 kB").split()[0])  # noqa: E731
    return {"pid": pid, "cmdline": cmdline, "rss_kb": kb("VmRSS"), "peak_rss_kb": kb("VmHWM")}
