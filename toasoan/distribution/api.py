"""The read-only API (Wagtail API v2) at /api/v2/: articles, sections and announcements.

Only what readers can see is served: visible articles, live and public sections and
announcements of the site answering the request. Responses carry no cookie and no per-user
data, so the page cache can keep them like pages. Every bad parameter is a 400 with a JSON
``message`` (English, Wagtail's key) and ``thong_bao`` (Vietnamese), never a 500.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import DataError
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.fields import Field
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import ChildOfFilter, DescendantOfFilter, FieldsFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.rich_text import expand_db_html

from toasoan.news.models import AnnouncementPage, ArticlePage, SectionPage

from . import conf
from .links import SiteLinks

# Custom query parameters, filtered by ArticleFilter instead of Wagtail's FieldsFilter.
ARTICLE_PARAMETERS = frozenset(["section", "published_after", "published_before"])
_INTEGER = re.compile(r"^-?\d+$")
_MAX_INTEGER = 2**63 - 1


class BadParameter(BadRequestError):
    """A 400 with both an English and a Vietnamese message."""

    def __init__(self, message, vietnamese):
        super().__init__(message)
        self.vietnamese = vietnamese


def _links(serializer_field):
    request = serializer_field.context["request"]
    links = getattr(request, "_distribution_links", None)
    if links is None:
        links = request._distribution_links = SiteLinks(request)
    return links


class AbsoluteUrlField(Field):
    """The page's public address, absolute, computed from url_path (no tree lookups)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return _links(self).full_url(page)


class BylineField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page.byline


class SectionSummaryField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        section = page.section if page.section_id else None
        if section is None:
            return None
        return {
            "id": section.pk,
            "title": section.title,
            "slug": section.slug,
            "url": _links(self).full_url(section),
        }


class BodyHtmlField(Field):
    """The article body as the HTML readers see, with absolute image addresses."""

    def __init__(self, **kwargs):
        super().__init__(source="body", read_only=True, **kwargs)

    def to_representation(self, body):
        html = str(body.render_as_block())
        origin = _links(self).absolute("/").rstrip("/")
        return re.sub(r'((?:src|href|srcset)=")/(?!/)', rf"\1{origin}/", html).replace(
            ", /media/", f", {origin}/media/"
        )


class RichTextHtmlField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return expand_db_html(value or "")


