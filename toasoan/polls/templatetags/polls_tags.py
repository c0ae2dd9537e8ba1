"""``{% poll_box poll %}`` and ``{% sidebar_poll %}``: a poll as plain HTML, the same for
every reader, so the page around it stays in the page cache. The vote posts to the
uncached endpoint; polls.js (loaded deferred, fetching nothing on load) shows the result
in place."""

from django import template
from django.utils import timezone

from toasoan.botcheck.templatetags.botcheck_tags import widget_context

from ..models import Poll

register = template.Library()


@register.inclusion_tag("polls/_poll.html")
def poll_box(poll, place="noi-dung"):
    """``place`` keeps element ids unique when one poll shows twice (article and sidebar)."""
    if poll is None:
        return {"poll": None}
    return {
        "poll": poll,
        "place": place,
        "choices": list(poll.choices.all()),
        "state": poll.state(),
        **widget_context(),
    }


@register.inclusion_tag("polls/_poll.html")
def sidebar_poll():
    now = timezone.now()
    poll = (
        Poll.objects.filter(show_in_sidebar=True, opens_at__lte=now)
        .exclude(closes_at__lte=now)
        .order_by("-opens_at")
        .first()
    )
    return poll_box(poll, place="cot-ben")
