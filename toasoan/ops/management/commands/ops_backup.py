"""`toasoan backup`: database + media in one .tar.gz with a manifest."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from toasoan.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and media files into one .tar.gz (SQLite or PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="archive path (default: var/backups/toasoan-YYYYmmdd-HHMMSS.tar.gz)",
        )

    def handle(self, *args, **options):
        output = options["output"]
        if not output:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            output = folder / f"toasoan-{stamp}.tar.gz"
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {output}")
            + f" ({manifest['engine']} database, {media} media files)"
        )
