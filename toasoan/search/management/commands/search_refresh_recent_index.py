"""PostgreSQL: rebuild the partial "recent" search indexes with a newer cutoff when they have
grown (the periodic job does it too); ``--force`` rebuilds at the current cutoff."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from toasoan.search.backends.postgres import refresh_recent_indexes


class Command(BaseCommand):
    help = (
        "PostgreSQL: move the cutoff of the partial search indexes over the newest articles "
        "(nothing on SQLite)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="choose the cutoff again even if not grown"
        )
        parser.add_argument(
            "--articles",
            type=int,
            default=None,
            help="how many of the newest articles to cover (default RECENT_INDEX_ARTICLES)",
        )

    def handle(self, *args, force, articles, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to do: the recent indexes exist on PostgreSQL only.")
            return
        started = time.perf_counter()
        outcome = refresh_recent_indexes(connection, force=force, size=articles)
        self.stdout.write(f"{outcome} ({time.perf_counter() - started:.1f} s)")
