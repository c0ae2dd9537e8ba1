"""Publish and unpublish whatever is due, now, under the periodic job's lock (`toasoan jobs`)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from toasoan.newsroom.scheduler import JOB_NAME


class Command(BaseCommand):
    help = (
        "Run scheduled publishing (go-live and expiry) now, under the periodic job's lock; "
        "the same as `toasoan jobs --force --only newsroom.publish_scheduled`."
    )

    def handle(self, *args, **options):
        call_command("jobs", force=True, only=[JOB_NAME], verbosity=2, stdout=self.stdout)
