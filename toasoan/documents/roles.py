"""Document permissions for the newsroom roles: reporters draft, editors and above publish."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from toasoan.newsroom.roles import ADMIN, CHIEF, EDITOR, REPORTER, ROLE_GROUP_NAMES

DRAFT = ["add_document", "change_document"]
MANAGE = [
    "add_documenttype",
    "change_documenttype",
    "add_issuingbody",
    "change_issuingbody",
    "add_documentfield",
    "change_documentfield",
]
PUBLISH = ["publish_document", "delete_document"]
ROLE_PERMISSIONS = {
    REPORTER: DRAFT,
    EDITOR: DRAFT + MANAGE + PUBLISH,
    CHIEF: DRAFT + MANAGE + PUBLISH,
    ADMIN: DRAFT
    + MANAGE
    + PUBLISH
    + ["delete_documenttype", "delete_issuingbody", "delete_documentfield"],
}


def grant_role_permissions(sender=None, **kwargs):
    """post_migrate: add (never remove) the document permissions of each role group."""
    from .models import Document

    # Wagtail adds "publish" for draft-state snippets in its own post_migrate, which may run
    # after this one: make sure it exists (same codename, so never twice).
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Document),
        codename="publish_document",
        defaults={"name": "Can publish văn bản"},
    )
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=ROLE_GROUP_NAMES[role]).first()
        if group is None:
            continue
        perms = Permission.objects.filter(
            content_type__app_label="documents", codename__in=codenames
        )
        group.permissions.add(*perms)
