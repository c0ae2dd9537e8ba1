"""The "Thống kê" admin page, its XLSX export and the JSON export for monitoring systems."""

import hmac
import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import report, snapshot
from .conf import statistics_setting
from .forms import ReportForm

PERMISSION = "statistics.view_pageviewday"


def _figures(params):
    form = ReportForm(params)
    if not form.is_valid():
        return form, None, None
    data = form.cleaned_data
    tables, total = report.build(
        data["start"], data["end"], data["period"], data.get("kind") or "", data.get("section")
    )
    return form, tables, total


def admin_report(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form, tables, total = _figures(request.GET or None)
    if tables is None and request.GET:
        return render(request, "statistics/admin/report.html", {"form": form}, status=400)
    if tables is None:
        form, tables, total = _figures({})
    data = form.cleaned_data
    if request.GET.get("xuat") == "xlsx":
        content = report.as_xlsx(tables, total, data["start"], data["end"], data["period"])
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"thong-ke-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    chart = {
        "labels": [row[0] for row in tables["periods"]["rows"]],
        "values": [row[1] for row in tables["periods"]["rows"]],
        "label": _("Lượt xem"),
    }
    return render(
        request,
        "statistics/admin/report.html",
        {
            "form": form,
            "tables": tables,
            "total": total,
            "chart": chart,
            "figures": snapshot.current(),
            "export_query": request.GET.urlencode(),
        },
    )


@never_cache
@require_GET
def json_export(request):
    """The same tables as JSON, for monitoring systems; needs TOASOAN_STATISTICS API_KEY."""
    key = statistics_setting("API_KEY")
    given = request.headers.get("X-Api-Key") or request.GET.get("key", "")
    if not key:
        return JsonResponse(
            {"error": "The JSON export is off: set TOASOAN_STATISTICS_API_KEY."}, status=404
        )
    if not hmac.compare_digest(given.encode(), key.encode()):
        return JsonResponse(
            {"error": "A valid API key is required (X-Api-Key header)."}, status=403
        )
    form, tables, total = _figures(request.GET)
    if tables is None:
        errors = json.loads(form.errors.as_json())
        return JsonResponse({"error": "Invalid parameters.", "fields": errors}, status=400)
    data = form.cleaned_data
    payload = report.as_json(tables, total, data["start"], data["end"], data["period"])
    payload["now"] = {k: snapshot.current().get(k, 0) for k in ("total", "today", "online")}
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
