"""Backup → change → restore gives back the same site (run in subprocesses, real databases)."""

import io
import json
import re
import tarfile
import time

import pytest

from bench import _stack as stack

MAKE_SITE = (
    "from toasoan.news.tests.factories import *;"
    "from django.conf import settings;"
    "import pathlib;"
    "a = make_article(make_section(make_home()), title='Kết quả thi tốt nghiệp năm 2026');"
    "p = pathlib.Path(settings.MEDIA_ROOT) / 'original_images' / 'bao.jpg';"
    "p.parent.mkdir(parents=True, exist_ok=True); p.write_bytes(b'anh-goc');"
    "print('ARTICLE', a.pk)"
)
CHANGE_SITE = (
    "from toasoan.news.models import ArticlePage;"
    "from django.conf import settings;"
    "import pathlib;"
    "a = ArticlePage.objects.get();"
    "a.title = 'Tiêu đề bị sửa sau khi sao lưu'; a.save_revision().publish();"
    "media = pathlib.Path(settings.MEDIA_ROOT);"
    "(media / 'original_images' / 'bao.jpg').unlink();"
    "(media / 'moi.txt').write_text('tệp mới')"
)
SHOW_SITE = (
    "from toasoan.news.models import ArticlePage;"
    "from django.conf import settings;"
    "import pathlib;"
    "media = pathlib.Path(settings.MEDIA_ROOT);"
    "print('TITLE', ArticlePage.objects.get().title);"
    "print('MEDIA', sorted(p.relative_to(media).as_posix() for p in media.rglob('*') "
    "if p.is_file()))"
)


def shell(env, code):
    return stack.manage(env, "shell", "-c", code).stdout


def round_trip(env, tmp_path):
    stack.manage(env, "migrate", "--noinput")
    shell(env, MAKE_SITE)
    before = shell(env, SHOW_SITE)
    archive = tmp_path / "sao-luu.tar.gz"
    out = stack.manage(env, "backup", "--output", str(archive)).stdout
    assert "Backup written to" in out
    shell(env, CHANGE_SITE)
    assert shell(env, SHOW_SITE) != before
    out = stack.manage(env, "restore", str(archive), "--yes").stdout
    assert "Restored" in out
    after = shell(env, SHOW_SITE)
    assert re.search(r"^TITLE (.*)$", after, re.M).group(1) == "Kết quả thi tốt nghiệp năm 2026"
    assert "MEDIA ['original_images/bao.jpg']" in after
    return archive


def dev_env(tmp_path, database_url):
    env = stack.production_env(database_url, "", tmp_path / "var")
    env["DJANGO_SETTINGS_MODULE"] = "toasoan.settings.dev"
    env.pop("REDIS_URL")
    return env


class TestSQLiteBackup:
    def test_round_trip_gives_back_the_same_site_and_damage_is_refused(self, tmp_path):
        env = dev_env(tmp_path, f"sqlite:///{tmp_path / 'site.sqlite3'}")
        archive = round_trip(env, tmp_path)
        with tarfile.open(archive) as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
            names = tar.getnames()
        assert manifest["engine"] == "sqlite"
        assert "news" in manifest["migrations"]
        assert set(manifest["files"]) == {"database.sqlite3", "media/original_images/bao.jpg"}
        assert set(names) == {"manifest.json", *manifest["files"]}

        damaged = tmp_path / "hong.tar.gz"
        with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
            for member in src.getmembers():
                data = src.extractfile(member).read()
                if member.name.endswith("bao.jpg"):
                    data = b"bi-thay-doi"
                    member.size = len(data)
                dst.addfile(member, io.BytesIO(data))
        done = stack.manage(env, "restore", str(damaged), "--yes", check=False)
        assert done.returncode != 0
        assert "checksum mismatch for media/original_images/bao.jpg" in done.stderr
        assert "nothing was changed" in done.stderr

    def test_a_file_that_is_not_a_backup_is_refused(self, tmp_path):
        env = dev_env(tmp_path, f"sqlite:///{tmp_path / 'site.sqlite3'}")
        bogus = tmp_path / "khong-phai.tar.gz"
        bogus.write_bytes(b"not a tarball")
        done = stack.manage(env, "restore", str(bogus), "--yes", check=False)
        assert done.returncode != 0
        assert "cannot read" in done.stderr


@pytest.mark.postgres
class TestPostgresBackup:
    def test_round_trip_gives_back_the_same_site(self, tmp_path):
        name = f"toasoan_ops_backup_{int(time.time())}"
        url = stack.create_database(name)
        try:
            archive = round_trip(dev_env(tmp_path, url), tmp_path)
            with tarfile.open(archive) as tar:
                manifest = json.load(tar.extractfile("manifest.json"))
            assert manifest["engine"] == "postgresql"
            assert "database.pgdump" in manifest["files"]
        finally:
            stack.drop_database(name)
