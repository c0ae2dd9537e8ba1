import pytest


@pytest.fixture
def spool(settings, tmp_path):
    """A spool directory and media root of this test's own."""
    settings.TOASOAN_STATISTICS = {"SPOOL_DIR": str(tmp_path / "spool")}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from toasoan.statistics import snapshot

    snapshot._cached.update(stamp=0.0, mtime=None)
    return tmp_path / "spool"
