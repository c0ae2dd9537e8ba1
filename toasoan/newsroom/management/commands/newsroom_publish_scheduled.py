"""Publish and unpublish whatever is due, once across all processes (systemd timer target)."""

from django.core.management.base import BaseCommand

from toasoan.newsroom.scheduler import publish_due


class Command(BaseCommand):
    help = (
        "Run Wagtail's scheduled publishing (go-live and expiry) under a database lock, so "
        "several servers or timers never publish the same revision twice."
    )

    def handle(self, *args, **options):
        # Errors propagate: the command exits non-zero and systemd marks the run failed.
        if publish_due():
            self.stdout.write("scheduled publishing: done")
        else:
            self.stdout.write("scheduled publishing: skipped, another process holds the lock")
