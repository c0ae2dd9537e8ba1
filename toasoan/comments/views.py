"""Reader-facing endpoints.

The article page is cached and shared, so it carries no CSRF token and no challenge.
The script in comments/comments.js fetches both from the uncached JSON endpoints below;
without JavaScript the reader follows a link to the uncached form page, which also
receives every POST.
"""

import datetime as dt
import logging

from django.db.models import Q
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Page

from toasoan.botcheck import challenge as botcheck
from toasoan.botcheck import views as botcheck_views
from toasoan.core import submissions
from toasoan.news.queries import is_visible_to_readers

from . import moderation, verification
from .conf import comment_rate_limits, comments_setting
from .forms import CommentForm
from .models import Comment, approved_count

logger = logging.getLogger(__name__)


def _article(page_id):
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    # An article readers may not see (scheduled, expired, password or login protected) takes
    # no comments either: one rule for every public endpoint (news/queries.py).
    if not is_visible_to_readers(page):
        raise Http404
    if not moderation.comments_visible(page):
        raise Http404
    return page


@never_cache
@require_GET
def session(request, page_id):
    """Per-reader bits the cached article cannot hold: CSRF token, live total, open state."""
    page = _article(page_id)
    return JsonResponse(
        {
            "csrfToken": get_token(request),
            "total": approved_count(page),
            "open": moderation.comments_open(page),
        }
    )


# The widget's challenge URL under /binh-luan/ (kept for cached pages that still point here).
challenge = botcheck_views.challenge


@never_cache
@csrf_exempt  # checked by hand below, after the size check, so a huge body is never parsed
@require_http_methods(["GET", "HEAD", "POST"])
def comment_page(request, page_id):
    """GET: the full form with CSRF token and question (no-JS path). POST: a new comment."""
    page = _article(page_id)
    if request.method == "POST":
        refused = submissions.refuse_body(request, comments_setting("MAX_REQUEST_BYTES"))
        if refused:
            return _plain_fail(request, *refused)
        if "doi-cau-hoi" in request.POST:
            return _refresh_question(request, page)
        return _submit(request, page)
    if "da-gui" in request.GET:
        sent = "da-dang" if request.GET["da-gui"] == "da-dang" else "cho-duyet"
        return render(request, "comments/comment_page.html", {"page": page, "sent": sent})
    initial = {}
    reply_to = _reply_target(page, request.GET.get("tra-loi"))
    if reply_to:
        initial["parent"] = reply_to.pk
    form = CommentForm(initial=initial)
    return _render_form(request, page, form, reply_to=reply_to)


def _render_form(request, page, form, status=200, reply_to=None):
    question_id, question = botcheck.new_question()
    data = form.data.copy() if form.is_bound else None
    if data is not None and reply_to is None:
        reply_to = _reply_target(page, data.get("parent"))
    if data is not None:
        # A fresh question each time: the old one is used up or about to expire.
        data["question_id"], data["answer"], data["website"] = question_id, "", ""
        form.data = data
    else:
        form.initial["question_id"] = question_id
    context = {
        "page": page,
        "form": form,
        "question": question,
        "question_image": botcheck.question_image_url(question_id),
        "open": moderation.comments_open(page),
        "reply_to": reply_to,
    }
    return render(request, "comments/comment_page.html", context, status=status)


def _refresh_question(request, page):
    # "Đổi hình khác": the same form, what the reader typed kept, a new image code.
    fields = ("name", "email", "body", "parent")
    initial = {name: request.POST.get(name, "") for name in fields}
    initial["notify"] = bool(request.POST.get("notify"))
    reply_to = _reply_target(page, request.POST.get("parent"))
    return _render_form(request, page, CommentForm(initial=initial), reply_to=reply_to)


