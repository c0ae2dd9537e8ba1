"""Moderation rules: who may comment where, what is held back, and moderator decisions."""

import datetime as dt
import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from toasoan.core.clientip import client_ip as _client_ip
from toasoan.core.clientip import hash_ip as _hash_ip
from toasoan.security.audit import log_comment_status, log_official_reply
from toasoan.vi.text import nfc

from .conf import comments_setting
from .models import Comment, CommentModerationSettings
from .textnorm import for_matching

logger = logging.getLogger(__name__)

_HELD_WORDS_FILE = Path(__file__).parent / "data" / "held_words_vi.txt"
# http(s)/ftp URLs, "www." hosts and bare domains such as "example.com/path" or "abc.vn".
_LINK_RE = re.compile(
    r"(?:\b(?:https?|ftp)://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|biz|vn|"
    r"xyz|top|io|co|me|ru|cn|tk|ly|site|online|shop|club)\b\S*)",
    re.IGNORECASE,
)


def shipped_held_words():
    """The Vietnamese starting list of held words shipped in ``data/held_words_vi.txt``."""
    return list(_read_word_file(_HELD_WORDS_FILE))


@lru_cache(maxsize=1)
def _read_word_file(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def hash_ip(ip):
    """Keyed hash of an IP address (the site's one rule: toasoan/core/clientip.py)."""
    return _hash_ip(ip)


def client_ip(request):
    """The reader's IP (the site's one rule: toasoan/core/clientip.py)."""
    return _client_ip(request)


def fingerprint(body):
    """Hash of the text with case and spacing ignored: "Hay  quá" == "hay quá"."""
    normalised = " ".join(nfc(body).casefold().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def count_links(text):
    return len(_LINK_RE.findall(text))


def held_words_in(text, words):
    """Words from ``words`` that occur in ``text`` as whole words, case-insensitively, with
    invisible characters removed and look-alike letters folded (textnorm.py)."""
    haystack = for_matching(text)
    found = []
    for word in words:
        needle = for_matching(word.strip())
        if needle and re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
            found.append(word.strip())
    return found


def section_pages(page):
    """The SectionPage ancestors of ``page``, nearest last."""
    from toasoan.news.models import SectionPage

    return SectionPage.objects.ancestor_of(page)


def closes_at(page):
    """When the comment form of ``page`` closes, or None when it never does."""
    days = comments_setting("CLOSE_AFTER_DAYS")
    start = getattr(page, "display_date", None) or page.first_published_at
    if not days or start is None:
        return None
    return start + dt.timedelta(days=days)


def comments_open(page, now=None):
    """Whether readers may comment on ``page`` now: an ArticlePage, switched on for the
    article and every section above it, live, and not past CLOSE_AFTER_DAYS."""
    from toasoan.news.models import ArticlePage

    page = page.specific
    if not isinstance(page, ArticlePage) or not page.live or not page.comments_enabled:
        return False
    if not comments_visible(page):
        return False
    deadline = closes_at(page)
    return deadline is None or (now or timezone.now()) < deadline


def comments_visible(page):
    """Whether the comment area shows at all (a closed article still shows its comments)."""
    from toasoan.news.models import ArticlePage
    from toasoan.news.queries import is_restricted

    page = page.specific
    if not isinstance(page, ArticlePage) or not page.comments_enabled:
        return False
    # A protected article (password, login) has no public comment thread.
    return not is_restricted(page) and _sections_allow(page)


def _sections_allow(page):
    # Memoised on the instance: one request asks several times about the same page.
    if not hasattr(page, "_comments_sections_allow"):
        from toasoan.news.queries import section_tree

        # The section tree is cached per content generation: no query on a reader's request.
        ancestors = section_tree().ancestors(page)
        page._comments_sections_allow = all(s.comments_enabled for s in ancestors)
    return page._comments_sections_allow


def spam_backend():
    return import_string(comments_setting("SPAM_BACKEND"))()


def initial_status(comment, request=None):
    """Decide the status of a new reader comment: (status, reason for holding it)."""
    rules = CommentModerationSettings.load()
    verdict = spam_backend().check(comment, request=request)
    if verdict.is_spam:
        return Comment.Status.SPAM, verdict.reason or _("Bộ lọc thư rác")
    reasons = []
    if verdict.hold:
        reasons.append(verdict.reason or _("Bộ lọc thư rác nghi ngờ"))
    links = count_links(comment.body) + count_links(comment.name)
    if links > rules.max_links:
        reasons.append(_("Có %(count)d liên kết") % {"count": links})
    words = held_words_in(f"{comment.name}\n{comment.body}", rules.held_words.splitlines())
    if words:
        reasons.append(_("Chứa từ cần xem lại: %(words)s") % {"words": ", ".join(words[:5])})
    if reasons:
        return Comment.Status.PENDING, "; ".join(reasons)[:255]
    if rules.auto_approve_after and comment.email and _trusted(comment.email, rules, request):
        return Comment.Status.APPROVED, ""
    return Comment.Status.PENDING, ""


def _trusted(email, rules, request):
    # The typed address proves nothing: the browser must hold the signed proof that its
    # user confirmed this address (verification.py), as well as the approved history.
    from .verification import browser_proves

    if not browser_proves(request, email):
        return False
    history = Comment.objects.filter(email=email.lower(), is_official=False)
    if history.filter(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM]).exists():
        return False
    return history.filter(status=Comment.Status.APPROVED).count() >= rules.auto_approve_after


def set_status(comments, status, user=None):
    """Apply a moderator decision to each comment, one save() per row so that the
    post_save handlers (page-cache purge, reply emails) run for every change."""
    changed = 0
    now = timezone.now()
    with transaction.atomic():
        for comment in comments:
            if comment.status == status:
                continue
            comment.status = status
            comment.moderated_at = now
            comment.moderated_by = user
            comment.save(update_fields=["status", "moderated_at", "moderated_by"])
            log_comment_status(comment, status, user)  # the staff audit trail
            changed += 1
            if status in (Comment.Status.SPAM, Comment.Status.APPROVED):
                _report_to_backend(comment, is_spam=status == Comment.Status.SPAM)
    return changed


def _report_to_backend(comment, is_spam):
    # A learning filter hears every moderator decision; its failure never blocks one.
    try:
        spam_backend().report(comment, is_spam)
    except Exception:  # noqa: BLE001 - third-party plug-in code
        logger.exception("Spam backend failed to record the decision on comment %s", comment.pk)


def post_official_reply(parent, body, user):
    """Publish a reply from "Ban biên tập" under ``parent`` (one level deep)."""
    top = parent.parent or parent
    now = timezone.now()
    reply = Comment(
        page_id=top.page_id,
        parent=top,
        name=comments_setting("OFFICIAL_NAME"),
        email=getattr(user, "email", "") or "",
        body=body,
        status=Comment.Status.APPROVED,
        is_official=True,
        author=user,
        moderated_at=now,
        moderated_by=user,
        fingerprint=fingerprint(body),
    )
    with transaction.atomic():
        reply.save()
        log_official_reply(reply, user)  # the staff audit trail
        if parent.status != Comment.Status.APPROVED:
            set_status([parent], Comment.Status.APPROVED, user)
    return reply
