"""The reader-facing queries: which articles and announcements a reader may see, and in
what order. Every list page builds on these so "visible" means the same everywhere, and each
runs as a fixed number of SQL queries however much content there is, each one an index range
that stops after the rows it shows (its cost does not grow with the number of articles).
Site-wide parts (the section tree, "Thông báo", section counts) are cached exactly under the
content generation: see fragments.py. The compiled SQL of the article route (the fast path
of article views) lives in article_route.py.
"""

import datetime as dt

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import PageQuerySet

# The page columns a link to an article needs (URL, title, specific class).
_PAGE_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "live",
    "content_type_id",
    "locale_id",
)
# What a plain link list ("Tin khác") shows: title, URL and date.
LINK_FIELDS = (*_PAGE_FIELDS, "published_at", "first_published_at")
# What a card shows: the link, the sapo, the picture, the section and the byline.
LISTING_FIELDS = (
    *LINK_FIELDS,
    "sapo",
    "featured_image",
    "section",
    "author_name",
    "source_name",
)
# What components/article_card.html shows.
CARD_FIELDS = (*LINK_FIELDS, "sapo", "featured_image")


def restricted_paths(fresh=False):
    """Tree paths of the pages under a Wagtail view restriction (password, login, groups).

    A restriction covers the page and everything below it. Cached per content generation: a
    restriction's save or delete changes the generation (news/signal_handlers.py), and
    remembered for the rest of the request. ``fresh`` reads the database (writers: the
    search indexing that follows a restriction's save in the same request).
    """
    from wagtail.models import PageViewRestriction

    from . import fragments

    def compute():
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        # A restriction below another one adds nothing: keep the outermost paths only.
        outer = [p for i, p in enumerate(paths) if not any(p.startswith(q) for q in paths[:i])]
        return outer, None

    if fresh:
        return compute()[0]
    memo = fragments.request_memo()
    if memo is not None and "restricted-paths" in memo:
        return memo["restricted-paths"]
    paths = fragments.cached("restricted-paths", compute)
    if memo is not None:
        memo["restricted-paths"] = paths
    return paths


def unrestricted_q(prefix=""):
    """A Q matching pages under no view restriction (``prefix`` reaches the page through a
    relation, e.g. ``"page__"``); an empty Q when no page is restricted."""
    q = Q()
    for path in restricted_paths():
        q &= ~Q(**{f"{prefix}path__startswith": path})
    return q


def is_restricted(page, paths=None):
    """Whether ``page`` (or a page above it) has a view restriction (``paths``: the
    result of ``restricted_paths()`` when the caller already has it)."""
    paths = restricted_paths() if paths is None else paths
    return any(page.path.startswith(path) for path in paths)


def is_visible_to_readers(page, now=None):
    """THE rule of what an anonymous reader may see, for one page: live, not expired, its
    publication date reached, and under no view restriction (password, login or groups).
    ``ArticleQuerySet.visible()`` is the same rule for lists; every reader-facing list,
    search, comment endpoint and API uses one of the two."""
    now = now or timezone.now()
    if not page.live or is_restricted(page):
        return False
    if getattr(page, "expire_at", None) and page.expire_at <= now:
        return False
    published = getattr(page, "published_at", None) or getattr(page, "go_live_at", None)
    return not (published and published > now)


def locale_q(locale_id=None):
    """A Q keeping the pages of one locale: ``locale_id``, by default the site's language
    (LANGUAGE_CODE), found by a scalar subquery in the same statement (no round trip, no
    cache): Vietnamese lists never show the English translations (docs/decisions/english.md).
    """
    from wagtail.models import Locale

    if locale_id is not None:
        return Q(locale_id=locale_id)
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values("pk")[:1]
    return Q(locale_id=Subquery(default))


class ArticleQuerySet(PageQuerySet):
    def visible(self, now=None, locale_id=None, any_locale=False):
        """What a reader may see: published, not expired, not dated in the future, and
        under no view restriction (see ``is_visible_to_readers``); in one locale,
        ``locale_id`` or the site's language (``any_locale`` for lists already limited to
        one section, which lives in one locale)."""
        now = now or timezone.now()
        queryset = (
            self.live()
            .filter(Q(published_at__isnull=True) | Q(published_at__lte=now))
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
            .filter(unrestricted_q())
        )
        return queryset if any_locale else queryset.filter(locale_q(locale_id))

    def for_cards(self):
        """``for_listing`` without the section: what ``{% article_card %}`` shows (the
        section's page row costs more to build than the card)."""
        return (
            self.order_by("-published_at", "-pk")
            .only(*CARD_FIELDS)
            .select_related("featured_image")
            .prefetch_related("featured_image__renditions")
        )

    def for_listing(self):
        """Newest first, with only the columns a list needs and the image joined in."""
        return (
            # "-pk" (page_ptr_id) rather than "-id" (wagtailcore_page.id, the same value): the
            # tie-break then lives in news_articlepage, so the composite indexes
            # (section, published_at, page_ptr) and (published_at, page_ptr) give the order.
            self.order_by("-published_at", "-pk")
            .only(*LISTING_FIELDS)
            .select_related("featured_image", "section")
            # One query for every card's thumbnail instead of one per card.
            .prefetch_related("featured_image__renditions")
        )


