"""`make run` serves uploads with nginx's rules: private folders never, the rest sandboxed."""

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from toasoan.core.media import PRIVATE_PREFIXES


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    for prefix in PRIVATE_PREFIXES:
        (tmp_path / prefix).mkdir()
        (tmp_path / prefix / "secret.pdf").write_bytes(b"%PDF-1.4 draft")
    return tmp_path


@pytest.fixture
def serving_urls():
    import importlib

    import toasoan.urls

    with override_settings(TOASOAN_SERVE_MEDIA=True):
        importlib.reload(toasoan.urls)
        clear_url_caches()
        yield
    importlib.reload(toasoan.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_public_image_is_served_sandboxed(client, media, serving_urls):
    response = client.get("/media/images/a.png")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", PRIVATE_PREFIXES)
def test_private_folders_are_never_served_from_disk(client, media, serving_urls, prefix):
    assert client.get(f"/media/{prefix}secret.pdf").status_code == 404
    assert client.get(f"/media//{prefix}secret.pdf").status_code == 404
