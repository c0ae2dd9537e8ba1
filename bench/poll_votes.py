#!/usr/bin/env python
"""Poll votes per second, embedded server and production stack, with no lost vote.

    .venv/bin/python bench/poll_votes.py [--target prod|embedded|all] [--seconds 10]
        [--connections 64] [--port 8120] [--quick] [--no-write]

* prod: nginx → granian (2 workers, toasoan.ops.wsgi, production settings, PostgreSQL,
  Redis) as docs/production.md runs it; granian listens on a Unix socket, nginx on --port.
* embedded: `toasoan serve` as `make run` starts it (dev settings, SQLite, file cache).

Each vote carries a valid bot-check solution: vote challenges of the poll
(GET /binh-chon/<id>/thu-thach/, SHA-256 profile) are issued and solved BEFORE the clock
starts (issuing one is timed apart, see docs/decisions/polls.md), one per vote. The key
prefix is shortened to "0" so the solving stays cheap here; the server's verification does
the same work whatever the prefix (it re-derives one key of `cost` hashes). wrk then posts
the votes as fast as the server takes them, each from its own address (X-Forwarded-For,
TOASOAN_TRUSTED_PROXY_COUNT=2: the per-IP window is on, as in production), and records the
voter key of every acknowledged (201) vote. Afterwards every acknowledged vote must be in
the database exactly once. Exit status 1 otherwise. Results: docs/benchmarks/citizens.md
(section "Vote rate").
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _stack as stack  # noqa: E402 - bench/_stack.py, beside this script

REPO = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TOASOAN_BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
PROFILE = '{"algorithm": "SHA-256", "cost": 10, "key_prefix": "0"}'
SETTINGS = """
from toasoan.settings.{base} import *  # noqa
TOASOAN_POLLS = {{"VOTE_CHALLENGE": {profile}}}
LOGGING = {{"version": 1, "disable_existing_loggers": False,
           "root": {{"handlers": [], "level": "CRITICAL"}}}}
"""
SETUP = """
from toasoan.polls.models import Choice, Poll
poll = Poll.objects.create(question="Thử tải bình chọn?")
for n in range(4):
    Choice.objects.create(poll=poll, text=f"Phương án {n}", sort_order=n)
print("POLL", poll.pk, *poll.choices.values_list("pk", flat=True))
"""
# Solved vote challenges, one urlencoded body per line (runs in the server's environment:
# same SECRET_KEY, same settings).
PAYLOADS = """
import sys, urllib.parse
from altcha import Challenge, Payload, solve_challenge
from toasoan.polls.voting import new_challenge
poll, choice, count, out = {poll}, {choice}, {count}, {out!r}
with open(out, "w") as f:
    for n in range(count):
        c = Challenge.from_dict(new_challenge(poll))
        payload = Payload(c, solve_challenge(c)).to_base64()
        f.write(urllib.parse.urlencode({{"choice": choice, "altcha": payload}}) + "\\n")
"""
LUA = r"""
local bodies, counter, acked, base = {}, 0, nil, 10
local threads, next_id = {}, 0
function setup(thread)
  thread:set("tid", next_id); next_id = next_id + 1
  table.insert(threads, thread)
end
function init(args)
  local path, nthreads, dir, run = args[1], tonumber(args[2]), args[3], tonumber(args[4])
  base = 10 + run * nthreads + tid
  local n = 0
  for line in io.lines(path) do
    if n % nthreads == tid then table.insert(bodies, line) end
    n = n + 1
  end
  acked = io.open(dir .. "/acked_" .. tid .. ".txt", "w")
  acked:setvbuf("line")
end
function request()
  counter = counter + 1
  local body = bodies[counter] or ""
  local ip = string.format("%d.%d.%d.%d", base, math.floor(counter / 65536) % 256,
                           math.floor(counter / 256) % 256, counter % 256)
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["X-Forwarded-For"] = ip,
  }, body)
end
function response(status, headers, body)
  if status == 201 then
    local cookie = ""
    for name, value in pairs(headers) do
      if string.lower(name) == "set-cookie" then cookie = value end
    end
    acked:write((cookie:match('="?([^;:"]+)') or "?") .. "\n")
  end