class ImageRenditionsField(Field):
    """Renditions named in TOASOAN_DISTRIBUTION["API_IMAGE_FILTERS"], with absolute URLs."""

    def __init__(self, **kwargs):
        super().__init__(source="featured_image", read_only=True, **kwargs)

    def to_representation(self, image):
        if image is None:
            return None
        links = _links(self)
        data = {
            "id": image.pk,
            "alt": image.default_alt_text,
            "caption": image.caption,
            "credit": image.credit,
        }
        for name, spec in conf.get("API_IMAGE_FILTERS").items():
            try:
                rendition = image.get_rendition(spec)
            except (OSError, ValueError):
                data[name] = {"error": "SourceImageIOError"}
                continue
            data[name] = {
                "url": links.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        return data


class SkipCustomFieldsFilter(FieldsFilter):
    """Wagtail's ?<field>=value filter, minus the parameters ArticleFilter handles."""

    def filter_queryset(self, request, queryset, view):
        original = request.GET
        request._request.GET = original.copy()
        for name in ARTICLE_PARAMETERS:
            request._request.GET.pop(name, None)
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original


def _parse_moment(value, name):
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = dt.datetime.combine(day, dt.time.min) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            f"{name} must be an ISO 8601 date or date-time, e.g. 2020-07-04 or "
            f"2020-07-04T08:30:00+07:00",
            _(
                "%(name)s phải là ngày theo ISO 8601, ví dụ 2020-07-04 hoặc "
                "2020-07-04T08:30:00+07:00."
            )
            % {"name": name},
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _section_ids(value, links):
    sections = (
        SectionPage.objects.live().exclude(links.private_q).filter(path__startswith=links.root_path)
    )
    if _INTEGER.match(value):
        section = sections.filter(pk=int(value)).first()
    else:
        slug_path = value.strip("/")
        section = (
            sections.filter(Q(url_path=f"{links.root_url_path}{slug_path}/") | Q(slug=slug_path))
            .order_by("depth")
            .first()
        )
    if section is None:
        raise BadParameter(
            f"section {value!r} does not exist (use a section id, slug or path)",
            _("Không có chuyên mục “%(value)s” (dùng mã số, slug hoặc đường dẫn của chuyên mục).")
            % {"value": value},
        )
    return section.section_ids()


class ArticleFilter:
    """?section=<id|slug|path> (sub-sections included), ?published_after=, ?published_before=.

    published_after is inclusive, published_before exclusive; a date without a time means
    midnight in Vietnam time.
    """

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if params.get("section"):
            queryset = queryset.filter(
                section_id__in=_section_ids(params["section"], _view_links(view))
            )
        if "published_after" in params:
            moment = _parse_moment(params["published_after"], "published_after")
            queryset = queryset.filter(published_at__gte=moment)
        if "published_before" in params:
            moment = _parse_moment(params["published_before"], "published_before")
            queryset = queryset.filter(published_at__lt=moment)
        return queryset


def _view_links(view):
    request = view.request
    links = getattr(request, "_distribution_links", None)
    if links is None:
        links = request._distribution_links = SiteLinks(request)
    return links


class _ReadOnlyAPIViewSet(PagesAPIViewSet):
    """Shared behaviour: strict parameters, bilingual errors, CORS, site-scoped querysets."""

    filter_backends = [SkipCustomFieldsFilter, ChildOfFilter, DescendantOfFilter, OrderingFilter]
    # JSON only: DRF's browsable HTML view carries a CSRF token and inline scripts, neither of
    # which may end up in a shared cache or past the public CSP.
    renderer_classes = [JSONRenderer]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["child_of", "descendant_of"]
    ) - {"search", "search_operator"}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._check_numbers(request)

    def _check_numbers(self, request):
        # SQLite and PostgreSQL store 64-bit integers: a bigger id or offset would reach the
        # database driver and fail there as a 500.
        for name, value in request.GET.items():
            digits = value.strip().lstrip("-")
            # Length first: int() refuses strings over 4,300 digits with a ValueError.
            if _INTEGER.match(value.strip()) and (len(digits) > 19 or int(digits) > _MAX_INTEGER):
                raise BadParameter(
                    f"{name} is too large", _("Giá trị của %(name)s quá lớn.") % {"name": name}
                )
            if "\x00" in value:
                raise BadParameter(
                    f"{name} contains a null character",
                    _("Giá trị của %(name)s chứa ký tự không hợp lệ.") % {"name": name},
                )

    def get_links(self):
        return _view_links(self)

    def handle_exception(self, exc):
        if isinstance(exc, OverflowError | ValidationError | DataError):
            exc = BadParameter(str(exc), _("Tham số truy vấn không hợp lệ."))
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            # DRF's own errors (405, 406) say "detail"; Wagtail's say "message": use one key.
            response.data["message"] = str(response.data.pop("detail"))
        if isinstance(response.data, dict) and "message" in response.data:
            response.data["thong_bao"] = getattr(exc, "vietnamese", None) or _vietnamese_for(
                response.status_code
            )
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # DRF adds "Vary: Accept", but JSON is the only format: the answer never varies by
        # Accept, and the page cache (toasoan/ops) refuses to store responses that vary.
        varies = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        varies = [v for v in varies if v.lower() != "accept"]
        if varies:
            response["Vary"] = ", ".join(varies)
        elif "Vary" in response:
            del response["Vary"]
        _add_cors_headers(request, response)
        return response

    def options(self, request, *args, **kwargs):
        # CORS pre-flight: an empty answer with the CORS headers finalize_response adds.
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        # Wagtail serialises ?child_of= etc. against this; keep it to our visible pages.
        context["base_queryset"] = self.get_queryset()
        return context


def _vietnamese_for(status_code):
    if status_code == status.HTTP_404_NOT_FOUND:
        return _("Không tìm thấy nội dung.")
    if status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        return _("API chỉ cho phép đọc (GET).")
    return _("Tham số truy vấn không hợp lệ.")


def _add_cors_headers(request, response):
    origins = conf.cors_origins()
    origin = request.headers.get("Origin")
    if not origins:
        return
    if "*" in origins:
        response["Access-Control-Allow-Origin"] = "*"
    elif origin in origins:
        response["Access-Control-Allow-Origin"] = origin
        response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Origin"]))
    else:
        return
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response["Access-Control-Max-Age"] = "86400"


