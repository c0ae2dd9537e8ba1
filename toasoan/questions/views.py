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
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from toasoan.core.submissions import ReaderFormView
from toasoan.outbox import queue_template
from toasoan.vi.text import search_key, strip_controls

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


class AskView(ReaderFormView):
    form_class = QuestionForm
    template_name = "questions/ask.html"
    back_url_name = "questions:ask"
    email_field = "asker_email"
    expired_message = _("Phiên gửi câu hỏi đã hết hạn. Vui lòng tải lại trang.")
    refused_message = _("Không gửi được câu hỏi.")
    rate_limited_message = _(
        "Bạn gửi quá nhiều câu hỏi trong thời gian ngắn. Vui lòng thử lại sau ít phút."
    )
    retry_after = True

    @property
    def max_request_bytes(self):
        return questions_setting("MAX_REQUEST_BYTES")

    def get_context_data(self, form):
        return {"form": form, "fields": Field.objects.all()}

    def rate_limits(self):
        return {
            "per_ip": questions_setting("RATE_LIMIT_PER_IP"),
            "per_email": questions_setting("RATE_LIMIT_PER_EMAIL"),
            "window_seconds": questions_setting("RATE_LIMIT_WINDOW_SECONDS"),
        }

    def rate_limit_queryset(self):
        return Question.objects.all()

    def form_valid(self, form, ip_hash):
        question = _store(form.cleaned_data, ip_hash)
        logger.info("Question %s received (%s)", question.pk, question.tracking_code)
        return redirect(reverse("questions:track") + f"?ma={question.tracking_code}&moi=1")


ask = AskView.as_view()


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
