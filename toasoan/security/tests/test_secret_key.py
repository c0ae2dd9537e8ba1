"""#23: `make run` signed bot-check challenges with a SECRET_KEY committed to git. The dev
settings now generate a key of the installation's own under var/ and keep it."""

import stat
from pathlib import Path

from toasoan.core.secret_key import load_or_create


def test_generated_once_private_and_kept(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = load_or_create(path)
    assert len(first) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create(path) == first  # a restart keeps sessions and signatures valid
    assert load_or_create(tmp_path / "other") != first


def test_a_short_or_empty_file_is_replaced(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("short\n")
    key = load_or_create(path)
    assert len(key) >= 50 and path.read_text().strip() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_dev_settings_use_no_committed_key():
    settings_text = (Path(__file__).parents[2] / "settings" / "dev.py").read_text("utf-8")
    assert "load_or_create" in settings_text
    assert "dev-only-not-secret" not in settings_text
