"""Staff views of Hỏi đáp in the Wagtail admin: the queue, one question with the actions the
user may take, the dashboard figures, the XLSX export and the attachment download.

Answerers ("Cán bộ trả lời") see only their departments' questions: every view goes through
``Question.objects.visible_to(user)``.
"""

import datetime as dt
import io
import statistics

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from toasoan.vi.dates import short_datetime

from . import workflow
from .forms import AssignForm, EditForm, ExportForm, NoteForm
from .models import Department, Question

STAFF_PERMS = ("manage_questions", "answer_question", "review_answer", "approve_answer")
AGE_BUCKETS = [
    (7, gettext_lazy("Dưới 7 ngày")),
    (15, gettext_lazy("7–15 ngày")),
    (30, gettext_lazy("15–30 ngày")),
    (None, gettext_lazy("Trên 30 ngày")),
]


def is_staff_user(user):
    return user.is_active and (
        user.is_superuser or any(user.has_perm(f"questions.{p}") for p in STAFF_PERMS)
    )


def _require_staff(request):
    if not is_staff_user(request.user):
        raise PermissionDenied


def queue(request):
    _require_staff(request)
    questions = Question.objects.visible_to(request.user).select_related("field", "department")
    status = request.GET.get("status", "open")
    if status == "open":
        questions = questions.open()
    elif status in Question.Status.values:
        questions = questions.filter(status=status)
    department = request.GET.get("department", "")
    if department.isdigit():
        questions = questions.filter(department_id=int(department))
    questions = questions.order_by("created_at" if status == "open" else "-created_at")
    page = Paginator(questions.distinct(), 50).get_page(request.GET.get("p"))
    context = {
        "page_obj": page,
        "questions": page.object_list,
        "statuses": Question.Status.choices,
        "status": status,
        "departments": Department.objects.all(),
        "department": department,
        "now": timezone.now(),
    }
    return TemplateResponse(request, "questions/admin/queue.html", context)


def detail(request, pk):
    _require_staff(request)
    question = get_object_or_404(
        Question.objects.visible_to(request.user).select_related("field", "department").distinct(),
        pk=pk,
    )
    user = request.user
    edit_form = EditForm(
        initial={"title": question.title, "body": question.body, "answer": question.answer}
    )
    assign_form = AssignForm(initial={"department": question.department_id})
    note_form = NoteForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if workflow.can_edit_text(user, question):
            edit_form = EditForm(request.POST)
        if action == "assign":
            assign_form = AssignForm(request.POST)
        try:
            _apply(request, question, action, edit_form, assign_form)
        except workflow.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("questions_admin:detail", pk=question.pk)
    context = {
        "question": question,
        "edit_form": edit_form,
        "assign_form": assign_form,
        "note_form": note_form,
        "can_edit": workflow.can_edit_text(user, question),
        "actions": workflow.allowed_actions(user, question),
        "events": question.events.select_related("user"),
    }
    return TemplateResponse(request, "questions/admin/detail.html", context)


def _apply(request, question, action, edit_form, assign_form):
    """Save the edited text when the user may edit it, then run the chosen transition."""
    user = request.user
    if action in ("save", "submit", "review", "approve"):
        if workflow.can_edit_text(user, question):
            if not edit_form.is_valid():
                raise workflow.TransitionError(_("Vui lòng sửa các lỗi bên dưới."))
            workflow.save_text(question, user, **edit_form.cleaned_data)
        elif action == "save":
            raise workflow.TransitionError(_("Bạn không được sửa câu hỏi ở bước này."))
    note = request.POST.get("note", "")[:2000]
    if action == "assign":
        if not assign_form.is_valid():
            raise workflow.TransitionError(_("Vui lòng chọn đơn vị trả lời."))
        workflow.assign(question, user, assign_form.cleaned_data["department"], note)
    elif action == "approve":
        workflow.approve(question, user, note, site_url=request.build_absolute_uri("/"))
    elif action in workflow.ACTIONS:
        workflow.ACTIONS[action](question, user, note)
    elif action != "save":
        raise workflow.TransitionError(_("Thao tác không hợp lệ."))


