"""Remove a staff member's two-factor devices (lost or replaced phone).

The next login asks them to enrol again when 2FA is required for them; the removal is
written to the audit log ("toasoan.2fa.disable") like a removal from the admin.

    manage.py security_reset_2fa USERNAME [--yes]
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from toasoan.security.twofactor import remove_devices


class Command(BaseCommand):
    help = "Remove every TOTP device of USERNAME so they can enrol a new authenticator app."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, username, yes, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        devices = TOTPDevice.objects.filter(user=user)
        count = devices.count()
        if not count:
            self.stdout.write(f"{username} has no two-factor device; nothing to do.")
            return
        if not yes and input(f"Remove {count} two-factor device(s) of {username}? [y/N] ") != "y":
            raise CommandError("Cancelled; nothing changed.")
        count = remove_devices(user)
        self.stdout.write(f"Removed {count} two-factor device(s) of {username}.")