class SectionTree:
    """Every SectionPage of the site, in tree order; small, and cached per content generation.

    Answers "which sections are below this one", "which sections are above this page" and
    "the section with this id" without a query.
    """

    def __init__(self, sections):
        self.sections = sections
        self.by_id = {s.pk: s for s in sections}

    def get(self, pk):
        return self.by_id.get(pk)

    def ids_below(self, page, inclusive=True):
        return [
            s.pk
            for s in self.sections
            if s.path.startswith(page.path) and (inclusive or s.path != page.path)
        ]

    def children(self, page):
        return [
            s for s in self.sections if s.depth == page.depth + 1 and s.path.startswith(page.path)
        ]

    def ancestors(self, page):
        """The SectionPage ancestors of ``page``, nearest last."""
        return [s for s in self.sections if page.path.startswith(s.path) and s.path != page.path]


def section_tree():
    from . import fragments
    from .models import SectionPage

    def compute():
        return SectionTree(list(SectionPage.objects.order_by("path"))), None

    return fragments.cached("sections", compute)


def with_link_urls(pages):
    """``pages`` with ``link_url`` set: the URL computed once when a cached list is built, so
    the templates of every request that reuses the list skip Wagtail's URL resolution (a
    moved or renamed page, or a changed site, retires the list with the content generation).
    """
    from wagtail.models import Site

    # With several sites, the URL (relative or absolute) depends on the site of the request:
    # the template resolves it then. (One site has a root path per language.)
    if len({root.site_id for root in Site.get_site_root_paths()}) == 1:
        for page in pages:
            page.link_url = page.get_url()
    return pages


def with_link_dates(pages):
    """``pages`` with their date written out once for a cached list (``link_date_iso`` for
    ``<time datetime>``, ``link_date_short`` to read): formatting dates in the template
    costs more than the rest of the list."""
    from django.utils.dateformat import format as date_format

    from toasoan.vi import dates

    for page in pages:
        moment = page.display_date
        page.link_date_iso = (
            date_format(timezone.localtime(moment), r"Y-m-d\TH:i:sO") if moment else ""
        )
        page.link_date_short = dates.short_date(moment) if moment else ""
    return pages


def other_news(article, count=None):
    """ "Tin khác": the newest other visible articles of the article's section.

    The newest ``count + 1`` of the section are cached per content generation (one entry per
    section, shared by all its articles) until the next future-dated article of the section
    appears or a listed one expires; the article itself is left out here.
    """
    from django.conf import settings

    from . import fragments
    from .models import ArticlePage

    count = count or settings.TOASOAN_NEWS["OTHER_NEWS_COUNT"]
    section_id = article.section_id
    if section_id is None:
        return ArticlePage.objects.none()

    def compute():
        moment = timezone.now()
        # One backward range of news_article_sec_pub_id, stopping after count + 1 visible
        # rows. Titles and dates only: no image or section joins (they cost planning time).
        newest = list(
            ArticlePage.objects.visible(moment, any_locale=True)
            .filter(section_id=section_id)
            .order_by("-published_at", "-pk")
            .only(*LINK_FIELDS)[: count + 1]
        )
        bounds = (
            ArticlePage.objects.live()
            .filter(section_id=section_id)
            .aggregate(
                appears=Min("published_at", filter=Q(published_at__gt=moment)),
                expires=Min("expire_at", filter=Q(expire_at__gt=moment)),
            )
        )
        newest = with_link_dates(with_link_urls(newest))
        return newest, fragments.earliest(bounds["appears"], bounds["expires"])

    newest = fragments.cached(f"other:{section_id}:{count}", compute, site_wide=False)
    return [a for a in newest if a.pk != article.pk][:count]


