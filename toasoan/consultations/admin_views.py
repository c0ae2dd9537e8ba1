"""Admin: export the summary table of a consultation as DOCX or XLSX."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from toasoan.vi.slugs import vietnamese_slugify

from . import export
from .models import Consultation

FORMATS = {"docx": (export.as_docx, export.DOCX_TYPE), "xlsx": (export.as_xlsx, export.XLSX_TYPE)}


def export_summary(request, pk, fmt):
    if not request.user.has_perm("consultations.change_consultation"):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    consultation = get_object_or_404(Consultation, pk=pk)
    build, content_type = FORMATS[fmt]
    response = HttpResponse(build(consultation), content_type=content_type)
    name = f"tong-hop-y-kien-{vietnamese_slugify(consultation.title)[:60]}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
