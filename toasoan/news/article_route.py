"""The article route's query, compiled once per process: the fast path of every uncached
article view (``HomePage.route`` calls ``article_at``).

Which articles a reader may see is decided in ``queries.py``; this module only makes the one
query that finds an article by its URL cheap. Building and compiling that queryset cost more
CPU than running it, so its SQL is compiled once per database vendor with stand-ins
(``core/stand_ins.py``) where the slug, the URL path and the tree path go, and only those
values change per request; on PostgreSQL it also runs as a prepared statement
(``core/prepared.py``).
"""

from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from toasoan.core import prepared
from toasoan.core.stand_ins import fill_params, find_params, stand_in

from .queries import with_comment_count

# The article's tag names as JSON text, in the order they were added (ArticlePage.tag_names).
# A correlated subquery on the article row, so the route needs no second query for them.
_TAG_NAMES_SQL = {
    "postgresql": (
        "(SELECT COALESCE(json_agg(t.name ORDER BY it.id), '[]')::text FROM {tag} t "
        "JOIN {item} it ON it.tag_id = t.id WHERE it.content_object_id = {article}.page_ptr_id)"
    ),
    # json_group_array() keeps the order of its ordered subquery.
    "sqlite": (
        "(SELECT json_group_array(name) FROM (SELECT t.name FROM {tag} t JOIN {item} it "
        "ON it.tag_id = t.id WHERE it.content_object_id = {article}.page_ptr_id "
        "ORDER BY it.id))"
    ),
}


def with_tag_names(queryset):
    """``queryset`` with ``tag_names_json`` on every article (when the database has a way to
    aggregate them; ArticlePage.tag_names falls back to reading the tags)."""
    from .models import ArticlePage, ArticleTag

    template = _TAG_NAMES_SQL.get(connection.vendor)
    if template is None:
        return queryset
    sql = template.format(
        tag=ArticleTag.tag.field.related_model._meta.db_table,
        item=ArticleTag._meta.db_table,
        article=ArticlePage._meta.db_table,
    )
    return queryset.annotate(tag_names_json=RawSQL(sql, [], output_field=TextField()))  # noqa: S611  # nosec B611 - fixed SQL, model table names


# The article's live translations as JSON text, [[language code, url_path], …]: what the
# language switcher and hreflang links need (news/translations.py), in the route's own query.
# (translation_key, locale) is unique in Wagtail, so the lookup is an index range.
_TRANSLATIONS_SQL = {
    "postgresql": (
        "(SELECT COALESCE(json_agg(json_build_array(l.language_code, t.url_path)), '[]')::text "
        "FROM {page} t JOIN {locale} l ON l.id = t.locale_id "
        "WHERE t.translation_key = {page}.translation_key AND t.id <> {page}.id AND t.live)"
    ),
    "sqlite": (
        "(SELECT json_group_array(json_array(l.language_code, t.url_path)) "
        "FROM {page} t JOIN {locale} l ON l.id = t.locale_id "
        "WHERE t.translation_key = {page}.translation_key AND t.id <> {page}.id AND t.live)"
    ),
}


def with_translations(queryset):
    """``queryset`` with ``translations_json`` on every page (when the database has a way
    to aggregate them; news/translations.py falls back to asking for them)."""
    from wagtail.models import Locale, Page

    template = _TRANSLATIONS_SQL.get(connection.vendor)
    if template is None:
        return queryset
    sql = template.format(page=Page._meta.db_table, locale=Locale._meta.db_table)
    return queryset.annotate(translations_json=RawSQL(sql, [], output_field=TextField()))  # noqa: S611  # nosec B611 - fixed SQL, model table names


# Stand-ins compiled into the article route's SQL once per process (article_at).
_SLUG, _URL_PATH, _PATH = stand_in("slug"), stand_in("url-path"), stand_in("path")
_article_route_sql = {}


def _route_queryset(slug, url_path, path):
    from .models import ArticlePage

    return with_translations(
        with_tag_names(
            with_comment_count(
                ArticlePage.objects.filter(slug=slug, url_path=url_path).filter(
                    path__startswith=path
                )
            )
        )
    ).order_by("pk")


def _compiled_article_route():
    """(sql, params, slots) of the route query compiled with stand-ins; slots maps a
    parameter's position to the stand-in it holds (``find_params``). None when the stand-ins
    cannot be found one-to-one (then the queryset is built per request)."""
    key = connection.vendor
    if key not in _article_route_sql:
        sql, params = _route_queryset(_SLUG, _URL_PATH, _PATH)[:1].query.sql_with_params()
        slots = find_params(params, ["slug", "url-path", "path"])
        _article_route_sql[key] = (sql, tuple(params), slots) if slots else None
    return _article_route_sql[key]


def article_at(home, path_components):
    """The article at ``path_components`` below ``home`` (any live state) or None, with its
    approved-comment count, its tag names and its translations: one indexed query on
    (slug, url_path)."""
    from .models import ArticlePage

    slug = path_components[-1]
    url_path = home.url_path + "/".join(path_components) + "/"
    compiled = _compiled_article_route()
    if compiled is None:
        return _route_queryset(slug, url_path, home.path).first()
    sql, params, slots = compiled
    values = {
        "slug": slug,
        "url-path": url_path,
        # The "%" of path__startswith follows the stand-in; the path itself is escaped.
        "path": connection.ops.prep_for_like_query(home.path),
    }
    found = prepared.raw(ArticlePage, sql, fill_params(params, slots, values))
    return found[0] if found else None
