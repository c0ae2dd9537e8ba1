"""The Nu HTML checker (vnu) on every kind of page this app renders or touches."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def vnu():
    if not VNU_JAR.exists() or shutil.which("java") is None:
        pytest.skip("vnu.jar or java missing: run `npm ci` (package.json) (SKIPPED)")
    return VNU_JAR


def _vnu_errors(vnu, tmp_path, client, pages):
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    # One JVM for every file: starting Java costs more than checking a page.
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]


def test_vnu_reports_a_broken_page(client, tree, vnu, tmp_path, settings):
    # The checker itself must be able to fail: a page with a bad attribute is caught.
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="vi"><title>x</title><p><a hreff="/">x</a>')
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert json.loads(result.stderr)["messages"]


def test_rendered_pages_have_no_html_errors(client, tree, vnu, tmp_path):
    pages = {
        "home": "/",
        "section": tree["news"].url,
        "article": tree["lead"].url,
        "article-no-image": tree["money"].url,
        "announcements": tree["index"].url,
        "announcement": tree["notice"].url,
        "standard": tree["about"].url,
        "site-map": "/so-do-trang/",
        "feed-list": "/kenh-rss/",
        "print": f"/in/{tree['lead'].id}/",
        "saved": f"/luu/{tree['lead'].id}/",
    }
    errors = _vnu_errors(vnu, tmp_path, client, pages)
    assert errors == [], "\n".join(errors)


def test_search_page_has_no_html_errors(client, tree, vnu, tmp_path):
    errors = _vnu_errors(vnu, tmp_path, client, {"search": "/tim-kiem/?q=h%E1%BB%99i+ngh%E1%BB%8B"})
    assert errors == [], "\n".join(errors)
