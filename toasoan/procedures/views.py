"""Public pages: /thu-tuc-hanh-chinh/ (grouped by field, searchable) and one procedure."""

from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from toasoan.vi.text import strip_controls

from .models import Procedure, ProcedureField, search

MAX_QUERY = 200


def index(request):
    # strip_controls: a NUL byte in a query is a database error on PostgreSQL.
    query = strip_controls(request.GET.get("q") or "")[:MAX_QUERY].strip()
    fields = list(ProcedureField.objects.filter(procedures__isnull=False).distinct())
    field = _selected_field(request, fields)
    procedures = Procedure.objects.select_related("field")
    if field:
        procedures = procedures.filter(field=field)
    if query:
        procedures = search(query, procedures)
    procedures = list(procedures)
    groups = [(f, list(items)) for f, items in groupby(procedures, key=lambda p: p.field)]
    return render(
        request,
        "procedures/index.html",
        {
            "query": query,
            "fields": fields,
            "field": field,
            "groups": groups,
            "count": len(procedures),
            "message": _field_message(request, field),
        },
    )


def _selected_field(request, fields):
    raw = request.GET.get("linh-vuc", "")
    return next((f for f in fields if str(f.pk) == raw), None)


def _field_message(request, field):
    raw = request.GET.get("linh-vuc", "")
    if raw and field is None:
        return _("Không có lĩnh vực này; đang hiện mọi lĩnh vực.")
    return ""


def detail(request, code):
    procedure = get_object_or_404(Procedure.objects.select_related("field"), code=code)
    return render(
        request,
        "procedures/detail.html",
        {"procedure": procedure, "forms": procedure.forms.select_related("document")},
    )
