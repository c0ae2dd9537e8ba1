"""What counting reader views costs the hot path: cached-article throughput, counting on vs off.

Usage: .venv/bin/python bench/statistics_cost.py [--quick] [--rounds N] [--requests N]

Builds a demo site in a temporary var/ (dev settings: SQLite, the file page cache of
`make run`), renders one article once so it is cached, then calls the page-cache WSGI front
(toasoan.ops.wsgi.PageCacheApp) directly, in process, for a memory hit of that article:
the fastest path a page has, where any added cost shows most (over HTTP, granian's and the
kernel's share dilutes it). Rounds alternate counting off (no observer registered) and on
(toasoan.statistics's recorder registered AND its flusher writing every view to the raw
spool, as in `make run`), so both see the same machine load. Every request carries a
browser User-Agent, a referrer and a distinct address, so each one is a countable view.

Prints requests per CPU-second of the process per mode (median of the rounds; the flusher's
work is included, charged to the rounds with counting on), the on/off ratio (median of the
ratios of each round's pair; target >= 0.90), the number of spooled views (checks counting
really happened), what the aggregation job (another process) then spends per view to turn
the raw spool into anonymous events, and the load average; appends the result to
docs/benchmarks/statistics.md.
"""

import argparse
import datetime as dt
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"


def prepare(var):
    env = {**os.environ, "TOASOAN_VAR_DIR": str(var), "PYTHONPATH": str(ROOT)}
    env["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.dev"
    for command in (["migrate", "-v0"], ["news_load_demo"]):
        subprocess.run(  # noqa: S603 - our own argv
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def measure(var, rounds, requests):
    os.environ.update(TOASOAN_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="toasoan.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from toasoan.news.models import ArticlePage
    from toasoan.ops import served
    from toasoan.ops.wsgi import PageCacheApp, django_application
    from toasoan.statistics import recorder

    article = ArticlePage.objects.live().order_by("-pk").first()
    url = article.url
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")
    assert client.get(url).status_code == 200, "the article did not render"
    app = PageCacheApp(django_application)
    base = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": url,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_USER_AGENT": UA,
        "HTTP_REFERER": "https://www.google.com/search?q=khu+cong+nghiep",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    environs = [{**base, "REMOTE_ADDR": f"10.0.{i // 250}.{i % 250}"} for i in range(requests)]
    served_status = {}

    def start_response(status, headers, exc_info=None):
        served_status["s"] = status

    b"".join(app(environs[0], start_response))
    assert served_status["s"].startswith("200"), served_status
    assert len(app.memory) == 1, "the article is not a memory hit of the front"

    def run(counting):
        if counting:
            served.register_page_served(recorder.record)
        else:
            served.unregister_page_served(recorder.record)
        # CPU seconds of this process (request loop + the spool thread), not wall time: on a
        # shared machine other processes' load would otherwise decide the ratio.
        start = time.process_time()
        for env in environs:
            b"".join(app(env, start_response))
        if counting:
            recorder.spool.flush()  # the spool thread's work for these views, charged here
        elapsed = time.process_time() - start
        return requests / elapsed

    results = {False: [], True: []}
    for i in range(rounds):
        for counting in (False, True) if i % 2 == 0 else (True, False):
            results[counting].append(run(counting))
    served.unregister_page_served(recorder.record)
    recorder.spool.flush()
    spool = var / "statistics" / "views"
    raw = sorted(spool.glob("*.raw"))
    lines = sum(1 for p in raw for line in p.open() if not line.startswith("@"))
    # The aggregation job's share (the job runner, not the serving process): raw -> events.
    start = time.process_time()
    converter = recorder.Converter()
    events = sum(len(converter.convert(p)) for p in raw)
    job_us = (time.process_time() - start) / max(lines, 1) * 1e6
    # (The Django test client's warm-up requests carry no User-Agent: spooled, then dropped.)
    assert events >= lines - 10, (events, lines)
    return url, results, lines, job_us


def _wait_for(port, deadline=90):
    import socket

    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.3)
    return False


def _session_cpu(session):
    """CPU seconds used so far by every process of a session (the server and its workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # field 6 of stat: the session id
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / ticks


def measure_http(var, rounds, seconds, port, url):
    """granian (2 workers, `make run`'s dev settings) + wrk, restarted per mode and round."""
    import shutil
    import signal

    if not shutil.which("wrk"):
        return None
    results = {False: [], True: []}
    base = {**os.environ, "TOASOAN_VAR_DIR": str(var), "PYTHONPATH": str(ROOT)}
    base["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.dev"
    for i in range(rounds):
        for counting in (False, True) if i % 2 == 0 else (True, False):
            env = {**base, "TOASOAN_STATISTICS": "1" if counting else "0"}
            server = subprocess.Popen(  # noqa: S603 - our own argv
                [
                    sys.executable,
                    str(ROOT / "manage.py"),
                    "ops_serve",
                    "--port",
                    str(port),
                    "--workers",
                    "2",
                    "--no-scheduler",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                _wait_until_free(port)
                if not _wait_for(port):
                    raise SystemExit("the server did not start")
                target = f"http://127.0.0.1:{port}{url}"
                for _ in range(2):  # warm-up: both workers started, the page a memory hit
                    subprocess.run(
                        ["wrk", "-t1", "-c8", "-d2s", "-H", f"User-Agent: {UA}", target],  # noqa: S603,S607
                        capture_output=True,
                        check=True,
                    )
                cpu_before = _session_cpu(server.pid)
                out = subprocess.run(  # noqa: S603
                    [
                        "wrk",
                        "-t1",
                        "-c16",
                        f"-d{seconds}s",
                        "-H",
                        f"User-Agent: {UA}",  # noqa: S607
                        "-H",
                        "Referer: https://www.google.com/",
                        target,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                cpu = _session_cpu(server.pid) - cpu_before
                done = int(out.split(" requests in ")[0].split()[-1])
                # Requests per CPU-second of the server: what it could serve on an idle
                # machine, whatever else the shared machine runs meanwhile.
                results[counting].append(done / cpu if cpu > 0 else 0.0)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
                _wait_until_free(port)
    return results


def _wait_until_free(port, deadline=30):
    """The next round must not reach a worker of this round's server that is still exiting."""
    import socket

    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            return
        time.sleep(0.2)
    raise SystemExit(f"port {port} is still answering after the server stopped")


def _paired(results):
    """Median of the on/off ratios of each round's pair (both ran back to back)."""
    pairs = zip(results[False], results[True], strict=True)
    return statistics.median(on / off for off, on in pairs)


def _rates(values):
    return ", ".join(f"{r:,.0f}" for r in values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds of 20,000 requests")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--no-write", action="store_true", help="do not append to docs/")
    parser.add_argument("--port", type=int, default=int(os.environ.get("TOASOAN_BENCH_PORT", 8108)))
    parser.add_argument("--no-http", action="store_true", help="skip the granian + wrk part")
    parser.add_argument("--var", type=Path, default=None, help="a demo var/ to copy, not build")
    parser.add_argument("--http-rounds", type=int, default=None)
    parser.add_argument("--http-seconds", type=int, default=None)
    options = parser.parse_args()
    rounds = options.rounds or (5 if options.quick else 11)
    requests = options.requests or (20_000 if options.quick else 100_000)
    with tempfile.TemporaryDirectory(prefix="toasoan-stats-bench-") as var:
        var = Path(var)
        if options.var:
            import shutil

            shutil.copytree(options.var, var, dirs_exist_ok=True)
            shutil.rmtree(var / "statistics", ignore_errors=True)
        else:
            prepare(var)
        url, results, lines, job_us = measure(var, rounds, requests)
        print(f"in process: off {_rates(results[False])}", flush=True)
        print(f"in process: on  {_rates(results[True])}; job {job_us:.2f} µs/view", flush=True)
        http = None
        if not options.no_http:
            http = measure_http(
                var,
                options.http_rounds or (3 if options.quick else 5),
                options.http_seconds or (3 if options.quick else 10),
                options.port,
                url,
            )
    off = statistics.median(results[False])
    on = statistics.median(results[True])
    ratio = _paired(results)
    load = os.getloadavg()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = (
        f"| {stamp} | {rounds}×{requests:,} | {off:,.0f} | {on:,.0f} | **{ratio:.1%}** | "
        f"{lines:,} | {job_us:.2f} µs | {load[0]:.2f} / {load[1]:.2f} |"
    )
    print(f"hot cached article {url} (page-cache front, memory hit, in process, per CPU-second)")
    print(f"  counting off: {off:,.0f} req/s   (rounds: {_rates(results[False])})")
    print(f"  counting on:  {on:,.0f} req/s   (rounds: {_rates(results[True])})")
    print(f"  on/off: {ratio:.1%} (median of paired rounds; target >= 90%)")
    print(f"  views spooled: {lines:,}")
    print(f"  aggregation job (another process): {job_us:.2f} µs CPU per view; load {load[0]:.2f}")
    http_cells = "– | – | –"
    if http:
        http_off, http_on = statistics.median(http[False]), statistics.median(http[True])
        http_ratio = _paired(http)
        http_cells = f"{http_off:,.0f} | {http_on:,.0f} | **{http_ratio:.1%}**"
        print("over HTTP (granian, 2 workers, wrk 16 connections; requests per server CPU-second):")
        print(f"  counting off: {http_off:,.0f} req/s   (rounds: {_rates(http[False])})")
        print(f"  counting on:  {http_on:,.0f} req/s   (rounds: {_rates(http[True])})")
        print(f"  on/off: {http_ratio:.1%} (median of paired rounds; target >= 90%)")
    report += f" {http_cells} |"
    # Repeats of one reader within a flush are one spool line (they count once anyway), so
    # every distinct reader (address) must have been spooled at least once.
    expected = requests
    if lines < expected:
        print(f"  WARNING: only {lines:,} of {expected:,} readers were spooled")
    if not options.no_write:
        target = ROOT / "docs" / "benchmarks" / "statistics.md"
        if not target.exists():
            target.write_text(
                "# Cost of counting reader views (bench/statistics_cost.py)\n\n"
                "A hot cached article, counting off vs on in alternating rounds of the same "
                "run (medians): the page-cache front called in process (memory hit), and over "
                "HTTP (granian, 2 workers, wrk). Requests per CPU-second of the process / the "
                "server's processes, so the shared machine's other load does not decide the "
                "ratio. Load = load average (1 / 5 min) at the end.\n\n"
                "| date | rounds × requests | off req/CPU-s | on req/CPU-s | on/off "
                "| views spooled | load | HTTP off req/CPU-s | HTTP on req/CPU-s | HTTP on/off |\n"
                "|---|---|---|---|---|---|---|---|---|---|\n"
            )
        with open(target, "a") as f:
            f.write(report + "\n")
    ok = (http_ratio if http else ratio) >= 0.9
    return 0 if ok and lines >= expected else 1


if __name__ == "__main__":
    sys.exit(main())
