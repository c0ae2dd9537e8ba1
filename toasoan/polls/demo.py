"""Demo content for Bình chọn: an open poll shown in the sidebar and placed in a demo article
(idempotent: the poll is found by its question, the article block by its type)."""

import datetime as dt

from django.utils import timezone

QUESTION = "Bạn quan tâm nhất đến dịch vụ công trực tuyến nào của Ban Quản lý?"
CHOICES = [
    "Cấp, điều chỉnh Giấy chứng nhận đăng ký đầu tư",
    "Cấp giấy phép lao động cho người nước ngoài",
    "Đăng ký nội quy lao động",
    "Thủ tục môi trường",
]


def load_demo(stdout=None):
    from .models import Choice, Poll

    created = []
    poll = Poll.objects.filter(question=QUESTION).first()
    if poll is None:
        poll = Poll.objects.create(
            question=QUESTION,
            description="Ý kiến của doanh nghiệp giúp Ban Quản lý ưu tiên cải tiến thủ tục.",
            kind=Poll.Kind.SINGLE,
            opens_at=timezone.now() - dt.timedelta(days=1),
            closes_at=timezone.now() + dt.timedelta(days=60),
            show_in_sidebar=True,
        )
        for order, text in enumerate(CHOICES):
            Choice.objects.create(poll=poll, text=text, sort_order=order)
        created.append("poll")
    if _place_in_article(poll):
        created.append("article block")
    return f"polls: {', '.join(created)}" if created else None


def _place_in_article(poll):
    """Append the poll to the newest live demo article once; True when it was added."""
    try:
        from toasoan.news.models import ArticlePage
    except ImportError:
        return False
    article = ArticlePage.objects.live().order_by("-first_published_at").first()
    if article is None:
        return False
    if any(block.block_type == "poll" for block in article.body):
        return False
    if "poll" not in article.body.stream_block.child_blocks:
        return False
    article.body.append(("poll", {"poll": poll}))
    revision = article.save_revision(log_action=False)
    revision.publish(log_action=False)
    return True
