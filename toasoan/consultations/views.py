"""Public pages: the list of consultations, a draft with its articles, the comment form."""

import logging

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from toasoan.comments.conf import comment_rate_limits, comments_setting
from toasoan.core.clientip import client_ip, hash_ip
from toasoan.core.submissions import rate_limited

from .forms import DraftCommentForm
from .models import Consultation, ConsultationComment, Phase

logger = logging.getLogger(__name__)
MAX_REQUEST_BYTES = 64 * 1024


def _counted(qs):
    received = Count("comments", filter=~Q(comments__status=ConsultationComment.Status.REJECTED))
    return qs.annotate(comment_count=received)


@require_GET
def consultation_list(request):
    now = timezone.now()
    base = _counted(Consultation.objects.public())
    groups = [
        (Phase.OPEN, Phase.OPEN.label, base.in_phase(Phase.OPEN, now).order_by("closes")),
        (
            Phase.UPCOMING,
            Phase.UPCOMING.label,
            base.in_phase(Phase.UPCOMING, now).order_by("opens"),
        ),
        (Phase.CLOSED, Phase.CLOSED.label, base.in_phase(Phase.CLOSED, now).order_by("-closes")),
    ]
    return render(request, "consultations/consultation_list.html", {"groups": groups})


@require_GET
def consultation_detail(request, slug):
    consultation = get_object_or_404(Consultation.objects.public(), slug=slug)
    articles = list(consultation.articles.all())
    comments = {}
    general = []
    if consultation.comments_public:
        approved = consultation.comments.filter(
            status=ConsultationComment.Status.APPROVED
        ).order_by("created_at")
        for comment in approved:
            if comment.article_id:
                comments.setdefault(comment.article_id, []).append(comment)
            else:
                general.append(comment)
    for article in articles:
        article.public_comments = comments.get(article.pk, [])
    context = {
        "consultation": consultation,
        "articles": articles,
        "general_comments": general,
        "comment_count": consultation.comments.exclude(
            status=ConsultationComment.Status.REJECTED
        ).count(),
    }
    return render(request, "consultations/consultation_detail.html", context)


def _closed_message(consultation, now):
    phase = consultation.phase(now)
    if phase == Phase.UPCOMING:
        return _("Dự thảo này chưa mở lấy ý kiến; thời gian góp ý bắt đầu từ %(opens)s.") % {
            "opens": timezone.localtime(consultation.opens).strftime("%H:%M %d/%m/%Y")
        }
    if phase == Phase.CLOSED:
        return _(
            "Đã hết hạn góp ý cho dự thảo này (hạn cuối %(closes)s). Góp ý của bạn chưa được lưu."
        ) % {"closes": timezone.localtime(consultation.closes).strftime("%H:%M %d/%m/%Y")}
    return ""


def _rate_limited(ip_hash, email):
    return rate_limited(
        ConsultationComment.objects.all(), ip_hash=ip_hash, email=email, **comment_rate_limits()
    )


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@never_cache
@require_http_methods(["GET", "POST"])
def comment_form(request, slug):
    consultation = get_object_or_404(Consultation.objects.public(), slug=slug)
    now = timezone.now()
    closed = _closed_message(consultation, now)
    context = {"consultation": consultation, "closed_message": closed}
    if request.method == "GET":
        initial = {"article": request.GET.get("dieu", "")}
        form = DraftCommentForm(initial=initial, consultation=consultation)
        if initial["article"] not in form.targets:
            form.initial["article"] = ""
        context["form"] = form
        context["sent"] = request.GET.get("da-gui") == "1"
        return render(request, "consultations/comment_form.html", context)
    if _content_length(request) > MAX_REQUEST_BYTES:
        context["error"] = _("Nội dung gửi lên quá lớn.")
        return render(request, "consultations/comment_form.html", context, status=413)
    if closed:
        # Checked at request time, so the form closes on time without any job running.
        return render(request, "consultations/comment_form.html", context, status=403)
    form = DraftCommentForm(request.POST, consultation=consultation)
    context["form"] = form
    if not form.is_valid():
        context["error"] = _("Vui lòng sửa các lỗi được đánh dấu.")
        return render(request, "consultations/comment_form.html", context, status=400)
    data = form.cleaned_data
    ip_hash = hash_ip(client_ip(request))
    if _rate_limited(ip_hash, data["email"]):
        context["error"] = _("Bạn gửi góp ý quá nhanh. Vui lòng chờ một phút rồi gửi lại.")
        response = render(request, "consultations/comment_form.html", context, status=429)
        response["Retry-After"] = str(comments_setting("RATE_LIMIT_WINDOW_SECONDS"))
        return response
    if not form.check_bot():
        context["error"] = _("Chưa qua bước xác minh.")
        return render(request, "consultations/comment_form.html", context, status=400)
    comment = ConsultationComment.objects.create(
        consultation=consultation,
        article=form.chosen_article(),
        clause=form.chosen_clause(),
        kind=data["kind"],
        name=" ".join(data["name"].split()),
        organisation=data["organisation"],
        email=data["email"],
        body=data["body"].strip(),
        ip_hash=ip_hash,
    )
    logger.info("Draft comment %s on consultation %s stored", comment.pk, consultation.pk)
    return redirect(reverse("consultations:comment", args=[consultation.slug]) + "?da-gui=1")
