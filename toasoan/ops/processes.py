"""Processes of the app server: how granian runs, and stopping a process with its children.

Used by ``toasoan serve`` (ops_serve), its tests and the benchmarks (bench/_stack.py).
"""

import contextlib
import os
import signal
import subprocess  # nosec B404 - only for subprocess.TimeoutExpired; starts nothing
import time

# How every granian of ours runs (toasoan serve, the multi-process tests, the benchmark).
# At most 64 requests in flight per worker, run by 4 Python threads: a worker still answers
# cache hits while a few pages render, and no more than 4 renders share its memory at once.
# Measured: docs/decisions/app-server.md.
GRANIAN_TUNING = ("--backpressure", "64", "--blocking-threads", "4")


def granian_env(env):
    """`env` plus glibc's malloc limited to 2 arenas: with several request threads, glibc
    otherwise gives each thread arenas of its own, ≈10 MB more RSS per worker (measured in
    docs/decisions/app-server.md)."""
    return {"MALLOC_ARENA_MAX": "2", **env}


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