def _reply_target(page, value):
    try:
        pk = int(value or 0)
    except (TypeError, ValueError):
        return None
    if pk <= 0:
        return None
    parent = Comment.objects.approved().filter(page_id=page.pk, pk=pk).first()
    if parent is not None and parent.parent_id:
        parent = parent.parent
    return parent


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _submit(request, page):
    if submissions.csrf_failed(request):
        return _plain_fail(
            request, 403, _("Phiên gửi ý kiến đã hết hạn. Vui lòng tải lại trang rồi gửi lại.")
        )
    if not moderation.comments_open(page):
        return _plain_fail(request, 403, _("Bài viết này đã đóng ý kiến bạn đọc."))

    form = CommentForm(request.POST)
    if not form.is_valid():
        if form.is_honeypot:
            return _plain_fail(request, 400, _("Không gửi được ý kiến."))
        return _form_fail(request, page, form, 400, _("Vui lòng sửa các lỗi được đánh dấu."))
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = _reply_target(page, data["parent"])
        if parent is None:
            form.add_error(None, _("Ý kiến bạn muốn trả lời không còn tồn tại."))
            return _form_fail(request, page, form, 400, _("Ý kiến được trả lời không hợp lệ."))

    ip_hash = moderation.hash_ip(moderation.client_ip(request))
    limited = _rate_limited(ip_hash, data["email"])
    if limited:
        form.add_error(None, limited)
        response = _form_fail(request, page, form, 429, limited)
        response["Retry-After"] = str(comments_setting("RATE_LIMIT_WINDOW_SECONDS"))
        return response
    fingerprint = moderation.fingerprint(data["body"])
    if _is_duplicate(page, fingerprint, ip_hash, data["email"]):
        message = _("Ý kiến này đã được gửi rồi; bạn không cần gửi lại.")
        form.add_error("body", message)
        return _form_fail(request, page, form, 409, message)
    if not form.check_bot():
        return _form_fail(request, page, form, 400, _("Chưa qua bước xác minh."))

    comment = Comment(
        page=page,
        parent=parent,
        name=data["name"],
        email=data["email"],
        body=data["body"],
        notify_on_reply=data["notify"],
        ip_hash=ip_hash,
        fingerprint=fingerprint,
    )
    comment.status, comment.held_reason = moderation.initial_status(comment, request)
    # ATOMIC_REQUESTS is off: save() commits before the reader is told anything.
    comment.save()
    # The first time an address is used, it gets a link to prove its owner (trust and
    # reply notifications need the proof: verification.py).
    verification.send_confirmation_if_needed(comment.email, request)
    logger.info(
        "Comment %s on page %s stored as %s%s",
        comment.pk,
        page.pk,
        comment.status,
        f" ({comment.held_reason})" if comment.held_reason else "",
    )
    return _success(request, page, comment)


def _success(request, page, comment):
    if comment.status == Comment.Status.APPROVED:
        message = _("Cảm ơn bạn! Ý kiến của bạn đã được đăng.")
    else:
        message = _(
            "Cảm ơn bạn! Ý kiến của bạn đang chờ duyệt và sẽ hiển thị sau khi được "
            "Ban biên tập duyệt."
        )
    if _wants_json(request):
        return JsonResponse(
            {"ok": True, "id": comment.pk, "status": comment.status, "message": message},
            status=201,
        )
    state = "da-dang" if comment.status == Comment.Status.APPROVED else "cho-duyet"
    return redirect(reverse("comments:form", args=[page.pk]) + f"?da-gui={state}")


def _plain_fail(request, status, message):
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": message, "errors": {}}, status=status)
    context = {"status": status, "message": message}
    return render(request, "comments/error.html", context, status=status)


def _form_fail(request, page, form, status, message):
    if _wants_json(request):
        errors = {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}
        return JsonResponse({"ok": False, "message": message, "errors": errors}, status=status)
    return _render_form(request, page, form, status=status)


def _rate_limited(ip_hash, email):
    too_many = submissions.rate_limited(
        Comment.objects.filter(is_official=False),
        ip_hash=ip_hash,
        email=email,
        **comment_rate_limits(),
    )
    if too_many:
        return _("Bạn gửi ý kiến quá nhanh. Vui lòng chờ một phút rồi gửi lại.")
    return ""


def _is_duplicate(page, fingerprint, ip_hash, email):
    """The same text on the same article from the same reader (email or IP) lately."""
    since = timezone.now() - dt.timedelta(hours=comments_setting("DUPLICATE_WINDOW_HOURS"))
    same_reader = Q(email=email)
    if ip_hash:
        same_reader |= Q(ip_hash=ip_hash)
    return (
        Comment.objects.filter(page_id=page.pk, fingerprint=fingerprint, created_at__gte=since)
        .filter(same_reader)
        .exists()
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_email(request, token):
    """The link mailed to a commenter: GET shows a button (mail scanners that open links
    confirm nothing), POST records the address and gives this browser its proof."""
    email = verification.email_from_token(token)
    context = {"email": email, "done": False}
    if email is None:
        return render(request, "comments/confirm_email.html", context, status=400)
    if request.method != "POST":
        return render(request, "comments/confirm_email.html", context)
    verification.mark_verified(email)
    context["done"] = True
    response = render(request, "comments/confirm_email.html", context)
    verification.remember_in_browser(response, email, request)
    return response
