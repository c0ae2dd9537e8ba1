"""Give a staff account a newsroom role, in a section for reporters and editors."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from toasoan.news.models import SectionPage
from toasoan.newsroom.roles import ROLE_GROUP_NAMES, SECTION_ROLES, grant, revoke


class Command(BaseCommand):
    help = (
        "Assign a user to a newsroom role. Roles: "
        + ", ".join(f"{key} ({name})" for key, name in ROLE_GROUP_NAMES.items())
        + ". Reporters and editors need --section (the section's slug or id)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=sorted(ROLE_GROUP_NAMES))
        parser.add_argument("--section", help="slug or id of the section (SectionPage)")
        parser.add_argument("--revoke", action="store_true", help="remove the role instead")

    def handle(self, *args, **options):
        username, role, section = options["username"], options["role"], options["section"]
        revoke_role = options["revoke"]
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None
        section_page = self._section(section) if section else None
        if role in SECTION_ROLES and section_page is None and not revoke_role:
            raise CommandError(f"role {role!r} needs --section (slug or id of a section)")
        if revoke_role:
            revoke(user, role, section_page)
            self.stdout.write(f"{username}: removed from {role}")
            return
        groups = grant(user, role, section_page)
        names = ", ".join(group.name for group in groups)
        self.stdout.write(f"{username}: now in {names}")

    def _section(self, value):
        query = SectionPage.objects.filter(slug=value)
        if value.isdigit():
            query = SectionPage.objects.filter(pk=int(value)) | query
        sections = list(query)
        if not sections:
            raise CommandError(f"no section with slug or id {value!r}")
        if len(sections) > 1:
            ids = ", ".join(str(s.pk) for s in sections)
            raise CommandError(f"several sections match {value!r} (ids {ids}); pass the id")
        return sections[0]
