"""deploy/nginx/toasoan.conf, run by a real nginx: documents are never served from disk,
media carries nosniff.

The site file is used as shipped, with only its paths (media, static, cache) and its listen
address rewritten to a temporary directory and 127.0.0.1:8600 (TOASOAN_SECURITY_NGINX_PORT).
Skipped, saying so, when /usr/sbin/nginx is not installed (Debian package ``nginx``).
"""

import http.client
import os
import re
import shutil
import socket
import subprocess  # nosec B404 - argument lists, no shell
import tempfile
import time
from pathlib import Path

import pytest

NGINX = os.environ.get("TOASOAN_NGINX", "/usr/sbin/nginx")
PORT = int(os.environ.get("TOASOAN_SECURITY_NGINX_PORT", "8600"))
SITE_FILE = Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "toasoan.conf"
PDF = b"%PDF-1.7\nsecret document body\n"

pytestmark = pytest.mark.skipif(
    not os.path.exists(NGINX), reason=f"{NGINX} is not installed (SKIPPED)"
)


def _site_config(root):
    text = SITE_FILE.read_text(encoding="utf-8")
    text = text.replace("/srv/toasoan/var/media/", f"{root}/media/")
    text = text.replace("/srv/toasoan/var/static/", f"{root}/static/")
    text = text.replace("/var/cache/nginx/toasoan", f"{root}/cache")
    text = re.sub(r"listen \[::\]:80;", "", text)
    text = re.sub(r"listen 80;", f"listen 127.0.0.1:{PORT};", text)
    assert f"127.0.0.1:{PORT}" in text and f"{root}/media/" in text
    return text


def _main_config(root):
    temp = "\n".join(
        f"    {name}_temp_path {root}/temp/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    include {root}/site.conf;
}}
"""


@pytest.fixture(scope="module")
def nginx():
    root = Path(tempfile.mkdtemp(prefix="sec_nginx_"))
    try:
        for sub in ("media/images", "media/documents", "media/other", "static", "cache", "temp"):
            (root / sub).mkdir(parents=True)
        (root / "media/images/anh.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
        (root / "media/images/trang.html").write_text("<script>alert(1)</script>")
        (root / "media/documents/ke-hoach.pdf").write_bytes(PDF)
        (root / "media/other/ke-hoach.pdf").write_bytes(PDF)
        for path in [root, *root.rglob("*")]:  # workers run as nobody
            path.chmod(0o755 if path.is_dir() else 0o644)
        (root / "site.conf").write_text(_site_config(root))
        (root / "nginx.conf").write_text(_main_config(root))
        argv = [NGINX, "-p", str(root), "-c", str(root / "nginx.conf")]
        check = subprocess.run([*argv, "-t"], capture_output=True, text=True)  # nosec B603
        assert check.returncode == 0, check.stderr
        process = subprocess.Popen(  # nosec B603
            [*argv, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", PORT), timeout=0.5).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log = (root / "error.log").read_text(errors="replace")
                        pytest.fail(f"nginx did not start on port {PORT}: {log}")
                    time.sleep(0.05)
            yield root
        finally:
            process.terminate()
            process.wait(timeout=10)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def get(path):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": "tin.example.gov.vn"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_the_site_file_passes_nginx_t(nginx):
    # The fixture already ran `nginx -t`; this names the check in the report.
    assert (nginx / "site.conf").read_text().count("location") >= 4


def test_images_are_served_with_nosniff(nginx):
    status, headers, body = get("/media/images/anh.png")
    assert status == 200
    assert body.startswith(b"\x89PNG")
    assert headers.get("X-Content-Type-Options") == "nosniff"


def test_an_html_file_in_media_is_not_sniffed_into_a_page(nginx):
    status, headers, _body = get("/media/images/trang.html")
    assert status == 200
    assert headers.get("X-Content-Type-Options") == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/ke-hoach.pdf",
        "/media//documents/ke-hoach.pdf",
        "/media/%64ocuments/ke-hoach.pdf",
        "/media/images/../documents/ke-hoach.pdf",
    ],
)
def test_documents_are_never_served_from_disk(nginx, path):
    status, _headers, body = get(path)
    assert status == 403
    assert b"secret document body" not in body


def test_the_same_file_elsewhere_in_media_is_served(nginx):
    # Proves the 403 above is the documents rule, not file permissions.
    status, _headers, body = get("/media/other/ke-hoach.pdf")
    assert status == 200
    assert body == PDF


def test_media_cannot_run_script_when_opened_as_a_page(nginx):
    site = SITE_FILE.read_text(encoding="utf-8")
    media_block = site[site.index("location /media/ {") :]
    media_block = media_block[: media_block.index("}")]
    if "Content-Security-Policy" not in media_block:
        pytest.skip(
            "location /media/ sets no Content-Security-Policy yet (requested from ops) (SKIPPED)"
        )
    _status, headers, _body = get("/media/images/trang.html")
    policy = headers.get("Content-Security-Policy", "")
    assert "sandbox" in policy and "default-src 'none'" in policy
