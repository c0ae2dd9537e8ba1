"""Documents follow the newsroom's review, like pages (#23).

A reporter's upload used to be downloadable by anyone at ``/tai-lieu/<id>/<name>`` at once,
with no editorial step: a way to publish any file under the agency's domain. Now a document
uploaded by somebody who may not publish (a reporter: no "publish" page permission, not an
editor, chief or administrator) is put in the collection "Tài liệu chờ duyệt", whose view
restriction admits only the editors, the chief and the administrators. An editor reviews it
and moves it to a public collection (Wagtail's document edit form → "Thư mục"); reporters
cannot edit documents, so cannot move it themselves. Reporters can still choose it for a
draft article, which itself goes through the review workflow.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from toasoan.newsroom.roles import ADMIN, CHIEF, EDITOR, ROLE_GROUP_NAMES

PENDING_COLLECTION_NAME = "Tài liệu chờ duyệt"
REVIEWER_ROLES = (EDITOR, CHIEF, ADMIN)
PENDING_LABEL = _("Tài liệu chờ duyệt")


def may_publish_documents(user):
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = [ROLE_GROUP_NAMES[role] for role in REVIEWER_ROLES]
    return user.groups.filter(name__in=names).exists()


def pending_collection():
    """The review collection, created with its view restriction on first use."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PENDING_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(instance=Collection(name=PENDING_COLLECTION_NAME))
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    reviewers = Group.objects.filter(name__in=[ROLE_GROUP_NAMES[role] for role in REVIEWER_ROLES])
    restriction.groups.add(*reviewers)
    return collection


def hold_for_review(sender, instance, created, raw=False, **kwargs):
    # Documents written by code (imports, demo content: no uploader) are not uploads.
    user = instance.uploaded_by_user
    if raw or not created or user is None or may_publish_documents(user):
        return
    with transaction.atomic():
        collection = pending_collection()
        if instance.collection_id != collection.pk:
            sender.objects.filter(pk=instance.pk).update(collection=collection)
            instance.collection = collection


def connect():
    from wagtail.documents import get_document_model

    post_save.connect(
        hold_for_review, sender=get_document_model(), dispatch_uid="toasoan-document-review"
    )
