from django import template
from django.db.models import Prefetch
from django.urls import reverse

from toasoan.botcheck.templatetags.botcheck_tags import widget_context as botcheck_widget_context
from toasoan.core.prerendered_templates import render_filled

from .. import moderation
from ..conf import comments_setting
from ..forms import CommentForm
from ..models import Comment, approved_count

register = template.Library()

SORT_PARAM = "binh-luan"
SORT_OLDEST = "cu-nhat"


def approved_thread(page, oldest_first=False):
    """Approved top-level comments of ``page`` with their approved replies (oldest first)."""
    replies = Comment.objects.approved().order_by("created_at", "pk")
    order = ("created_at", "pk") if oldest_first else ("-created_at", "-pk")
    queryset = (
        Comment.objects.approved()
        .filter(page_id=page.pk, parent__isnull=True)
        .order_by(*order)
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="approved_replies"))
    )
    return list(queryset[: comments_setting("LIST_LIMIT")])


@register.inclusion_tag("comments/area.html", takes_context=True)
def comment_area(context, page):
    """The "Ý kiến bạn đọc" block under an article: form, approved comments, total.

    The output is shared by every reader through the page cache: nothing per-reader here.
    """
    request = context.get("request")
    oldest = bool(request and request.GET.get(SORT_PARAM) == SORT_OLDEST)
    visible = moderation.comments_visible(page)
    # Counted first: most articles have no approved comment, and then there is no list to read.
    # A page reached through the article route already carries its count (same query).
    total = getattr(page, "approved_comment_count", None)
    if total is None:
        total = approved_count(page)
    is_open = visible and moderation.comments_open(page)
    altcha = botcheck_widget_context()
    return {
        "page": page,
        "request": request,
        "visible": visible,
        "open": is_open,
        "closes_at": moderation.closes_at(page) if visible else None,
        "comments": approved_thread(page, oldest) if visible and total else [],
        "total": total,
        "oldest": oldest,
        "sort_param": SORT_PARAM,
        "sort_oldest": SORT_OLDEST,
        # The shared copy of the form (no token, no challenge: comments.js adds them), the
        # same for every article but its two URLs: rendered once per process and language.
        "js_form": render_filled(
            "comments/_form.html",
            {
                "form_url": reverse("comments:form", args=[page.pk]),
                "session_url": reverse("comments:session", args=[page.pk]),
            },
            fixed={"mode": "js", **altcha},
            constant={"form": CommentForm()},
        )
        if is_open
        else "",
        **altcha,
    }