class ArticlesAPIViewSet(_ReadOnlyAPIViewSet):
    name = "articles"
    model = ArticlePage
    filter_backends = [ArticleFilter, *_ReadOnlyAPIViewSet.filter_backends]
    known_query_parameters = _ReadOnlyAPIViewSet.known_query_parameters.union(ARTICLE_PARAMETERS)
    body_fields = [
        "id",
        "title",
        "sapo",
        "author_name",
        "source_name",
        "published_at",
        "last_published_at",
        "tags",
    ]
    meta_fields = ["type", "detail_url", "html_url", "slug", "first_published_at"]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "title",
        "sapo",
        "url",
        "byline",
        "published_at",
        "section",
        "image",
    ]
    nested_default_fields = ["id", "type", "detail_url", "title"]
    detail_only_fields = ["body_html"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {
            "url": AbsoluteUrlField(),
            "byline": BylineField(),
            "section": SectionSummaryField(),
            "body_html": BodyHtmlField(),
            "image": ImageRenditionsField(),
            **super().get_field_serializer_overrides(model),
        }

    @classmethod
    def get_body_fields_names(cls, model):
        return [
            *super().get_body_fields_names(model),
            "url",
            "byline",
            "section",
            "image",
            "body_html",
        ]

    @classmethod
    def get_detail_default_fields(cls, model):
        return [
            *cls.listing_default_fields,
            "author_name",
            "source_name",
            "last_published_at",
            "tags",
            "body_html",
            "html_url",
            "slug",
            "first_published_at",
        ]

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.listing_default_fields[:]

    def get_queryset(self):
        links = self.get_links()
        return (
            ArticlePage.objects.visible()
            .exclude(links.private_q)
            .filter(section_id__in=links.section_ids)
            .order_by("-published_at", "-id")
            .select_related("section", "featured_image")
            .prefetch_related("featured_image__renditions")
        )


class SectionsAPIViewSet(_ReadOnlyAPIViewSet):
    name = "sections"
    model = SectionPage
    body_fields = ["id", "title", "intro", "show_in_menus"]
    meta_fields = ["type", "detail_url", "html_url", "slug", "first_published_at", "parent"]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "title",
        "slug",
        "url",
        "feed_url",
        "parent_id",
    ]
    nested_default_fields = ["id", "type", "detail_url", "title"]
    detail_only_fields = []

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {
            "url": AbsoluteUrlField(),
            "feed_url": FeedUrlField(),
            "parent_id": ParentSectionIdField(),
            **super().get_field_serializer_overrides(model),
        }

    @classmethod
    def get_body_fields_names(cls, model):
        return [*super().get_body_fields_names(model), "url", "feed_url", "parent_id"]

    @classmethod
    def get_detail_default_fields(cls, model):
        return [*cls.listing_default_fields, "intro"]

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.listing_default_fields[:]

    def get_queryset(self):
        links = self.get_links()
        return (
            SectionPage.objects.live()
            .exclude(links.private_q)
            .descendant_of(links.root)
            .order_by("path")
        )


class FeedUrlField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, section):
        links = _links(self)
        path = links.path(section)
        return links.absolute(f"/rss{path}") if path else None


class ParentSectionIdField(Field):
    """The enclosing section's id, or None for a top-level section (computed from the path)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, section):
        parents = self.context.setdefault("_section_ids_by_path", _section_ids_by_path(self))
        return parents.get(section.path[: -SectionPage.steplen])


def _section_ids_by_path(field):
    links = _links(field)
    return dict(SectionPage.objects.descendant_of(links.root).values_list("path", "id"))


class AnnouncementsAPIViewSet(_ReadOnlyAPIViewSet):
    name = "announcements"
    model = AnnouncementPage
    body_fields = [
        "id",
        "title",
        "pinned",
        "display_until",
        "first_published_at",
        "last_published_at",
    ]
    meta_fields = ["type", "detail_url", "html_url", "slug"]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "title",
        "url",
        "pinned",
        "first_published_at",
        "display_until",
    ]
    nested_default_fields = ["id", "type", "detail_url", "title"]
    detail_only_fields = ["body_html"]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {
            "url": AbsoluteUrlField(),
            "body_html": RichTextHtmlField(source="body"),
            **super().get_field_serializer_overrides(model),
        }

    @classmethod
    def get_body_fields_names(cls, model):
        return [*super().get_body_fields_names(model), "url", "body_html"]

    @classmethod
    def get_detail_default_fields(cls, model):
        return [*cls.listing_default_fields, "last_published_at", "body_html"]

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.listing_default_fields[:]

    def get_queryset(self):
        links = self.get_links()
        now = timezone.now()
        return (
            AnnouncementPage.objects.live()
            .exclude(links.private_q)
            .filter(path__startswith=links.root_path)
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
            .order_by("-pinned", "-first_published_at", "-id")
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("articles", ArticlesAPIViewSet)
api_router.register_endpoint("sections", SectionsAPIViewSet)
api_router.register_endpoint("announcements", AnnouncementsAPIViewSet)
