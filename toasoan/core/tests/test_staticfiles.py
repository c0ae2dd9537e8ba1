"""Production static storage: hashed URLs as whitenoise gives them, remembered per process."""

import json

import pytest
from django.test import override_settings

from toasoan.core.staticfiles import RememberingManifestStaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    paths = {"toasoan/css/site.css": "toasoan/css/site.0123abcd.css"}
    manifest = {"paths": paths, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    with override_settings(DEBUG=False, STATIC_URL="/static/"):
        yield RememberingManifestStaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_hashed_url_is_the_manifest_one_and_is_remembered(storage, monkeypatch):
    assert storage.url("toasoan/css/site.css") == "/static/toasoan/css/site.0123abcd.css"
    # The second call does not resolve again: the manifest cannot change under a process.
    monkeypatch.setattr(storage, "hashed_files", {})
    assert storage.url("toasoan/css/site.css") == "/static/toasoan/css/site.0123abcd.css"


def test_a_missing_file_still_fails_and_is_not_remembered(storage):
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        storage.url("toasoan/css/missing.css")
    assert "toasoan/css/missing.css" not in storage._urls
