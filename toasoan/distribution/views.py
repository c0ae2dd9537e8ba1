"""Sitemaps, robots.txt, the "Sơ đồ trang" page, the feed list, and the print and save views."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from toasoan.sitesettings.models import SiteIdentity

from . import sitemaps as site_maps
from .links import SiteLinks
from .printing import render_print
from .sitetree import site_tree


def _links_or_404(request):
    links = SiteLinks(request)
    if links.root is None:
        raise Http404
    return links


@require_safe
def sitemap_index(request):
    links = _links_or_404(request)
    return sitemap_views.index(
        request,
        site_maps.build_sitemaps(links),
        template_name="distribution/sitemap_index.xml",
        sitemap_url_name="distribution_sitemap",
    )


@require_safe
def sitemap_section(request, section):
    links = _links_or_404(request)
    return sitemap_views.sitemap(
        request,
        site_maps.build_sitemaps(links),
        section=section,
        template_name="distribution/sitemap.xml",
    )


@require_safe
def news_sitemap(request):
    links = _links_or_404(request)
    response = sitemap_views.sitemap(
        request,
        {"tin-moi": site_maps.NewsSitemap(links)},
        section="tin-moi",
        template_name="distribution/sitemap_news.xml",
    )
    response.context_data["publication_name"] = SiteIdentity.for_site(links.site).agency_name
    return response


@require_safe
def robots_txt(request):
    context = {
        "sitemap_url": request.build_absolute_uri(reverse("distribution_sitemap_index")),
        "news_sitemap_url": request.build_absolute_uri(reverse("distribution_news_sitemap")),
    }
    return render(request, "distribution/robots.txt", context, content_type="text/plain")


@require_safe
def site_map_page(request):
    """ "Sơ đồ trang": the site's sections, sub-sections and standard pages as nested lists."""
    links = _links_or_404(request)
    return render(request, "distribution/site_map_page.html", {"tree": site_tree(links)})


@require_safe
def feed_list(request):
    """ "Kênh RSS": the site feed and one feed per section, with their addresses."""
    links = _links_or_404(request)
    return render(request, "distribution/feed_list.html", {"tree": site_tree(links)})


@require_safe
def print_article(request, page_id):
    """The article alone, laid out for paper: no menu, comments or reader toolbar."""
    return render_print(request, page_id)


@require_safe
def save_article(request, page_id):
    """ "Lưu bài viết": the print layout as one self-contained HTML file to download."""
    return render_print(request, page_id, saving=True)
