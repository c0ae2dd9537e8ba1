from django import template

from ..models import Comment, approved_count

register = template.Library()


@register.inclusion_tag("comments/area.html", takes_context=True)
def comment_area(context, page):
    """The "Ý kiến bạn đọc" block under an article: approved comments and their total."""
    comments = list(
        Comment.objects.approved()
        .filter(page_id=page.pk, parent__isnull=True)
        .order_by("-created_at")[:50]
    )
    return {
        "page": page,
        "request": context.get("request"),
        "comments": comments,
        "total": approved_count(page),
    }