def attachment(request, pk):
    _require_staff(request)
    question = get_object_or_404(Question.objects.visible_to(request.user).distinct(), pk=pk)
    if not question.attachment:
        raise Http404
    try:
        handle = question.attachment.open("rb")
    except OSError:
        raise Http404 from None
    name = question.attachment.name.rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)


def dashboard_figures(user=None, now=None):
    """Open questions by age, and median days to answer per department."""
    now = now or timezone.now()
    questions = Question.objects.all() if user is None else Question.objects.visible_to(user)
    ages = [
        (now - created).days for created in questions.open().values_list("created_at", flat=True)
    ]
    buckets, low = [], 0
    for high, label in AGE_BUCKETS:
        count = sum(1 for age in ages if age >= low and (high is None or age < high))
        buckets.append({"label": label, "count": count})
        low = high or low
    per_department = {}
    rows = questions.published().values_list("department__name", "created_at", "published_at")
    for name, created, published in rows:
        per_department.setdefault(name or _("(chưa phân công)"), []).append(
            (published - created).total_seconds() / 86400
        )
    medians = [
        {"department": name, "median_days": round(statistics.median(days), 1), "count": len(days)}
        for name, days in sorted(per_department.items())
    ]
    return {"open_total": len(ages), "buckets": buckets, "medians": medians}


def dashboard(request):
    _require_staff(request)
    today = timezone.localdate()
    context = {
        **dashboard_figures(request.user),
        "export_form": ExportForm(initial={"start": today.replace(day=1), "end": today}),
    }
    return TemplateResponse(request, "questions/admin/dashboard.html", context)


EXPORT_HEADERS = [
    gettext_lazy("Mã tra cứu"),
    gettext_lazy("Ngày gửi"),
    gettext_lazy("Lĩnh vực"),
    gettext_lazy("Tiêu đề nhận được"),
    gettext_lazy("Người hỏi"),
    gettext_lazy("Cơ quan, doanh nghiệp"),
    gettext_lazy("Email"),
    gettext_lazy("Điện thoại"),
    gettext_lazy("Trạng thái"),
    gettext_lazy("Đơn vị trả lời"),
    gettext_lazy("Ngày trả lời"),
    gettext_lazy("Số ngày xử lý"),
]


def export(request):
    """XLSX of the questions received between two dates (inclusive, Vietnam time)."""
    _require_staff(request)
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Khoảng thời gian xuất không hợp lệ."))
        return redirect("questions_admin:dashboard")
    start = timezone.make_aware(dt.datetime.combine(form.cleaned_data["start"], dt.time.min))
    end = timezone.make_aware(
        dt.datetime.combine(form.cleaned_data["end"] + dt.timedelta(days=1), dt.time.min)
    )
    questions = (
        Question.objects.visible_to(request.user)
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("field", "department")
        .order_by("created_at")
        .distinct()
    )
    return xlsx_response(
        _("Hỏi đáp"),
        [str(h) for h in EXPORT_HEADERS],
        (_export_row(q) for q in questions.iterator()),
        f"hoi-dap-{form.cleaned_data['start']}-{form.cleaned_data['end']}.xlsx",
    )


def _export_row(q):
    days = (
        round((q.published_at - q.created_at).total_seconds() / 86400, 1)
        if q.published_at
        else None
    )
    return [
        q.tracking_code,
        short_datetime(q.created_at),
        q.field.name,
        q.received_title,
        q.asker_name,
        q.asker_organisation,
        q.asker_email,
        q.asker_phone,
        q.get_status_display(),
        q.department.name if q.department else "",
        short_datetime(q.published_at) if q.published_at else "",
        days,
    ]


def xlsx_response(sheet_title, headers, rows, filename):
    """An XLSX download (openpyxl, write-only) with a bold header row; polls use it too."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        # Text that starts like a formula is written as text: a citizen's "=HYPERLINK(…)"
        # must not become a live formula in the staff member's spreadsheet.
        sheet.append([f"'{v}" if isinstance(v, str) and v[:1] in "=+-@" else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def queue_url():
    return reverse("questions_admin:queue")
