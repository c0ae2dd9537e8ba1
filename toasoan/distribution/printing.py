"""The print view of an article and "Lưu bài viết": the same page saved as one HTML file
whose images are embedded as data: URIs, so it opens offline with nothing else."""

import base64
import mimetypes
import re
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from toasoan.news.models import ArticlePage

from . import conf
from .links import SiteLinks

_SOURCE_TAG = re.compile(r"<source\b[^>]*>", re.IGNORECASE)
_SRCSET = re.compile(r'\s(?:srcset|sizes)="[^"]*"', re.IGNORECASE)
_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]+)(")', re.IGNORECASE)
# Bigger files are left as links: a saved article should stay a reasonable download.
MAX_INLINE_BYTES = 5 * 1024 * 1024


def visible_article(request, page_id):
    links = SiteLinks(request)
    # Ids beyond 64 bits cannot exist and would overflow the database driver.
    if links.root is None or page_id > 2**63 - 1:
        raise Http404
    article = (
        ArticlePage.objects.visible()
        .public()
        .filter(pk=page_id, path__startswith=links.root_path)
        .select_related("featured_image", "section")
        .first()
    )
    if article is None:
        raise Http404
    return links, article


def print_context(links, article):
    image = None
    if article.featured_image:
        try:
            image = article.featured_image.get_rendition(conf.get("PRINT_IMAGE_FILTER"))
        except (OSError, ValueError):
            image = None
    return {
        "article": article,
        "image": image,
        "source_url": links.full_url(article),
        "printed_at": timezone.localtime(),
    }


def _data_uri(url):
    media_url = settings.MEDIA_URL
    if not url.startswith(media_url):
        return None
    name = url[len(media_url) :]
    try:
        if default_storage.size(name) > MAX_INLINE_BYTES:
            return None
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def inline_images(html):
    """Replace every <img src="/media/…"> with a data: URI; drop <source> and srcset."""
    html = _SRCSET.sub("", _SOURCE_TAG.sub("", html))

    def replace(match):
        uri = _data_uri(match.group(2).replace("&amp;", "&"))
        return f"{match.group(1)}{uri}{match.group(3)}" if uri else match.group(0)

    return _SRC.sub(replace, html)


def _print_css():
    from django.contrib.staticfiles import finders

    path = finders.find("distribution/print-view.css")
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        # "</style" cannot occur in our own stylesheet, but never let it end the block.
        return handle.read().replace("</", "<\\/")


def attachment_header(slug):
    """RFC 6266 filename for "<slug>.html" (slugs may hold Vietnamese letters)."""
    filename = f"{slug}.html"
    ascii_name = filename.encode("ascii", "ignore").decode() or "bai-viet.html"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def render_print(request, page_id, saving=False):
    links, article = visible_article(request, page_id)
    context = print_context(links, article)
    context["saving"] = saving
    if saving:
        context["inline_css"] = _print_css()
    response = render(request, "distribution/print.html", context)
    if saving:
        response.content = inline_images(response.content.decode("utf-8")).encode("utf-8")
        response["Content-Disposition"] = attachment_header(article.slug)
    return response
