from django.core.management.base import BaseCommand

from toasoan.comments.conf import comments_setting
from toasoan.comments.jobs import purge_ip_hashes


class Command(BaseCommand):
    help = (
        "Erase the hashed IP addresses of comments older than TOASOAN_COMMENTS IP_RETENTION_DAYS."
    )

    def handle(self, *args, **options):
        count = purge_ip_hashes()
        self.stdout.write(
            f"Erased the IP hash of {count} comment(s) older than "
            f"{comments_setting('IP_RETENTION_DAYS')} days."
        )