end
"""


def nginx_conf(tmp, port, socket):
    return f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  upstream app {{ server unix:{socket}; keepalive 64; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }}
  }}
}}
"""


def log(message):
    print(message, flush=True)


def load1():
    return float(Path("/proc/loadavg").read_text().split()[0])


def cpu_seconds(pids):
    """user + system CPU of these processes (and their threads), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def shell(env, code, timeout=600):
    done = stack.manage(env, "shell", "-c", code, timeout=timeout)
    return done.stdout


def wait_http(url, timeout=400):
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.status
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


class Target:
    def __init__(self, name, args, tmp):
        self.name, self.args, self.tmp = name, args, tmp / name
        self.tmp.mkdir()
        os.chmod(self.tmp, 0o755)  # noqa: S103 - nginx (nobody) reaches the socket
        self.processes = []
        self.pg_name = None

    def prepare(self):
        base = "production" if self.name == "prod" else "dev"
        (self.tmp / "vote_settings.py").write_text(SETTINGS.format(base=base, profile=PROFILE))
        var = self.tmp / "var"
        var.mkdir()
        if self.name == "prod":
            self.pg_name = f"bench_votes_{secrets.token_hex(4)}"
            url = stack.create_database(self.pg_name)
            env = stack.production_env(url, REDIS_URL, var, TOASOAN_TRUSTED_PROXY_COUNT="2")
        else:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{var / 'toasoan.sqlite3'}"}
            env.update(TOASOAN_VAR_DIR=str(var), TOASOAN_TRUSTED_PROXY_COUNT="1")
            for key in ("REDIS_URL", "TOASOAN_PG_OK", "TOASOAN_REDIS_OK"):
                env.pop(key, None)
        env["DJANGO_SETTINGS_MODULE"] = "vote_settings"
        env["PYTHONPATH"] = os.pathsep.join([str(self.tmp), str(REPO)])
        self.env = env
        t0 = time.monotonic()
        stack.manage(env, "migrate", "--noinput", "--verbosity", "0")
        out = shell(env, SETUP).split("POLL", 1)[1].split()
        self.poll, self.choice = int(out[0]), int(out[1])
        log(f"[{self.name}] database ready in {time.monotonic() - t0:.0f} s, poll {self.poll}")

    def make_payloads(self, count):
        out = self.tmp / "bodies.txt"
        t0 = time.monotonic()
        code = PAYLOADS.format(poll=self.poll, choice=self.choice, count=count, out=str(out))
        shell(self.env, code)
        log(
            f"[{self.name}] {count} vote challenges issued and solved in "
            f"{time.monotonic() - t0:.0f} s (not timed)"
        )
        return out

    def start(self, threads=None):
        port = self.args.port
        if self.name == "prod":
            socket = self.tmp / "app.sock"
            socket.unlink(missing_ok=True)
            # Production's tuning (toasoan.ops.processes.GRANIAN_TUNING), or another number
            # of blocking threads (later options win in granian's command line).
            extra = ("--uds", str(socket))
            if threads:
                extra += ("--blocking-threads", str(threads))
            app = stack.start_granian(self.env, "127.0.0.1", 0, workers=2, extra=extra)
            self.processes.append(app)
            conf = self.tmp / "nginx.conf"
            conf.write_text(nginx_conf(self.tmp, port, socket))
            argv = ["/usr/sbin/nginx", "-p", str(self.tmp), "-c", str(conf), "-g", "daemon off;"]
            if os.geteuid() == 0:  # never run the test instance as root
                shutil.chown(self.tmp, "nobody")
                argv = ["runuser", "-u", "nobody", "--", *argv]
            deadline = time.monotonic() + 60
            while not socket.exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            os.chmod(socket, 0o777)  # noqa: S103 - loopback benchmark socket
            self.processes.append(subprocess.Popen(argv))  # noqa: S603
        else:
            argv = [sys.executable, "-m", "toasoan.cli", "serve", "--port", str(port),
                    "--workers", "2", "--no-scheduler"]  # fmt: skip
            self.processes.append(
                subprocess.Popen(argv, env=self.env, stdout=subprocess.DEVNULL)  # noqa: S603
            )
        wait_http(f"http://127.0.0.1:{port}/healthz")

    def stop(self):
        for process in reversed(self.processes):
            if process.args[0] == "runuser":
                process.send_signal(signal.SIGQUIT)
            stack.stop(process)
        self.processes = []

    def run_wrk(self, bodies, seconds, connections, run=0):
        for old in self.tmp.glob("acked_*.txt"):
            old.unlink()
        lua = self.tmp / "votes.lua"
        lua.write_text(LUA)
        threads = 2
        os.chmod(self.tmp, 0o777)  # noqa: S103 - wrk writes the acked files here
        url = f"http://127.0.0.1:{self.args.port}/binh-chon/{self.poll}/bo-phieu/"
        argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "10s",
                "--latency", "-s", str(lua), url, "--", str(bodies), str(threads),
                str(self.tmp), str(run)]  # fmt: skip
        load = load1()
        pids = [p.pid for p in self.processes]
        pids += [info["pid"] for p in self.processes for info in stack.process_tree(p.pid)]
        cpu0 = cpu_seconds(pids)
        done = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
        server_cpu = cpu_seconds(pids) - cpu0
        # The PostgreSQL backends of this database: opened by the workers during the run.
        db_cpu = cpu_seconds(self.backend_pids()) if self.pg_name else 0.0
        if done.returncode:
            raise RuntimeError(f"wrk failed: {done.stdout} {done.stderr}")
        acked = []
        for path in self.tmp.glob("acked_*.txt"):
            acked += [line for line in path.read_text().split() if line]
        requests = int(re.search(r"(\d+) requests in", done.stdout).group(1))
        p50 = re.search(r"50%\s+([\d.]+)(\w+)", done.stdout)
        p99 = re.search(r"99%\s+([\d.]+)(\w+)", done.stdout)
        return {
            "load": load,
            "load_after": load1(),
            "requests": requests,
            "acked": acked,
            "p50": f"{p50.group(1)} {p50.group(2)}" if p50 else "?",
            "p99": f"{p99.group(1)} {p99.group(2)}" if p99 else "?",
            "seconds": seconds,
            "server_cpu": server_cpu,
            "db_cpu": db_cpu,
            "wrk": done.stdout,
        }

    def backend_pids(self):
        import psycopg

        url = stack.ADMIN_URL.replace("postgres://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", (self.pg_name,)
            ).fetchall()
        return [pid for (pid,) in rows]

    def stored(self):
        code = (
            "import json\nfrom django.db.models import Count\n"
            "from toasoan.polls.models import Ballot\n"
            f"rows = Ballot.objects.filter(poll_id={self.poll}).values_list('voter_key')"
            ".annotate(n=Count('id'))\n"
            "print('STORED', json.dumps(dict(rows)))"
        )
        return json.loads(shell(self.env, code).split("STORED", 1)[1])

    def cleanup(self):
        self.stop()
        if self.pg_name:
            stack.drop_database(self.pg_name)


def measure(target, args):
    target.prepare()
    configs = args.threads if target.name == "prod" else [None]
    results = []
    for run, threads in enumerate(configs):
        bodies = target.make_payloads(int(args.seconds * args.max_rate))
        target.start(threads)
        try:
            result = target.run_wrk(bodies, args.seconds, args.connections, run)
        finally:
            target.stop()
        result["threads"] = threads
        results.append(result)
    stored = target.stored()
    all_acked = set()
    for result in results:
        acked = set(result["acked"])
        all_acked |= acked
        lost = [key for key in acked if stored.get(key, 0) == 0]
        doubled = [key for key in acked if stored.get(key, 0) > 1]
        result.update(
            name=target.name,
            rate=len(result["acked"]) / args.seconds,
            acked_n=len(result["acked"]),
            acked_unique=len(acked),
            lost=len(lost),
            doubled=len(doubled) + len(result["acked"]) - len(acked),
            cpu_ms=1000 * result["server_cpu"] / max(1, result["requests"]),
            db_ms=1000 * result["db_cpu"] / max(1, result["requests"]),
        )
    for result in results:
        result["stored_n"] = sum(stored.values())
        result["unacked_stored"] = len(set(stored) - all_acked)
        result["doubled"] += len([key for key, n in stored.items() if n > 1])
        log(
            f"[{target.name} threads={result['threads'] or 'default'}] {result['rate']:.0f} "
            f"votes/s acknowledged ({result['acked_n']} in {args.seconds} s, "
            f"{result['requests']} requests, p50 {result['p50']}, p99 {result['p99']}); "
            f"lost {result['lost']}, doubled {result['doubled']}; server CPU "
            f"{result['cpu_ms']:.2f} ms + PostgreSQL backends {result['db_ms']:.2f} ms per "
            f"request; load {result['load']:.1f} → "
            f"{result['load_after']:.1f}"
        )
    log(
        f"[{target.name}] stored {sum(stored.values())} ballots, "
        f"{len(set(stored) - all_acked)} of them without an acknowledgement (in flight at the end)"
    )
    return results


def write(rows, args):
    out = REPO / "docs" / "benchmarks" / "citizens.md"
    text = out.read_text(encoding="utf-8")
    marker = "\n## Vote rate (bench/poll_votes.py)\n"
    text = text.split(marker)[0].rstrip() + "\n"
    lines = [
        marker,
        f"wrk, {args.connections} connections, {args.seconds:g} s per target, one pre-solved "
        "poll-bound SHA-256 vote challenge per request (issued and solved before the clock; "
        "each request from its own address, per-IP window on), then every acknowledged vote "
        f"checked in the database. {os.cpu_count()} CPUs shared with the other engineers' work; "
        f"measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} under "
        "`flock /work/bench.lock`.",
        "",
        "| target | blocking threads | votes/s (201) | p50 | p99 | acknowledged "
        "| stored (database total) "
        "| lost | doubled | stored without ack | app CPU per vote (granian, nginx) "
        "| PostgreSQL CPU per vote | loadavg before → after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    labels = {
        "prod": "production: nginx → granian 2 workers, PostgreSQL, Redis",
        "embedded": "embedded: `toasoan serve` (make run), SQLite",
    }
    for r in rows:
        db_cpu = f"{r['db_ms']:.2f} ms" if r["name"] == "prod" else "— (in process)"
        lines.append(
            f"| {labels[r['name']]} | {r['threads'] or 'default'} | {r['rate']:.0f} | "
            f"{r['p50']} | {r['p99']} | "
            f"{r['acked_n']} | {r['stored_n']} | {r['lost']} | {r['doubled']} | "
            f"{r['unacked_stored']} | {r['cpu_ms']:.2f} ms | "
            f"{db_cpu} | "
            f"{r['load']:.1f} → {r['load_after']:.1f} |"
        )
    out.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    log(f"wrote {out.relative_to(REPO)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", choices=["prod", "embedded", "all"], default="all")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--max-rate", type=int, default=2500, help="challenges per second")
    parser.add_argument(
        "--threads",
        default="0",
        help="comma-separated granian blocking threads per worker for prod runs "
        "(0: production's GRANIAN_TUNING)",
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    args.threads = [int(n) or None for n in args.threads.split(",")]
    if args.quick:
        args.seconds = min(args.seconds, 5)
    missing = [tool for tool in ("wrk", "/usr/sbin/nginx") if not shutil.which(tool)]
    if missing:
        sys.exit(f"bench/poll_votes.py needs {', '.join(missing)}: SKIPPED")
    tmp = Path(tempfile.mkdtemp(prefix="toasoan-bench-votes-"))
    os.chmod(tmp, 0o755)  # noqa: S103 - nginx runs as nobody
    rows, ok = [], True
    try:
        for name in ["prod", "embedded"] if args.target == "all" else [args.target]:
            target = Target(name, args, tmp)
            try:
                found = measure(target, args)
            finally:
                target.cleanup()
            rows += found
            for row in found:
                ok = ok and not row["lost"] and not row["doubled"] and row["acked_n"] > 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if rows and not args.no_write:
        write(rows, args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
