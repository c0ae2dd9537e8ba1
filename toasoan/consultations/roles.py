"""Consultation permissions for the newsroom roles.

Editors and above run consultations (publish, export); comment moderators moderate and
record responses; reporters may draft a consultation but not publish it.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from toasoan.newsroom.roles import ADMIN, CHIEF, EDITOR, MODERATOR, REPORTER, ROLE_GROUP_NAMES

DRAFT = ["add_consultation", "change_consultation"]
MODERATE = ["view_consultationcomment", "change_consultationcomment"]
PUBLISH = ["publish_consultation", "delete_consultation", "delete_consultationcomment"]
ROLE_PERMISSIONS = {
    REPORTER: DRAFT,
    EDITOR: DRAFT + MODERATE + PUBLISH,
    CHIEF: DRAFT + MODERATE + PUBLISH,
    ADMIN: DRAFT + MODERATE + PUBLISH,
    MODERATOR: MODERATE,
}


def grant_role_permissions(sender=None, **kwargs):
    """post_migrate: add (never remove) the consultation permissions of each role group."""
    from .models import Consultation

    Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Consultation),
        codename="publish_consultation",
        defaults={"name": "Can publish dự thảo lấy ý kiến"},
    )
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=ROLE_GROUP_NAMES[role]).first()
        if group is None:
            continue
        perms = Permission.objects.filter(
            content_type__app_label="consultations", codename__in=codenames
        )
        group.permissions.add(*perms)
