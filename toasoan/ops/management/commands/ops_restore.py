"""`toasoan restore FILE`: put back the database and media of a `toasoan backup` archive."""

from django.core.management.base import BaseCommand, CommandError

from toasoan.ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and media files from a backup archive. Everything written "
        "since the backup is replaced. Stop the app servers first, or expect a few errors "
        "while it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz written by `toasoan backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        if not options["yes"]:
            answer = input(
                f"Replace this site's database and media with {options['archive']}? [y/N] "
            )
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            manifest = restore_backup(options["archive"])
        except BackupError as exc:
            raise CommandError(f"{exc}; nothing was changed.") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Restored {options['archive']}")
            + f" (backup of {manifest['created_at']}, {manifest['engine']})"
        )
