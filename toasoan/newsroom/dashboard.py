"""The newsroom's admin dashboard: articles by state, comments, schedule, overdue items, activity.

Wagtail's own panels already list "items awaiting my review" (filtered per section by
SectionApprovalTask) and "my pages in review"; these panels add the newsroom overview.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import PageLogEntry, Revision, WorkflowState

from . import conf


def article_counts(now=None):
    """Articles by state: draft, in review, scheduled, published (one query each)."""
    from toasoan.news.models import ArticlePage

    now = now or timezone.now()
    page_type = ContentType.objects.get_for_model(ArticlePage)
    in_review_ids = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type__model="page",
        content_type=page_type,
    ).values("object_id")
    scheduled_ids = Revision.page_revisions.filter(
        approved_go_live_at__isnull=False, content_type=page_type
    ).values("object_id")
    articles = ArticlePage.objects.all()
    return {
        "draft": articles.filter(live=False)
        .exclude(pk__in=_as_ints(in_review_ids))
        .exclude(pk__in=_as_ints(scheduled_ids))
        .count(),
        "in_review": articles.filter(pk__in=_as_ints(in_review_ids)).count(),
        "scheduled": articles.filter(pk__in=_as_ints(scheduled_ids)).count(),
        "published": articles.filter(live=True).count(),
    }


def _as_ints(object_ids):
    # Revision/WorkflowState keep object ids as text; compare as numbers on every database.
    return [int(pk) for pk in object_ids.values_list("object_id", flat=True) if pk.isdigit()]


def _visible_page_ids(user):
    # Pages the user may act on; other sections' titles stay out of their dashboard.
    from wagtail.permission_policies.pages import PagePermissionPolicy

    pages = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, {"add", "change", "publish"}
    )
    return [str(pk) for pk in pages.values_list("pk", flat=True)]


def scheduled_items(user, limit=None):
    """Revisions approved to go live later, soonest first, among pages `user` works on."""
    limit = limit or conf.get("DASHBOARD_LIST_SIZE")
    revisions = Revision.objects.filter(approved_go_live_at__gte=timezone.now())
    if not user.is_superuser:
        revisions = revisions.filter(
            base_content_type__app_label="wagtailcore", object_id__in=_visible_page_ids(user)
        )
    return list(
        revisions.select_related("content_type", "user").order_by("approved_go_live_at")[:limit]
    )


def overdue_items(now=None):
    """What the scheduler should already have done: late go-lives and late expiries.

    Each item is (kind, title, when, admin object) with kind "publish" or "unpublish".
    """
    from django.apps import apps
    from wagtail.models import DraftStateMixin, Page

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=conf.get("OVERDUE_GRACE_SECONDS"))
    items = [
        ("publish", revision.object_str, revision.approved_go_live_at, revision)
        for revision in Revision.objects.filter(approved_go_live_at__lt=cutoff)
        .select_related("content_type")
        .order_by("approved_go_live_at")[:50]
    ]
    models = [Page] + [
        m for m in apps.get_models() if issubclass(m, DraftStateMixin) and not issubclass(m, Page)
    ]
    for model in models:
        for obj in model.objects.filter(live=True, expire_at__lt=cutoff)[:50]:
            items.append(("unpublish", str(obj), obj.expire_at, obj))
    return items


def recent_activity(user, limit=None):
    """The latest page log entries `user` may see (Wagtail's own visibility rule)."""
    limit = limit or conf.get("DASHBOARD_LIST_SIZE")
    return list(
        PageLogEntry.objects.viewable_by_user(user)
        .select_related("user", "page")
        .order_by("-timestamp")[:limit]
    )


def _comments_url(user):
    """The comment moderation list (comments app), for users allowed to moderate."""
    from django.urls import NoReverseMatch, reverse

    if not user.has_perm("comments.change_comment"):
        return ""
    try:
        return reverse("comments_admin:list") + "?status=pending"
    except NoReverseMatch:
        return ""


class NewsroomOverviewPanel(Component):
    name = "newsroom_overview"
    template_name = "newsroom/dashboard/overview.html"
    order = 50

    def get_context_data(self, parent_context):
        from toasoan.comments.models import Comment

        request = parent_context["request"]
        user = request.user
        context = super().get_context_data(parent_context)
        context.update(
            {
                "request": request,
                "counts": article_counts(),
                "pending_comments": Comment.objects.pending().count(),
                "comments_url": _comments_url(user),
                "overdue": overdue_items(),
                "scheduled": scheduled_items(user),
                "activity": recent_activity(user),
            }
        )
        return context
