"""Import administrative procedures from JSON Lines or XLSX (the admin page does the same)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from toasoan.procedures.importer import import_file


class Command(BaseCommand):
    help = "Import procedures from .jsonl or .xlsx; nothing is written if any record is bad."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--update", action="store_true", help="overwrite procedures whose code exists"
        )

    def handle(self, *args, file, update, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        with translation.override("en"):
            result = import_file(data, file.name, update=update)
            if not result.ok:
                raise CommandError(
                    f"{file}: nothing imported.\n"
                    + "\n".join(f"{file}: {e}" for e in result.errors)
                )
        self.stdout.write(f"{file}: {result.created} procedures created, {result.updated} updated.")
