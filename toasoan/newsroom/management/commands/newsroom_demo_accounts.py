"""Create one demo account per newsroom role, with a random password saved under var/."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from toasoan.news.models import HomePage, SectionPage
from toasoan.newsroom import roles

DEMO_ACCOUNTS = [
    ("phongvien", roles.REPORTER, "Phóng viên Demo"),
    ("bientapvien", roles.EDITOR, "Biên tập viên Demo"),
    ("tongbientap", roles.CHIEF, "Tổng biên tập Demo"),
    ("kiemduyet", roles.MODERATOR, "Kiểm duyệt Demo"),
    ("quantri", roles.ADMIN, "Quản trị Demo"),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts phongvien, bientapvien, tongbientap, kiemduyet and quantri "
        "(one per role; reporter and editor in the first section). Existing accounts are left "
        "untouched. New passwords are printed once and appended to var/demo-accounts.txt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(settings.VAR_DIR / "demo-accounts.txt"),
            help="file the new passwords are appended to (default: var/demo-accounts.txt)",
        )

    def handle(self, *args, **options):
        section = self._demo_section()
        created = []
        path = options["output"]
        # The file is written inside the transaction: if it cannot be written, no account is
        # created whose password nobody could read back.
        with transaction.atomic():
            for username, role, display_name in DEMO_ACCOUNTS:
                password = self._create(username, role, display_name, section)
                if password:
                    created.append((username, role, password))
            if created:
                try:
                    self._save(path, created, section)
                except OSError as exc:
                    raise CommandError(f"cannot write the passwords to {path}: {exc}") from exc
        if created:
            for username, role, password in created:
                self.stdout.write(f"{username:12} {roles.ROLE_GROUP_NAMES[role]:22} {password}")
        else:
            self.stdout.write("demo accounts already exist; nothing changed")
        if section is None:
            self.stderr.write(
                "no section exists yet: phongvien and bientapvien have no section; run "
                "`manage.py newsroom_grant phongvien phongvien --section <slug>` later"
            )
        self.stdout.write(f"demo account passwords are in {path}")

    def _demo_section(self):
        home_ids = HomePage.objects.values_list("pk", flat=True)
        for section in SectionPage.objects.order_by("path"):
            if section.get_parent().pk in home_ids:
                return section
        return None

    def _create(self, username, role, display_name, section):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return None
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username,
            password=password,
            email=f"{username}@toasoan.local",
            display_name=display_name,
        )
        if role not in roles.SECTION_ROLES or section is not None:
            roles.grant(user, role, section)
        else:
            roles.join_role_group(user, role)
        return password

    def _save(self, path, created, section):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        # The file holds passwords: readable by the owner only.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as out:
            for username, role, password in created:
                where = ""
                if section is not None and role in roles.SECTION_ROLES:
                    where = f" – {section.title}"
                out.write(f"{username}\t{roles.ROLE_GROUP_NAMES[role]}{where}\t{password}\n")
