"""Backups: the database and the media files in one .tar.gz with a manifest.

Layout of the archive::

    manifest.json        format, time, engine, versions, migrations, sha256 of every member
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    database.pgdump      PostgreSQL: pg_dump --format=custom (one snapshot)
    media/...            every file under MEDIA_ROOT

The database is copied first, then the media: uploads only ever add files, so every file the
database refers to is in the archive (at worst a few newer, unreferenced files come along).
Restoring checks the manifest and every checksum before touching anything.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "toasoan-backup/1"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"database engine {vendor!r} is not supported (SQLite, PostgreSQL)")
    return vendor


def _pg_env():
    params = connection.settings_dict
    env = os.environ.copy()
    env.update(
        PGHOST=str(params.get("HOST") or "localhost"),
        PGPORT=str(params.get("PORT") or 5432),
        PGUSER=str(params.get("USER") or ""),
        PGPASSWORD=str(params.get("PASSWORD") or ""),
        PGDATABASE=str(params["NAME"]),
    )
    return env


def _run(argv, env):
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {done.stderr.strip()[:2000]}")


def _dump_database(engine, workdir):
    if engine == "sqlite":
        target = workdir / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        with destination:
            connection.connection.backup(destination)
        destination.close()
        return target
    target = workdir / "database.pgdump"
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target)],
        _pg_env(),
    )
    return target


def _migrations():
    applied = MigrationRecorder(connection).applied_migrations()
    latest = {}
    for app, name in sorted(applied):
        latest[app] = name
    return latest


def create_backup(output):
    """Write a backup archive to `output` (a path); returns the manifest dict."""
    import django
    import wagtail

    engine = _engine()
    output = Path(output)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="toasoan-backup-") as tmp:
        workdir = Path(tmp)
        database = _dump_database(engine, workdir)
        members = {database.name: _sha256(database)}
        media_files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if (media_root.exists()) else []
        )
        for path in media_files:
            members["media/" + path.relative_to(media_root).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "migrations": _migrations(),
            "files": members,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(dt.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(database, arcname=database.name)
            for path in media_files:
                archive.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
        partial.replace(output)  # never leave a half-written archive under the final name
    return manifest


def _read_manifest(archive):
    try:
        member = archive.getmember("manifest.json")
    except KeyError as exc:
        raise BackupError("not a Tòa soạn backup: manifest.json is missing") from exc
    manifest = json.load(archive.extractfile(member))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def _extract_verified(archive, manifest, workdir):
    for name, expected in manifest["files"].items():
        member = archive.getmember(name)
        if not member.isfile() or name.startswith("/") or ".." in Path(name).parts:
            raise BackupError(f"unsafe member in the archive: {name}")
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.extractfile(member) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
        if _sha256(target) != expected:
            raise BackupError(f"checksum mismatch for {name}: the archive is damaged")


def restore_backup(path):
    """Replace the database and media with the archive's; returns the manifest."""
    engine = _engine()
    with tempfile.TemporaryDirectory(prefix="toasoan-restore-") as tmp:
        workdir = Path(tmp)
        try:
            with tarfile.open(path, "r:gz") as archive:
                manifest = _read_manifest(archive)
                _extract_verified(archive, manifest, workdir)
        except (tarfile.TarError, OSError, KeyError) as exc:
            raise BackupError(f"cannot read {path}: {exc}") from exc
        if manifest["engine"] != engine:
            raise BackupError(
                f"the backup is from {manifest['engine']}, this site runs on {engine}; "
                "restore it into a site with the same database engine"
            )
        _restore_database(engine, workdir)
        _restore_media(workdir / "media")
    _after_restore()
    return manifest


def _restore_database(engine, workdir):
    if engine == "sqlite":
        source = sqlite3.connect(workdir / "database.sqlite3")
        connection.ensure_connection()
        with source:
            source.backup(connection.connection)
        source.close()
        return
    connections.close_all()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "-d",
            _pg_env()["PGDATABASE"],
            str(workdir / "database.pgdump"),
        ],
        _pg_env(),
    )


def _restore_media(source):
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
    if source.exists():
        shutil.copytree(source, staging, dirs_exist_ok=True)
    old = media_root.with_name(media_root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    media_root.rename(old)
    staging.rename(media_root)
    shutil.rmtree(old, ignore_errors=True)


def _after_restore():
    from django.core.cache import caches

    from .pagecache import bump_generation

    bump_generation("restore")
    for alias in settings.CACHES:
        try:
            caches[alias].clear()
        except Exception:  # noqa: BLE001, S110 - a cache that cannot clear is empty anyway
            pass