def with_comment_count(queryset):
    """``queryset`` with ``approved_comment_count`` on every page: the "Tổng lượt bình luận"
    of the comment block, counted in the same query (comments_tags.comment_area reads it
    instead of asking the database once more)."""
    from toasoan.comments.models import Comment

    approved = (
        Comment.objects.approved()
        .filter(page_id=OuterRef("pk"))
        .order_by()
        .values("page_id")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(approved_comment_count=Coalesce(Subquery(approved), 0))


def _announcements_queryset(now):
    from .models import AnnouncementPage

    return (
        AnnouncementPage.objects.live()
        .filter(unrestricted_q())
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(display_until__isnull=True) | Q(display_until__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        .order_by("-pinned", "-first_published_at", "-id")
    )


def current_announcements(limit=None, now=None):
    """ "Thông báo": live announcements whose display period has not ended, pinned first.

    With the default ``limit`` (the sidebar block) and no ``now``, the list is cached per
    content generation until the first moment one of the announcements starts or stops
    showing.
    """
    from django.conf import settings

    if limit is None:
        limit = settings.TOASOAN_NEWS["ANNOUNCEMENT_COUNT"]
    if not limit:
        return _announcements_queryset(now or timezone.now())
    if now is not None:
        return list(_announcements_queryset(now)[:limit])

    from . import fragments
    from .models import AnnouncementPage

    def compute():
        moment = timezone.now()
        shown = list(_announcements_queryset(moment)[:limit])
        # The list changes when a shown one stops showing, or when any live one (shown now
        # or not yet) starts or stops: the earliest such moment after now.
        bounds = AnnouncementPage.objects.live().aggregate(
            starts=Min("go_live_at", filter=Q(go_live_at__gt=moment)),
            ends=Min("display_until", filter=Q(display_until__gt=moment)),
            expires=Min("expire_at", filter=Q(expire_at__gt=moment)),
        )
        return with_link_urls(shown), fragments.earliest(*bounds.values())

    return fragments.cached(f"announcements:{limit}", compute)


def visible_count(section_ids):
    """How many visible articles the sections hold (the paginator's count), cached per
    content generation until the next future-dated article appears or a shown one expires.
    """
    from . import fragments
    from .models import ArticlePage

    ids = sorted(section_ids)

    def compute():
        moment = timezone.now()
        live = ArticlePage.objects.live().filter(section_id__in=ids)
        row = live.aggregate(
            appears=Min("published_at", filter=Q(published_at__gt=moment)),
            expires=Min("expire_at", filter=Q(expire_at__gt=moment)),
        )
        count = (
            ArticlePage.objects.visible(moment, any_locale=True).filter(section_id__in=ids).count()
        )
        return count, fragments.earliest(row["appears"], row["expires"])

    return fragments.cached("count:" + ",".join(map(str, ids)), compute, site_wide=False)


def _newest_ids(queryset, count):
    return queryset.order_by("-published_at", "-pk").values_list("pk", flat=True)[:count]


def _union_sql(parts):
    """``(sql, params)`` of ``[(tag, compiled query of ids)]`` as one UNION ALL of limited
    subqueries.

    Written out because Django refuses LIMIT inside a compound statement on SQLite; wrapping
    each part in a subquery works on SQLite and PostgreSQL alike.
    """
    sqls, params = [], []
    for index, (tag, (sql, part_params)) in enumerate(parts):
        # Only integers and Django's own compiled SQL go into the text; values are params.
        sqls.append(f"SELECT {int(tag)} AS tag, t{index}.* FROM ({sql}) t{index}")  # noqa: S608  # nosec B608
        params.extend(part_params)
    return " UNION ALL ".join(sqls), params


_SENTINEL = -987654321
# The reading moment compiled into the home page's query, replaced by the real one per request.
_MOMENT = dt.datetime(2000, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)
_home_sql = {}


def _per_section(queryset, section_ids, count):
    """The compiled newest-``count`` query for each section id, compiled once: building
    and compiling one queryset per section cost more than running the queries."""
    sql, params = _newest_ids(queryset.filter(section_id=_SENTINEL), count).query.sql_with_params()
    at = [i for i, value in enumerate(params) if value == _SENTINEL]
    if len(at) != 1:  # never expected; stay correct anyway
        return [
            (sid, _newest_ids(queryset.filter(section_id=sid), count).query.sql_with_params())
            for sid in section_ids
        ]
    (at,) = at
    return [(sid, (sql, (*params[:at], sid, *params[at + 1 :]))) for sid in section_ids]


def _newest_first(articles):
    # The database's own order: newest first, ties by id; PostgreSQL puts NULL dates first
    # in a descending order, SQLite last.
    far = dt.datetime.max if connection.vendor == "postgresql" else dt.datetime.min
    far = far.replace(tzinfo=dt.UTC)
    return sorted(articles, key=lambda a: (a.published_at or far, a.pk), reverse=True)


def _home_sections(home, tree):
    return [s for s in tree.children(home) if s.live and s.show_on_home]


def _home_parts(home, options, now):
    """``[(tag, compiled query)]`` of the home page's lists at ``now``; a tag is -1 for the
    featured ones, -2 for the latest, else the index of the block in ``_home_sections``."""
    from .models import ArticlePage

    # Sections hold one locale's articles; featured and latest keep to the home's locale.
    visible = ArticlePage.objects.visible(now, any_locale=True)
    in_locale = visible.filter(locale_q(home.locale_id))
    tree = section_tree()
    sections = _home_sections(home, tree)
    featured_max, latest_max = 3, options["HOME_LATEST_COUNT"]
    block_max = options["HOME_SECTION_COUNT"]
    parts = [
        (-1, _newest_ids(in_locale.filter(is_featured=True), featured_max).query.sql_with_params()),
        # Enough to fill "latest" whatever the featured ones take out of it.
        (-2, _newest_ids(in_locale, latest_max + featured_max).query.sql_with_params()),
    ]
    # One range per section id: a single "section_id IN (…)" cannot walk the index in date
    # order, so it would sort every article of the block.
    block_of = {sid: index for index, s in enumerate(sections) for sid in tree.ids_below(s)}
    for section_id, compiled in _per_section(visible, list(block_of), block_max):
        parts.append((block_of[section_id], compiled))
    return parts


def _home_query(home, options, tree):
    """``(sql, params, moments, adapt)`` of the home page's UNION, compiled once per process
    for each shape of the site (sections, view restrictions, counts) with a stand-in reading
    moment: ``moments`` are the positions of the parameters that hold it, ``adapt`` whether
    the backend wants it as text. Building and compiling some twenty querysets cost more CPU
    than running the query. None when the stand-in cannot be found (then it is compiled per
    request)."""
    key = (
        connection.vendor,
        home.pk,
        home.path,
        home.locale_id,
        tuple((s.pk, s.path, s.live, s.show_on_home) for s in tree.sections),
        tuple(restricted_paths()),
        options["HOME_LATEST_COUNT"],
        options["HOME_SECTION_COUNT"],
    )
    found = _home_sql.get(key)
    if found is None:
        parts = _home_parts(home, options, _MOMENT)
        sql, params = _union_sql(parts)
        # As the driver gets it: SQLite's backend turns datetimes into text when compiling.
        adapted = connection.ops.adapt_datetimefield_value(_MOMENT)
        moments = [i for i, value in enumerate(params) if value in (_MOMENT, adapted)]
        if len(moments) != 2 * len(parts):  # visible() compares the moment twice per part
            return None
        if len(_home_sql) > 64:
            _home_sql.clear()
        found = _home_sql[key] = (sql, tuple(params), moments, adapted != _MOMENT)
    return found


def home_blocks(home, options):
    """Featured, latest and one block per main section for the home page.

    Three queries whatever the amount of content: one UNION of short index ranges (the
    featured ones, the latest, and the newest of every section below each main section; on
    PostgreSQL a prepared statement, planned once per connection), the cards themselves, and
    their thumbnails.
    """
    from toasoan.core import prepared

    from .models import ArticlePage

    featured_max, latest_max = 3, options["HOME_LATEST_COUNT"]
    block_max = options["HOME_SECTION_COUNT"]
    tree = section_tree()
    sections = _home_sections(home, tree)
    now = timezone.now()
    compiled = _home_query(home, options, tree)
    if compiled is None:  # never expected; stay correct anyway
        sql, params = _union_sql(_home_parts(home, options, now))
    else:
        sql, params, moments, adapt = compiled
        params = list(params)
        value = connection.ops.adapt_datetimefield_value(now) if adapt else now
        for position in moments:
            params[position] = value
    picked = {}
    for tag, pk in prepared.rows(sql, params):
        picked.setdefault(tag, set()).add(pk)
    wanted = set().union(*picked.values())
    cards = {a.pk: a for a in ArticlePage.objects.filter(pk__in=wanted).for_cards()}

    def newest(tag):
        return _newest_first(cards[pk] for pk in picked.get(tag, ()) if pk in cards)

    featured = newest(-1)[:featured_max]
    latest = newest(-2)
    if not featured:
        featured = latest[:1]
    latest = [a for a in latest if a not in featured][:latest_max]
    blocks = []
    for index, section in enumerate(sections):
        items = newest(index)[:block_max]
        if items:
            blocks.append((section, items))
    return {"featured": featured, "latest": latest, "section_blocks": blocks}


def any_view_restrictions():
    """Whether any page has a view restriction (private pages, passwords) at all."""
    return bool(restricted_paths())
