"""Old portal URLs: 301 to the imported article, 410 Gone once that article was deleted.

Runs only on responses that are already 404, so it costs nothing on pages that exist; an
editor's own Wagtail redirect for the same path (handled by Wagtail's middleware) wins.
"""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render

from .models import ImportRecord


class LegacyURLMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return legacy_response(request) or response


def legacy_response(request):
    """The 301 or 410 for an old URL, or ``None`` when the path was never imported."""
    candidates = [request.get_full_path(), request.path]
    record = (
        ImportRecord.objects.filter(old_url__in=candidates)
        .exclude(old_url="")
        .select_related("page")
        .order_by("-updated_at")
        .first()
    )
    if record is None:
        return None
    page = record.page
    if page is not None and page.live:
        url = page.get_url(request=request)
        if url:
            return HttpResponsePermanentRedirect(url)
    return render(request, "legacy/gone.html", status=410)
