"""Public pages of the documents database: the list with facets, the detail page, the
attachment downloads and PDF preview, and the JSON API."""

import datetime as dt
import os

from csp.decorators import csp_replace, csp_update
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from .filters import read_filters, year_choices
from .models import (
    Document,
    DocumentAttachment,
    DocumentField,
    DocumentType,
    IssuingBody,
    Status,
    mark_replaced,
)
from .search import search_documents

PAGE_SIZE = 20
API_MAX_LIMIT = 100
API_MAX_OFFSET = 100_000
LIST_PARAMS = {
    "q": "q",
    "type": "loai",
    "issuer": "co-quan",
    "field": "linh-vuc",
    "year": "nam",
    "status": "hieu-luc",
    "sort": "sap-xep",
}
API_PARAMS = {name: name for name in LIST_PARAMS}


def _page_number(value):
    try:
        return max(1, min(int(value), 10_000))
    except (TypeError, ValueError):
        return 1


@require_GET
def document_list(request):
    filters = read_filters(request.GET, LIST_PARAMS)
    number = _page_number(request.GET.get("page"))
    base = filters.apply(Document.objects.public())
    results = search_documents(
        filters.query,
        base=base,
        sort=filters.sort,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    paginator = Paginator(range(results.total), PAGE_SIZE)
    page_obj = paginator.get_page(number)
    if results.total and not results.documents:
        number = page_obj.number
        results = search_documents(
            filters.query,
            base=base,
            sort=filters.sort,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )
    mark_replaced(results.documents)
    keep = {
        LIST_PARAMS[k]: v
        for k, v in (
            ("q", filters.query),
            ("type", filters.doc_type and filters.doc_type.slug),
            ("issuer", filters.issuer and filters.issuer.slug),
            ("field", filters.field and filters.field.slug),
            ("year", filters.year),
            ("status", filters.status),
            ("sort", filters.sort),
        )
        if v
    }
    context = {
        "filters": filters,
        "documents": results.documents,
        "total": results.total,
        "total_capped": results.capped,
        "page_obj": page_obj,
        "extra_query": urlencode(keep) + "&" if keep else "",
        "types": DocumentType.objects.all(),
        "issuers": IssuingBody.objects.all(),
        "fields": DocumentField.objects.all(),
        "years": year_choices(),
        "statuses": Status.choices,
        "has_filters": bool(keep),
    }
    return render(request, "documents/document_list.html", context)


@require_GET
@csp_update({"frame-src": ["'self'"]})
def document_detail(request, pk):
    document = get_object_or_404(
        Document.objects.public().select_related("doc_type", "issuer"), pk=pk
    )
    attachments = list(document.attachments.all())
    context = {
        "document": document,
        "attachments": attachments,
        "preview": next((a for a in attachments if a.previewable), None),
        "outgoing": list(document.outgoing()),
        "incoming": list(document.incoming()),
        "fields": list(document.fields.all()),
    }
    return render(request, "documents/document_detail.html", context)


def _public_attachment(pk, filename):
    attachment = get_object_or_404(
        DocumentAttachment.objects.select_related("document"), pk=pk, document__live=True
    )
    if os.path.basename(attachment.file.name) != filename:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except OSError as error:
        raise Http404 from error
    return attachment, handle


@require_GET
def attachment_download(request, pk, filename):
    attachment, handle = _public_attachment(pk, filename)
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=attachment.content_type
    )


@require_GET
@xframe_options_sameorigin
@csp_replace(
    {
        "default-src": ["'none'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'self'"],
        "sandbox": None,
    }
)
def attachment_preview(request, pk, filename):
    """A PDF shown inline, framed only by our own pages, with nothing else allowed."""
    attachment, handle = _public_attachment(pk, filename)
    if not attachment.previewable:
        handle.close()
        raise Http404
    return FileResponse(
        handle, as_attachment=False, filename=filename, content_type="application/pdf"
    )


def _api_int(request, name, default, high):
    raw = request.GET.get(name, "")
    if raw == "":
        return default, None
    try:
        value = int(raw)
    except ValueError:
        return default, _("Tham số “%(name)s” phải là số nguyên không âm.") % {"name": name}
    if value < 0:
        return default, _("Tham số “%(name)s” phải là số nguyên không âm.") % {"name": name}
    return min(value, high), None


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date) else None


@require_GET
def document_api(request):
    filters = read_filters(request.GET, API_PARAMS)
    limit, limit_error = _api_int(request, "limit", PAGE_SIZE, API_MAX_LIMIT)
    offset, offset_error = _api_int(request, "offset", 0, API_MAX_OFFSET)
    errors = filters.errors + [e for e in (limit_error, offset_error) if e]
    if errors:
        return JsonResponse(
            {"total": 0, "results": [], "message": " ".join(errors)},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    base = filters.apply(Document.objects.public())
    results = search_documents(
        filters.query, base=base, sort=filters.sort, limit=limit, offset=offset
    )
    mark_replaced(results.documents)
    payload = {
        "total": results.total,
        # True when more documents match than "total" (word matches are counted up to 1,000).
        "total_capped": results.capped,
        "results": [
            {
                "external_id": doc.external_id,
                "number": doc.number,
                "type": doc.doc_type.name,
                "issuer": doc.issuer.name,
                "issued": _iso(doc.issued),
                "effective": _iso(doc.effective),
                "status": doc.status,
                "abstract": doc.abstract,
                "url": request.build_absolute_uri(doc.get_absolute_url()),
            }
            for doc in results.documents
        ],
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
