"""`make run` is the site as readers see it: DEBUG off, Vietnamese 404/500, static files served
by the app with long cache headers, a per-machine secret key under var/.

The test starts the same thing `make run` does (migrate, collectstatic, ``ops_serve``) with
toasoan.settings.dev in a fresh var/ directory; only the URL configuration gains one failing
view (tests/run_mode_urls.py), because no public URL of the site answers 500 by design.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from toasoan.ops.processes import process_tree, stop_tree

ROOT = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def run_mode(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.run_mode_settings",
        "TOASOAN_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'toasoan.sqlite3'}",
        "STATIC_ROOT": str(var / "static"),
        "MEDIA_ROOT": str(var / "media"),
    }
    for name in ("REDIS_URL", "TOASOAN_DEBUG", "SECRET_KEY"):
        env.pop(name, None)
    for argv in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run(  # noqa: S603 - our own argv
            [sys.executable, "-m", "toasoan.cli", *argv], env=env, check=True, cwd=ROOT
        )
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - our own argv
        [sys.executable, "-m", "toasoan.cli", "ops_serve", "--port", str(port)]
        + ["--workers", "1", "--no-scheduler"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            _get(f"{base}/healthz")
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"ops_serve did not start: {process.stdout.read()}")
            time.sleep(0.3)
    children = process_tree(process.pid)
    yield base, var
    stop_tree(process.pid, timeout=10, wait=process.wait)
    for child in children:
        stop_tree(child["pid"], timeout=1)


def _shows_no_internals(body):
    for leak in (
        "Traceback",
        "DEBUG = True",
        "SECRET_KEY",
        "INSTALLED_APPS",
        "URLconf",
        "urlpatterns",
    ):
        assert leak not in body


def test_unknown_url_is_the_vietnamese_404(run_mode):
    base, _ = run_mode
    status, _, body = _get(f"{base}/khong-co-trang-nay-xyz/")
    assert status == 404
    assert "Không tìm thấy trang" in body
    assert 'lang="vi"' in body
    _shows_no_internals(body)


def test_failing_view_is_the_vietnamese_500(run_mode):
    base, _ = run_mode
    status, _, body = _get(f"{base}/__boom__/")
    assert status == 500
    assert "Hệ thống đang gặp sự cố" in body
    assert "deliberate failure" not in body
    _shows_no_internals(body)


def test_static_files_are_hashed_and_cached_for_a_year(run_mode):
    base, _ = run_mode
    _, _, home = _get(f"{base}/khong-co-trang-nay-xyz/")
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', home)
    assert stylesheets, "the page links no stylesheet"
    # Collected names carry the content hash: name.0123456789ab.css
    assert all(re.search(r"\.[0-9a-f]{12}\.css$", url) for url in stylesheets)
    status, headers, _ = _get(base + stylesheets[0])
    assert status == 200
    cache = {k.lower(): v for k, v in headers.items()}.get("cache-control", "")
    max_age = re.search(r"max-age=(\d+)", cache)
    assert max_age and int(max_age.group(1)) >= 31536000, headers
    assert "immutable" in cache


def test_secret_key_is_generated_once_under_var_and_private(run_mode):
    _, var = run_mode
    key_file = var / "secret-key"
    assert key_file.exists()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    key = key_file.read_text().strip()
    assert len(key) >= 50
    assert "dev-only" not in key


def test_the_statistics_snapshot_is_a_file_granian_serves_without_django(run_mode):
    """Every page fetches /media/thong-ke/so-lieu.json: it must never run the application."""
    base, var = run_mode
    (var / "media" / "thong-ke" / "so-lieu.json").write_text('{"total": 7}')
    (var / "media" / "khac.txt").write_text("tệp khác")
    status, headers, body = _get(f"{base}/media/thong-ke/so-lieu.json")
    headers = {k.lower(): v for k, v in headers.items()}
    assert status == 200 and body == '{"total": 7}'
    # Another media file, which Django serves, carries Django's headers; the snapshot none.
    status, django_headers, _ = _get(f"{base}/media/khac.txt")
    django_headers = {k.lower(): v for k, v in django_headers.items()}
    assert status == 200
    for name in ("x-frame-options", "content-security-policy"):
        assert name in django_headers and name not in headers, (name, headers)
    # Fresh for at most a minute: the footer counter shows figures at most ~1 minute old.
    max_age = re.search(r"max-age=(\d+)", headers.get("cache-control", ""))
    assert max_age and 0 < int(max_age.group(1)) <= 60, headers
    status, _, _ = _get(f"{base}/media/thong-ke/khong-co.json")
    assert status == 404
