"""Rebuild the search index from every live article (after a bulk import or a restore)."""

import time

from django.core.management.base import BaseCommand

from toasoan.search.indexing import rebuild


class Command(BaseCommand):
    help = "Empty the search index and index every live article again."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        started = time.perf_counter()
        verbosity = options["verbosity"]

        def progress(done, total):
            if verbosity > 1:
                self.stdout.write(f"indexed {done}/{total}")

        count = rebuild(batch_size=batch_size, progress=progress)
        elapsed = time.perf_counter() - started
        rate = count / elapsed if elapsed else 0
        self.stdout.write(f"Indexed {count} articles in {elapsed:.1f} s ({rate:.0f}/s).")
