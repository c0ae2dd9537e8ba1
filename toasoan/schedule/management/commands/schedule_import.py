"""Import a week of the work schedule from an XLSX file (the admin page does the same)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from toasoan.schedule.importer import import_sheet


class Command(BaseCommand):
    help = "Import the work schedule from an XLSX sheet; nothing is written if any row is bad."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--keep", action="store_true", help="add to the days' items instead of replacing them"
        )

    def handle(self, *args, file, keep, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        with translation.override("en"):
            result = import_sheet(data, replace=not keep)
            if not result.ok:
                raise CommandError(
                    f"{file}: nothing imported.\n"
                    + "\n".join(f"{file}: {e}" for e in result.errors)
                )
        self.stdout.write(f"{file}: {result.created} items imported, {result.replaced} replaced.")
