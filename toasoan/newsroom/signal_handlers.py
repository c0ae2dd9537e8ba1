"""Signal handlers: section groups follow their sections; review emails go to the right editors."""

import logging

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted

logger = logging.getLogger(__name__)


class SectionAwareSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's "submitted for review" email, sent only to editors of the page's section.

    Wagtail emails every member of the task's groups; for a SectionApprovalTask that would tell
    the editors of every section about each article, so the recipients are narrowed to the
    group members who may edit the page.
    """

    def get_recipient_users(self, task_state, **kwargs):
        from wagtail.permission_policies.pages import PagePermissionPolicy

        from .models import SectionApprovalTask

        recipients = super().get_recipient_users(task_state, **kwargs)
        task = task_state.task.specific
        page = task_state.workflow_state.content_object
        if isinstance(task, SectionApprovalTask) and isinstance(page, Page):
            editors = PagePermissionPolicy().users_with_permission_for_instance("change", page)
            recipients = (
                get_user_model()
                .objects.filter(pk__in=recipients.values("pk"))
                .filter(pk__in=editors.values("pk"))
            )
        return recipients


section_aware_submission_notifier = SectionAwareSubmissionNotifier()


def _section_saved(sender, instance, created, raw=False, **kwargs):
    from .roles import ensure_section_groups, rename_section_groups

    if raw:
        return
    if created:
        # Same transaction as the page: a failed page creation leaves no groups behind.
        ensure_section_groups(instance)
    else:
        rename_section_groups(instance)


def _section_role_deleted(sender, instance, **kwargs):
    # A deleted section takes its page permissions with it; its empty groups go too.
    from django.contrib.auth.models import Group

    Group.objects.filter(pk=instance.group_id).delete()


def sync_roles_after_migrate(sender, apps=None, using=None, **kwargs):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from .roles import sync_roles

    # Roles name permissions of apps listed after this one (simple_translation's
    # "submit_translation"), whose own post_migrate has not created them yet.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using or "default")
    sync_roles(global_apps)


def connect():
    from toasoan.news.models import SectionPage

    from .models import SectionRoleGroup

    post_save.connect(_section_saved, sender=SectionPage, dispatch_uid="newsroom_section_saved")
    post_delete.connect(
        _section_role_deleted, sender=SectionRoleGroup, dispatch_uid="newsroom_section_role_deleted"
    )
    # Same dispatch_uid and sender as Wagtail's own handler: this app is ready() before
    # wagtail.admin, so Django keeps ours and ignores Wagtail's later connect() of that key.
    task_submitted.connect(
        section_aware_submission_notifier,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
