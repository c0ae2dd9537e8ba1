"""Uploaded files for `make run`, where no nginx stands in front of the app.

The same rules as the shipped nginx site file (deploy/nginx/toasoan.conf): files that readers
may only get through a view that checks publication and sends them as downloads — Wagtail
documents, attachments of legal documents, draft regulations, citizens' attachments — are
never served from disk; everything else is sent with ``nosniff`` and a sandboxing CSP, so an
uploaded file opened as a page can never run script.
"""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# Folders under MEDIA_ROOT served only through their apps' views.
PRIVATE_PREFIXES = ("documents/", "van-ban/", "du-thao/", "hoi-dap/")
SANDBOX_CSP = (
    "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
)


def serve_public_media(request, path):
    normalised = path.lstrip("/")
    if normalised.startswith(PRIVATE_PREFIXES) or "\x00" in normalised:
        raise Http404
    response = serve(request, normalised, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response
