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
def poll_box(poll, place="noi-dung", choices=None):
    """``place`` keeps element ids unique when one poll shows twice (article and sidebar)."""
    if poll is None:
        return {"poll": None}
    return {
        "poll": poll,
        "place": place,
        "choices": list(poll.choices.all()) if choices is None else choices,
        "state": poll.state(),
        **widget_context(),
    }


def _current_sidebar_poll():
    """(poll, choices) or None, valid until the next poll opens or this one closes."""
    now = timezone.now()
    candidates = list(
        Poll.objects.filter(show_in_sidebar=True).exclude(closes_at__lte=now).order_by("-opens_at")
    )
    current = next((poll for poll in candidates if poll.opens_at <= now), None)
    changes = [poll.opens_at for poll in candidates if poll.opens_at > now]
    if current is not None and current.closes_at is not None:
        changes.append(current.closes_at)
    value = (current, list(current.choices.all())) if current is not None else None
    return value, min(changes) if changes else None


@register.inclusion_tag("polls/_poll.html")
def sidebar_poll():
    """The newest open sidebar poll. Kept in the news fragment cache (per content
    generation, which poll edits bump, and until the next opening or closing time), so an
    article render costs no query for it."""
    from toasoan.news import fragments

    current = fragments.cached("polls:sidebar", _current_sidebar_poll)
    if current is None:
        return {"poll": None}
    poll, choices = current
    return poll_box(poll, place="cot-ben", choices=choices)
