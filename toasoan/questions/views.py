"""Public pages of Hỏi đáp: the list of answered questions, one answer, the question form
and the tracking page. The list and the answers are ordinary anonymous pages (served from
the page cache, invalidated when a question changes); the form and tracking are never cached.
"""

import logging
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from toasoan.outbox import queue_template
from toasoan.vi.text import search_key, strip_controls

from . import submission
from .conf import questions_setting
from .forms import QuestionForm, SearchForm
from .models import Field, Question

logger = logging.getLogger(__name__)


@require_GET
def question_list(request):
    form = SearchForm(request.GET)
    questions = Question.objects.published().select_related("field", "department")
    field = year = None
    query = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["linh_vuc"]:
            field = Field.objects.filter(slug=data["linh_vuc"]).first()
            questions = questions.filter(field=field) if field else questions.none()
        if data["nam"]:
            year = data["nam"]
            questions = questions.filter(published_at__year=year)
        query = strip_controls(data["q"]).replace("\x00", "").strip()
        for word in search_key(query).split()[:10]:
            questions = questions.filter(search_text__contains=word)
    questions = questions.order_by("-published_at", "-pk")
    paginator = Paginator(questions, questions_setting("LIST_PER_PAGE"))
    page = paginator.get_page(request.GET.get("page"))
    years = (
        Question.objects.published()
        .annotate(year=ExtractYear("published_at"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    context = {
        "page_obj": page,
        "questions": page.object_list,
        "fields": Field.objects.all(),
        "years": years,
        "field": field,
        "year": year,
        "query": query,
        "filtered": bool(field or year or query),
        "extra_query": _filter_query(query, field, year),
    }
    return render(request, "questions/list.html", context)


def _filter_query(query, field, year):
    params = {"q": query, "linh_vuc": field.slug if field else "", "nam": year or ""}
    encoded = urlencode({k: v for k, v in params.items() if v})
    return encoded + "&" if encoded else ""


@require_GET
def question_detail(request, pk):
    question = get_object_or_404(
        Question.objects.published().select_related("field", "department", "approved_by"), pk=pk
    )
    return render(request, "questions/detail.html", {"question": question})


@never_cache
@require_GET
def track(request):
    # Only the code's own alphabet reaches the database (a NUL byte is an error in PostgreSQL).
    code = re.sub(r"[^A-Z0-9-]", "", request.GET.get("ma", "").upper())[:20]
    question = None
    if code:
        question = Question.objects.filter(tracking_code=code).select_related("field").first()
    context = {"code": code, "question": question, "just_sent": request.GET.get("moi") == "1"}
    return render(request, "questions/track.html", context)


@never_cache
@csrf_exempt  # checked by hand after the size check, so a huge body is never parsed
@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    if request.method != "POST":
        return _render_form(request, QuestionForm())
    refused = submission.refuse_body(request, questions_setting("MAX_REQUEST_BYTES"))
    if refused:
        return _fail(request, *refused)
    if submission.csrf_failed(request):
        return _fail(request, 403, _("Phiên gửi câu hỏi đã hết hạn. Vui lòng tải lại trang."))
    form = QuestionForm(request.POST, request.FILES)
    if not form.is_valid():
        if form.is_honeypot:
            return _fail(request, 400, _("Không gửi được câu hỏi."))
        return _render_form(request, form, status=400)
    data = form.cleaned_data
    ip_hash = submission.request_ip_hash(request)
    if submission.rate_limited(
        Question.objects.all(),
        ip_hash=ip_hash,
        email=data["email"],
        per_ip=questions_setting("RATE_LIMIT_PER_IP"),
        per_email=questions_setting("RATE_LIMIT_PER_EMAIL"),
        window_seconds=questions_setting("RATE_LIMIT_WINDOW_SECONDS"),
        time_field="created_at",
        email_field="asker_email",
    ):
        form.add_error(
            None, _("Bạn gửi quá nhiều câu hỏi trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
        )
        response = _render_form(request, form, status=429)
        response["Retry-After"] = str(questions_setting("RATE_LIMIT_WINDOW_SECONDS"))
        return response
    if not form.check_bot():  # last: a challenge is used only once
        return _render_form(request, form, status=400)
    question = _store(data, ip_hash)
    logger.info("Question %s received (%s)", question.pk, question.tracking_code)
    return redirect(reverse("questions:track") + f"?ma={question.tracking_code}&moi=1")


def _store(data, ip_hash):
    """The question and its acknowledgement email, in one transaction."""
    question = Question(
        field=data["field"],
        asker_name=data["name"],
        asker_email=data["email"],
        asker_phone=data["phone"],
        asker_organisation=data["organisation"],
        received_title=data["title"],
        received_body=data["body"],
        title=data["title"],
        body=data["body"],
        ip_hash=ip_hash,
    )
    if data["field"].default_department_id:
        # Routed by field: the department's answerers see it at once.
        question.department_id = data["field"].default_department_id
        question.status = Question.Status.ASSIGNED
        question.assigned_at = question.created_at
    stored_name = None
    try:
        with transaction.atomic():
            if data.get("attachment"):
                question.attachment.save(data["attachment"].name, data["attachment"], save=False)
                stored_name = question.attachment.name
            question.save()
            queue_template(question.asker_email, "questions/email/received", {"question": question})
    except Exception:
        if stored_name:
            question.attachment.storage.delete(stored_name)
        raise
    return question


def _render_form(request, form, status=200):
    context = {"form": form, "fields": Field.objects.all()}
    return render(request, "questions/ask.html", context, status=status)


def _fail(request, status, message):
    return render(
        request,
        "questions/error.html",
        {"message": message, "back_url": reverse("questions:ask")},
        status=status,
    )
