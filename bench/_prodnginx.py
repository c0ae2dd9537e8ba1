"""Run deploy/nginx/toasoan.conf, the shipped site file, as a throwaway nginx for a benchmark.

The site file is used as shipped; only its paths (static, media, cache, logs), its listen
address and its upstream are rewritten, as toasoan/security/tests/test_nginx.py does. Extra
server blocks (nginx serving saved pages as plain files, the same-run ceiling) and an extra
access log (what the mixed-workload benchmark counts cache hits from) can be added. Used by
bench/mixed_workload.py, bench/browser_throughput.py and bench/page_weight.py. (A leading
underscore: bench/run.sh runs every other bench/*.py as a benchmark.)
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

NGINX = os.environ.get("TOASOAN_NGINX", "/usr/sbin/nginx")
SITE_FILE = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "toasoan.conf"

# One line per request: nginx's micro-cache status, the app's X-Page-Cache (hit, miss, skip;
# "-" when nginx answered alone), the status and the time nginx took.
BENCH_LOG_FORMAT = (
    "log_format toasoan_bench '$upstream_cache_status $upstream_http_x_page_cache $status "
    "$request_time $uri';"
)


def site_config(root, listen, upstream, media_root=None, static_root=None, bench_log=None):
    """The shipped site file with its paths, listen address and upstream rewritten."""
    text = SITE_FILE.read_text(encoding="utf-8")
    text = text.replace("/srv/toasoan/var/media/", f"{media_root or root / 'media'}/")
    text = text.replace("/srv/toasoan/var/static/", f"{static_root or root / 'static'}/")
    text = text.replace("/var/cache/nginx/toasoan", f"{root}/cache")
    text = text.replace("/var/log/nginx/", f"{root}/logs/")
    text = re.sub(r"listen \[::\]:80;", "", text)
    text = re.sub(r"listen 80;", f"listen {listen};", text)
    text = re.sub(r"server 127\.0\.0\.1:8000 ", f"server {upstream} ", text)
    for must in (f"listen {listen};", f"server {upstream} ", f"{root}/cache", f"{root}/logs/"):
        if must not in text:
            raise RuntimeError(f"deploy/nginx/toasoan.conf changed: could not set {must!r}")
    if bench_log:
        text = BENCH_LOG_FORMAT + "\n" + text
        text = text.replace(
            "    access_log /", f"    access_log {bench_log} toasoan_bench;\n    access_log /", 1
        )
    return text


def static_server(listen, html_root, static_root):
    """nginx serving saved pages as files (gzip_static: the .gz saved beside each page), with
    the same /static/ location and the same two access logs as the site file: the ceiling."""
    return f"""
server {{
    listen {listen};
    root {html_root};
    access_log {{root}}/logs/static-access.log;
    gzip_static on;
    location /static/ {{
        alias {static_root}/;
        gzip_static on;
        expires max;
        add_header Cache-Control "public, max-age=31536000, immutable";
        access_log off;
    }}
    location / {{ try_files $uri $uri/index.html =404; }}
}}
"""


def main_config(root, workers=2):
    temp = "\n".join(
        f"    {name}_temp_path {root}/temp/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
{temp}
    include {root}/site.conf;
}}
"""


class Nginx:
    """nginx with the shipped site file in `root` (a fresh directory), listening on `listen`
    ("127.0.0.1:PORT") in front of `upstream` ("127.0.0.1:PORT")."""

    def __init__(self, root, listen, upstream, extra_servers=(), bench_log=False, **paths):
        self.root = Path(root)
        self.listen = listen
        self.bench_log = self.root / "logs" / "bench.log" if bench_log else None
        for sub in ("cache", "temp", "logs", "media", "static"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        site = site_config(self.root, listen, upstream, bench_log=self.bench_log, **paths)
        site += "".join(s.replace("{root}", str(self.root)) for s in extra_servers)
        (self.root / "site.conf").write_text(site, encoding="utf-8")
        (self.root / "nginx.conf").write_text(main_config(self.root), encoding="utf-8")
        self.process = None

    def start(self, timeout=10):
        host, port = self.listen.rsplit(":", 1)
        with socket.socket() as probe:
            if probe.connect_ex((host, int(port))) == 0:
                raise RuntimeError(f"{self.listen} is already in use")
        argv = [NGINX, "-p", str(self.root), "-c", str(self.root / "nginx.conf")]
        if os.geteuid() == 0:  # the workers run as nobody: they write the cache and logs
            for path in [self.root, *self.root.rglob("*")]:
                shutil.chown(path, "nobody")
            argv = ["runuser", "-u", "nobody", "--", *argv]
        check = subprocess.run([*argv, "-t"], capture_output=True, text=True, check=False)  # noqa: S603
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed: {check.stderr}")
        self.process = subprocess.Popen(  # noqa: S603 - our own argv
            [*argv, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection((host, int(port)), timeout=0.5).close()
                return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"nginx did not start: {(self.root / 'error.log').read_text()}"
                    ) from None
                time.sleep(0.05)

    def log_size(self):
        return self.bench_log.stat().st_size if self.bench_log.exists() else 0

    def log_lines(self, start=0):
        with self.bench_log.open("rb") as handle:
            handle.seek(start)
            return handle.read().decode(errors="replace").splitlines()

    def stop(self):
        """Graceful stop (flushes buffered logs), signalled to the master itself: runuser
        does not pass SIGQUIT on."""
        if not self.process:
            return
        try:
            master = int((self.root / "nginx.pid").read_text().strip())
            os.kill(master, signal.SIGQUIT)
        except (OSError, ValueError):
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def classify(line):
    """One bench log line -> "nginx" (micro-cache hit), "hit" (app page cache), "miss" (a
    render that was stored or could be), "skip" (never cacheable) or "error"."""
    parts = line.split()
    if len(parts) < 3:
        return None
    nginx_status, app_status, status = parts[0], parts[1], parts[2]
    if status == "499":  # the client closed the connection (wrk stopping at the end)
        return None
    if not status.startswith("2") and status != "304":
        return "error"
    # On a micro-cache hit nginx logs the X-Page-Cache header it stored with the page.
    if nginx_status in ("HIT", "STALE", "UPDATING", "REVALIDATED"):
        return "nginx"
    if app_status in ("hit", "miss", "skip"):
        return app_status
    return "skip"


def count_log(lines):
    """Counts of classify() over log lines, with the two hit ratios:
    ``hit_ratio`` = requests answered without a render / all answered requests,
    ``app_hit_ratio`` = page-cache hits / requests that reached the app's page cache."""
    counts = {"nginx": 0, "hit": 0, "miss": 0, "skip": 0, "error": 0}
    for line in lines:
        kind = classify(line)
        if kind:
            counts[kind] += 1
    cacheable = counts["nginx"] + counts["hit"] + counts["miss"]
    app = counts["hit"] + counts["miss"]
    counts["hit_ratio"] = (counts["nginx"] + counts["hit"]) / cacheable if cacheable else 0.0
    counts["app_hit_ratio"] = counts["hit"] / app if app else 0.0
    return counts
