"""Production counting from nginx's access log: offsets, rotation, and a real nginx whose
micro-cache hits are counted (the site file as shipped, paths and ports rewritten)."""

import http.client
import http.server
import os
import re
import shutil
import socket
import subprocess  # nosec B404 - argument lists, no shell
import tempfile
import threading
import time
from pathlib import Path

import pytest

from toasoan.statistics import aggregate
from toasoan.statistics.models import LogOffset, PageViewDay
from toasoan.statistics.nginx import ingest_nginx_log

pytestmark = pytest.mark.django_db
UA = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
NGINX = os.environ.get("TOASOAN_NGINX", "/usr/sbin/nginx")
PORT = int(os.environ.get("TOASOAN_STATISTICS_NGINX_PORT", "8108"))
SITE_FILE = Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "toasoan.conf"


def log_line(stamp, path, address="198.51.100.7", agent=UA, status="200", staff="0"):
    return (
        f"{stamp:.3f}\t{status}\tGET\t{path}\t-\t{agent}\t{address}\t{staff}\t"
        "text/html; charset=utf-8\ttin.example.gov.vn\n"
    )


def spooled(spool):
    return sorted(
        line.split("\t")[1]
        for p in (spool / "views").glob("*.log")
        for line in p.read_text().splitlines()
    )


def test_lines_are_read_once_from_the_saved_offset(spool, tmp_path):
    log = tmp_path / "stats.log"
    now = time.time()
    log.write_text(log_line(now, "/a/") + log_line(now, "/b/", staff="1") + "1.0\t200\tGET")
    assert ingest_nginx_log(log, now=now) == 1  # staff skipped, half-written line waits
    with open(log, "a") as f:
        f.write("\t/c/\t-\tx\ty\t0\ttext/html\th\n" + log_line(now, "/d/", agent="Googlebot/2.1"))
    ingest_nginx_log(log, now=now + 20)
    assert spooled(spool) == ["/a/", "/c/"]
    assert LogOffset.objects.get(path=str(log)).offset == log.stat().st_size


def test_rotation_reads_the_rest_of_the_old_file_first(spool, tmp_path):
    log = tmp_path / "stats.log"
    now = time.time()
    log.write_text(log_line(now, "/a/"))
    ingest_nginx_log(log, now=now)
    with open(log, "a") as f:
        f.write(log_line(now, "/b/"))
    log.rename(tmp_path / "stats.log.1")  # logrotate
    log.write_text(log_line(now, "/c/"))
    ingest_nginx_log(log, now=now + 20)
    assert spooled(spool) == ["/a/", "/b/", "/c/"]


def test_a_truncated_log_is_read_from_the_start(spool, tmp_path):
    log = tmp_path / "stats.log"
    now = time.time()
    log.write_text(log_line(now, "/a/") * 3)
    ingest_nginx_log(log, now=now)
    log.write_text(log_line(now, "/b/"))  # copytruncate
    ingest_nginx_log(log, now=now + 20)
    assert spooled(spool) == ["/a/", "/a/", "/a/", "/b/"]


def test_a_job_killed_before_saving_its_offset_does_not_count_twice(spool, tmp_path):
    log = tmp_path / "stats.log"
    now = time.time()
    log.write_text(log_line(now, "/a/", address="198.51.100.1"))
    ingest_nginx_log(log, now=now)
    LogOffset.objects.filter(path=str(log)).update(offset=0)  # the save never happened
    ingest_nginx_log(log, now=now)
    assert spooled(spool) == ["/a/"]


class _App(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        body = f"<!DOCTYPE html><title>{self.path}</title>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("X-Accel-Expires", "60")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not os.path.exists(NGINX), reason=f"{NGINX} is not installed (SKIPPED)")
def test_nginx_micro_cache_hits_are_counted(spool, tmp_path):
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    # Not under pytest's tmp_path: nginx workers run as nobody and must reach the cache.
    root = Path(tempfile.mkdtemp(prefix="stats_nginx_"))
    for sub in ("media", "static", "cache", "temp", "logs"):
        (root / sub).mkdir(parents=True)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o777)
    site = SITE_FILE.read_text()
    site = site.replace("/srv/toasoan/var/media/", f"{root}/media/")
    site = site.replace("/srv/toasoan/var/static/", f"{root}/static/")
    site = site.replace("/var/cache/nginx/toasoan", f"{root}/cache")
    site = site.replace("/var/log/nginx/", f"{root}/logs/")
    site = site.replace("127.0.0.1:8000", f"127.0.0.1:{app.server_address[1]}")
    site = re.sub(r"listen \[::\]:80;", "", site)
    site = re.sub(r"listen 80;", f"listen 127.0.0.1:{PORT};", site)
    (root / "site.conf").write_text(site)
    temp = "\n".join(
        f"{n}_temp_path {root}/temp/{n};"
        for n in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (root / "nginx.conf").write_text(
        f"worker_processes 1; pid {root}/nginx.pid; error_log {root}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{ include /etc/nginx/mime.types; {temp} include {root}/site.conf; }}\n"
    )
    argv = [NGINX, "-p", str(root), "-c", str(root / "nginx.conf")]
    check = subprocess.run([*argv, "-t"], capture_output=True, text=True)  # nosec B603
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([*argv, "-g", "daemon off;"])  # nosec B603
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, (root / "error.log").read_text()
                time.sleep(0.05)

        def get(path, **headers):
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            connection.request("GET", path, headers={"Host": "tin.example.gov.vn", **headers})
            response = connection.getresponse()
            response.read()
            connection.close()
            return response.getheader("X-Proxy-Cache")

        statuses = [get("/thoi-su/tin-nong/", **{"User-Agent": UA}) for _ in range(3)]
        get("/thoi-su/tin-nong/", **{"User-Agent": UA, "Cookie": "sessionid=abc"})  # staff
        get("/thoi-su/tin-nong/", **{"User-Agent": "Googlebot/2.1"})
        get("/thoi-su/khac/", **{"User-Agent": UA + " other reader"})
    finally:
        process.terminate()
        process.wait(timeout=10)
        app.shutdown()
    log = root / "logs" / "toasoan-stats.log"
    assert "HIT" in statuses and _App.hits.count("/thoi-su/tin-nong/") < 3
    now = time.time()
    ingest_nginx_log(log, now=now)
    shutil.rmtree(root, ignore_errors=True)
    aggregate.aggregate(now + 30)
    views = dict(PageViewDay.objects.values_list("path", "views"))
    # Three reads by one reader within the window count once; staff and bot never.
    assert views == {"/thoi-su/tin-nong/": 1, "/thoi-su/khac/": 1}
