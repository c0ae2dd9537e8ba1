"""Turn ``ParsedArticle`` objects into live ``ArticlePage``s, idempotently.

The command wraps each batch in one transaction. New plain articles are inserted together
(multi-row INSERTs in one savepoint, retried one by one if it fails); everything else is written
article by article, each in its own savepoint. Either way a bad article leaves nothing behind.
Search indexing, revision links, history entries and page-cache invalidation happen once per
batch, in ``ArticleWriter.flush``.
"""

import hashlib
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, Site

from toasoan.core.tree_paths import last_child_number, place
from toasoan.news.models import ArticlePage, HomePage, SectionPage
from toasoan.ops.invalidation import content_changed, invalidation_suspended
from toasoan.vi.slugs import vietnamese_slugify

from .importers.text import published_datetime
from .models import ImportRecord

logger = logging.getLogger(__name__)

FALLBACK_SECTION = "Tin tổng hợp"


class SectionNotFound(Exception):
    def __init__(self, slug, known):
        self.slug, self.known = slug, known
        listing = ", ".join(known) or "(none)"
        super().__init__(f"no section with slug {slug!r}; existing sections: {listing}")


@dataclass
class Outcome:
    action: str  # "imported", "updated", "skipped"
    page: ArticlePage | None = None
    reason: str = ""


@dataclass
class ArticleWriter:
    """Writes articles under one home page. ``section_slug`` forces every article into it."""

    section_slug: str | None = None
    index_pages: bool = True
    _sections: dict = field(default_factory=dict)
    _slugs: dict = field(default_factory=dict)
    _pending_index: list = field(default_factory=list)
    _last_child: dict = field(default_factory=dict)
    _touched_sections: set = field(default_factory=set)
    _new_pages: list = field(default_factory=list)
    _revision_links: list = field(default_factory=list)
    _records: dict = field(default_factory=dict)
    _external: dict = field(default_factory=dict)
    _prefetched: set = field(default_factory=set)

    def __post_init__(self):
        self.home = _home_page()
        self._base_content_type_id = ContentType.objects.get_for_model(Page).pk
        self.forced = find_section(self.section_slug) if self.section_slug else None

    def prefetch(self, articles):
        """Look up the import records and external ids of a batch in two queries."""
        keys = [record_key(a, a.format or "text") for a in articles]
        self._records = {
            r.key: r for r in ImportRecord.objects.filter(key__in=keys).select_related("page")
        }
        external = [a.external_id[:255] for a in articles if a.external_id]
        self._prefetched = set(keys) | set(external)
        self._external = dict(
            ArticlePage.objects.filter(external_id__in=external).values_list("external_id", "pk")
        )

    def write(self, article):
        """Create or update the page for ``article``; returns an ``Outcome``."""
        fmt = article.format or "text"
        key = record_key(article, fmt)
        digest = article.content_hash()
        record = self._record(key)
        if record is not None and record.content_hash == digest and record.page_id:
            return Outcome("skipped", record.page, "unchanged since the last import")
        if record is not None and record.page_id is None:
            return Outcome("skipped", None, "its article was deleted in the CMS")
        page = record.page if record else self._existing_by_external_id(article)
        if page is None:
            return self._write_new(article, key, self._new_page(article))
        with transaction.atomic():
            self._update(page, article)
            _import_comments(page, article)
            values = self._record_values(article, page)
            if record is None:
                record = ImportRecord.objects.create(key=key, **values)
            else:
                ImportRecord.objects.filter(pk=record.pk).update(**values)
        self._records[key] = record
        self._queue(page, "updated")
        return Outcome("updated", page)

    def _write_new(self, article, key, page):
        """Save one prepared new page with its revision, comments and import record."""
        with transaction.atomic():
            self._save_new(page, article)
            _import_comments(page, article)
            record = ImportRecord.objects.create(key=key, **self._record_values(article, page))
        self._records[key] = record
        self._queue(page, "imported")
        return Outcome("imported", page)

    def write_batch(self, articles):
        """Write a batch of articles; returns an ``Outcome`` or the exception, per article.

        New articles without images, tags or comments (every JSON Lines record, most dumps)
        are inserted together: one multi-row INSERT each for the page rows, the article rows,
        the revisions and the import records, in one savepoint. If that savepoint fails, they
        are written again one by one, so only the bad article fails. Everything else goes
        through ``write``.
        """
        results = [None] * len(articles)
        staged, staged_keys = [], set()
        for index, article in enumerate(articles):
            try:
                key = record_key(article, article.format or "text")
                external_id = article.external_id[:255] if article.external_id else None
                if key in staged_keys or (external_id and external_id in staged_keys):
                    # The same article twice in one batch: the second sees the first's row.
                    self._insert_staged(staged, results)
                    staged, staged_keys = [], set()
                if self._bulk_eligible(article, key, external_id):
                    staged.append((index, article, key, self._new_page(article)))
                    staged_keys.update(k for k in (key, external_id) if k)
                else:
                    results[index] = self.write(article)
            except Exception as exc:  # noqa: BLE001 - reported per article by the command
                results[index] = exc
        self._insert_staged(staged, results)
        return results

    def _bulk_eligible(self, article, key, external_id):
        # Known to be new: the batch's prefetch found neither its record nor its external id.
        known_new_id = not external_id or (
            external_id in self._prefetched and external_id not in self._external
        )
        return (
            connection.features.can_return_rows_from_bulk_insert
            and key in self._prefetched
            and key not in self._records
            and known_new_id
            and not article.comments
            and not article.tags
            and article.featured_image is None
            and not any(kind == "image" for kind, _value in article.blocks)
        )

    def _insert_staged(self, staged, results):
        if not staged:
            return
        try:
            with transaction.atomic():
                records = self._bulk_insert([(a, key, page) for _i, a, key, page in staged])
        except Exception:  # noqa: BLE001 - retried one by one below, to find the bad article
            logger.info("bulk insert of %d articles failed; writing them one by one", len(staged))
            for index, article, key, page in staged:
                page.id = page.page_ptr_id = None
                page._state.adding = True
                try:
                    results[index] = self._write_new(article, key, page)
                except Exception as exc:  # noqa: BLE001
                    results[index] = exc
            return
        for (index, _article, key, page), record in zip(staged, records, strict=True):
            self._records[key] = record
            self._queue(page, "imported")
            results[index] = Outcome("imported", page)

    def _bulk_insert(self, staged):
        """INSERT the staged new pages, their revisions and import records, many rows at once."""
        pages = [page for _article, _key, page in staged]
        page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
        ids = _insert_returning_ids(Page, pages, page_fields)
        for page, pk in zip(pages, ids, strict=True):
            page.id = page.page_ptr_id = pk
            page._state.adding, page._state.db = False, connection.alias
        _insert_rows(ArticlePage, pages, ArticlePage._meta.local_concrete_fields)
        for article, _key, page in staged:
            _no_other_children(page, article)
        revisions = Revision.objects.bulk_create([self._revision_for(page) for page in pages])
        for page, revision in zip(pages, revisions, strict=True):
            self._link_revision(page, revision)
        return ImportRecord.objects.bulk_create(
            [
                ImportRecord(key=key, **self._record_values(article, page))
                for article, key, page in staged
            ]
        )

    def _queue(self, page, action):
        # Queued only once the article's savepoint is released: a failed article leaves no
        # history entry, revision link or index entry behind.
        self._pending_index.append(page.pk)
        self._revision_links.append(page)
        if action == "imported":
            self._new_pages.append(page)

    @staticmethod
    def _record_values(article, page):
        return {
            "source_format": article.format or "text",
            "source_path": article.file[:1024],
            "content_hash": article.content_hash(),
            "page": page,
            "old_url": normalise_old_url(article.old_url),
        }

    def _record(self, key):
        if key in self._records:
            return self._records[key]
        if key in self._prefetched:
            return None
        return ImportRecord.objects.filter(key=key).select_related("page").first()

    def _existing_by_external_id(self, article):
        if not article.external_id:
            return None
        external_id = article.external_id[:255]
        if external_id in self._external:
            pk = self._external[external_id]
        elif external_id in self._prefetched:
            return None
        else:
            pk = (
                ArticlePage.objects.filter(external_id=external_id)
                .values_list("pk", flat=True)
                .first()
            )
        return ArticlePage.objects.get(pk=pk) if pk else None

    def flush(self):
        """Finish a batch: children counts of the sections, search and reference indexes."""
        for section_id in self._touched_sections:
            count = Page.objects.filter(
                path__startswith=self._section_paths(section_id), depth=self._depth(section_id)
            ).count()
            Page.objects.filter(pk=section_id).update(numchild=count)
        self._touched_sections.clear()
        self._records, self._external, self._prefetched = {}, {}, set()
        # Another writer (an editor, a second import) may add pages between batches.
        self._last_child.clear()
        links, self._revision_links = self._revision_links, []
        _link_revisions(links)
        if links:
            content_changed(f"legacy import of {len(links)} article(s)")
        _log_created(self._new_pages)
        self._new_pages = []
        ids, self._pending_index = self._pending_index, []
        if not ids:
            return
        # Images are the only objects an imported article can refer to ("usage" in the admin).
        with_images = ArticlePage.objects.filter(pk__in=ids).filter(
            Q(featured_image__isnull=False) | Q(body__icontains='"image"')
        )
        for page in with_images:
            ReferenceIndex.create_or_update_for_object(page)
        if self.index_pages:
            index_articles(ids, pages=links)

    # -- pages ------------------------------------------------------------------------------

    def _new_page(self, article):
        """An unsaved live page for ``article``, placed in its section's tree (no queries)."""
        section = self._section_for(article)
        page = ArticlePage(title=article.title[:255], slug=self._free_slug(section, article.title))
        self._fill(page, article)
        published = page.published_at or timezone.now()
        page.live = True
        page.first_published_at = page.last_published_at = page.published_at = published
        page.draft_title = page.title
        # What add_child() does, minus re-reading the parent's last child for every article:
        # the tree path comes from the per-section cache filled by _place().
        self._place(page, section)
        # What Page.save() and ArticlePage.save() add for a new page.
        page.set_url_path(section)
        page.section_id = section.pk
        return page

    def _save_new(self, page, article):
        # log_action=None: the "created"/"published" history entries are written in bulk by
        # flush(), not one validated insert per article.
        page.save(clean=False, log_action=None)
        _no_other_children(page, article)
        self._publish_revision(page)

    def _update(self, page, article):
        page.title = page.draft_title = article.title[:255]
        self._fill(page, article)
        page.save(clean=False)
        self._publish_revision(page)

    def _place(self, page, section):
        number = self._last_child.get(section.pk)
        if number is None:
            number = last_child_number(section)
        try:
            place(page, section, number + 1)
        except PathOverflow:
            raise PathOverflow(
                f"section {section.title!r} has no room for another article"
            ) from None
        self._last_child[section.pk] = number + 1
        self._touched_sections.add(section.pk)
        page.locale_id = section.locale_id
        page._cached_parent_obj = section
        page._is_site_root = False

    def _fill(self, page, article):
        page.sapo = article.sapo
        page.author_name = article.author[:255]
        page.source_name = article.source[:255]
        page.published_at = published_datetime(article.published) or page.published_at
        if article.external_id and not page.external_id:
            page.external_id = article.external_id[:255]
        page.body = self._body(article)
        if article.tags:
            page.tags.set([tag[:100] for tag in article.tags if tag])
        if article.featured_image is not None:
            page.featured_image = import_image(article.featured_image, article)
        if page.featured_image is None and any(kind == "image" for kind, _ in article.blocks):
            images = [block.value["image"] for block in page.body if block.block_type == "image"]
            page.featured_image = images[0] if images else None

    def _body(self, article):
        if not any(kind == "image" for kind, _value in article.blocks):
            # Text only: the stored JSON form, which Wagtail keeps as is (lazy) instead of
            # building, then serialising again, a block object per paragraph.
            return [_raw_block(kind, value) for kind, value in article.blocks]
        blocks = []
        for kind, value in article.blocks:
            if kind == "image":
                image = import_image(value, article)
                if image is not None:
                    blocks.append(("image", {"image": image, "caption": value.caption[:255]}))
            elif kind == "heading":
                blocks.append(("heading", {"text": value[:255], "level": "h2"}))
            else:
                blocks.append(("paragraph", f"<p>{escape(value, quote=False)}</p>"))
        return blocks

    def _publish_revision(self, page):
        # One revision that is both latest and live: what save_revision().publish() leaves
        # behind, without their extra saves, validation, log entries and signal fan-out. The
        # page row is pointed at it by flush(), in one statement per batch.
        revision = self._revision_for(page)
        revision.save()
        self._link_revision(page, revision)

    def _revision_for(self, page):
        return Revision(
            content_type_id=page.content_type_id,
            base_content_type_id=self._base_content_type_id,
            object_id=str(page.pk),
            content=page.serializable_data(),
            object_str=str(page),
            created_at=timezone.now(),
        )

    @staticmethod
    def _link_revision(page, revision):
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        page.draft_title = page.title
        page.has_unpublished_changes = False

    # -- sections ---------------------------------------------------------------------------

    def _section_by_id(self, section_id):
        for section in [*self._sections.values(), self.forced]:
            if section is not None and section.pk == section_id:
                return section
        return SectionPage.objects.get(pk=section_id)

    def _section_paths(self, section_id):
        return self._section_by_id(section_id).path

    def _depth(self, section_id):
        return self._section_by_id(section_id).depth + 1

    def _section_for(self, article):
        if self.forced is not None:
            return self.forced
        name = (article.section or "").strip() or FALLBACK_SECTION
        if name not in self._sections:
            self._sections[name] = self._find_or_create_section(name)
        return self._sections[name]

    def _find_or_create_section(self, name):
        slug = vietnamese_slugify(name, max_length=50) or "tin-tong-hop"
        children = SectionPage.objects.child_of(self.home)
        found = children.filter(title=name).first() or children.filter(slug=slug).first()
        if found is not None:
            return found
        section = SectionPage(title=name[:255], slug=slug, show_in_menus=True)
        self.home.add_child(instance=section)
        section.save_revision(log_action=False).publish(log_action=False)
        logger.info("created section %s (/%s/)", name, slug)
        return section

    def _free_slug(self, section, title):
        taken = self._slugs.get(section.pk)
        if taken is None:
            taken = set(Page.objects.child_of(section).values_list("slug", flat=True))
            self._slugs[section.pk] = taken
        base = vietnamese_slugify(title, max_length=70) or "bai-viet"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug


def _raw_block(kind, value):
    if kind == "heading":
        value = {"text": value[:255], "level": "h2"}
    else:
        kind, value = "paragraph", f"<p>{escape(value, quote=False)}</p>"
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _no_other_children(page, article):
    # A new page has no admin comments and only the tags it was given: say so, or
    # serialising it for its revision asks the database for both.
    page.wagtail_admin_comments = []
    if not article.tags:
        page.tagged_items = []


def find_section(slug):
    """The section with this slug, or ``SectionNotFound`` listing the slugs that exist."""
    found = SectionPage.objects.filter(slug=slug).first()
    if found is None:
        raise SectionNotFound(slug, sorted(SectionPage.objects.values_list("slug", flat=True)))
    return found


def record_key(article, fmt):
    """The idempotency key: external id, else the source file's path, else a content hash."""
    if article.external_id:
        return f"{fmt}:{article.external_id}"[:512]
    if article.file and fmt in ("text", "html"):
        return f"path:{Path(article.file).resolve()}"[:512]
    return f"hash:{article.content_hash()}"


def normalise_old_url(url):
    """Keep the path and query of an old URL ("https://x.vn/a/1.html?id=2" -> "/a/1.html?id=2")."""
    from urllib.parse import urlsplit

    if not url:
        return ""
    parts = urlsplit(url.strip())
    path = parts.path or "/"
    return (f"{path}?{parts.query}" if parts.query else path)[:1024]


def _link_revisions(pages):
    """Point each page row at its new revision: one prepared UPDATE run for the whole batch."""
    if not pages:
        return
    meta, ops = Page._meta, connection.ops
    columns = [
        meta.get_field(name).column
        for name in (
            "latest_revision",
            "live_revision",
            "latest_revision_created_at",
            "draft_title",
            "has_unpublished_changes",
        )
    ]
    assignments = ", ".join(f"{ops.quote_name(column)} = %s" for column in columns)
    # Only quoted column and table names from the model go into the text; values are params.
    sql = f"UPDATE {ops.quote_name(meta.db_table)} SET {assignments} WHERE id = %s"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (
                    page.latest_revision_id,
                    page.live_revision_id,
                    ops.adapt_datetimefield_value(page.latest_revision_created_at),
                    page.draft_title,
                    False,
                    page.pk,
                )
                for page in pages
            ],
        )


def _log_created(pages):
    if not pages:
        return
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    _insert_rows(
        PageLogEntry,
        [
            PageLogEntry(
                page_id=page.pk,
                content_type=content_type,
                label=page.title[:255],
                action=action,
                timestamp=now,
                revision_id=page.live_revision_id if action == "wagtail.publish" else None,
                content_changed=True,
                data={},
            )
            for page in pages
            for action in ("wagtail.create", "wagtail.publish")
        ],
    )


def _prepared_rows(objects, fields):
    # Each value prepared by its field exactly as bulk_create's compiler does.
    return [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects
    ]


def _insert_returning_ids(model, objects, fields):
    """``bulk_create``'s multi-row ``INSERT … RETURNING id`` (PostgreSQL, SQLite ≥ 3.35)
    without its per-value SQL compilation; returns the new ids in the order of ``objects``."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pk_column = quote(model._meta.pk.column)
    rows = _prepared_rows(objects, fields)
    batch = max(1, connection.ops.bulk_batch_size(fields, objects))
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            # Only quoted column and table names from the model go into the text.
            sql = (
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608  # nosec B608
                f"VALUES {', '.join([row_sql] * len(chunk))} RETURNING {pk_column}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _insert_rows(model, objects, fields=None):
    """``bulk_create`` without reading ids back: one prepared INSERT run for every row.

    Each value is prepared by its field exactly as ``bulk_create`` does; what is saved is
    Django's per-row SQL compilation, which dominates for thousands of small rows. ``fields``
    defaults to every concrete field but the primary key.
    """
    if fields is None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Only quoted column and table names from the model go into the text; values are params.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
    rows = _prepared_rows(objects, fields)
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def _home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    if isinstance(root, HomePage):
        return root
    return HomePage.objects.first() or _create_home(site)


def _create_home(site):
    # A fresh install (migrate, then import) has only Wagtail's placeholder page.
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Trang chủ", slug="trang-chu")
    )
    home.save_revision(log_action=False).publish(log_action=False)
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        return home
    placeholder, site.root_page = site.root_page, home
    site.save()
    if placeholder.pk != home.pk and placeholder.depth > 1 and not placeholder.get_children():
        placeholder.delete()
    logger.info("created the home page")
    return home


def import_image(ref, article):
    """Bring a local image file into the Wagtail image library once (matched by file hash)."""
    from toasoan.core.models import NewsImage

    if ref is None or ref.path is None or not ref.path.is_file():
        return None
    data = ref.path.read_bytes()
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    existing = NewsImage.objects.filter(file_hash=digest).first()
    if existing is not None:
        return existing
    image = NewsImage(
        title=(ref.alt or ref.caption or article.title)[:255],
        alt_text=(ref.alt or ref.caption)[:255],
        caption=ref.caption[:500],
        credit=article.source[:255],
        file_hash=digest,
    )
    with ref.path.open("rb") as handle:
        image.file = ImageFile(handle, name=ref.path.name)
        image.save()
    return image


def _import_comments(page, article):
    from toasoan.comments.models import Comment

    if not article.comments:
        return
    seen = set(Comment.objects.filter(page=page).values_list("name", "body"))
    for comment in article.comments:
        if (comment.name[:100], comment.body) in seen:
            continue
        created = Comment.objects.create(
            page=page,
            name=comment.name[:100] or "Bạn đọc",
            email=comment.email[:254],
            body=comment.body,
            status=Comment.Status.APPROVED,
        )
        if comment.created_at is not None:
            Comment.objects.filter(pk=created.pk).update(created_at=comment.created_at)


@contextmanager
def search_autoupdate_suspended():
    """Stop the per-save work (search, Wagtail's reference index, page cache) during an import.

    Each save would index its page and invalidate the page cache on its own;
    ``ArticleWriter.flush`` does both once for a whole batch instead, and the page cache is
    invalidated once more when the import ends.
    """
    from wagtail.signal_handlers import disable_reference_index_auto_update

    handlers = _per_save_index_handlers()
    disconnected = [h for h in handlers if post_save.disconnect(h, sender=ArticlePage)]
    try:
        with invalidation_suspended("legacy import"), disable_reference_index_auto_update():
            yield
    finally:
        for handler in disconnected:
            post_save.connect(handler, sender=ArticlePage)


def _per_save_index_handlers():
    handlers = []
    try:
        from modelsearch.signal_handlers import post_save_signal_handler

        handlers.append(post_save_signal_handler)
    except ImportError:
        pass
    try:
        from toasoan.search.signal_handlers import index_saved_article

        handlers.append(index_saved_article)
    except ImportError:
        pass
    return handlers


def index_articles(ids, pages=None):
    """Index the articles ``ids`` with the search app's bulk indexer (or Wagtail's).

    ``pages``, the same articles as saved objects, are handed to the search app's
    ``index_pages`` when it has one, which spares it reading them back.
    """
    try:
        from toasoan.search import indexing
    except ImportError:
        indexing = None
    if indexing is not None and pages and hasattr(indexing, "index_pages"):
        indexing.index_pages(list(pages))
        return
    if indexing is not None and hasattr(indexing, "index_articles"):
        indexing.index_articles(list(ids))
        return
    from wagtail.search.backends import get_search_backends

    objects = list(ArticlePage.objects.filter(pk__in=ids))
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(ArticlePage)
        if index is not None:
            index.add_items(ArticlePage, objects)


@contextmanager
def durable_commits():
    """SQLite: make every batch's commit reach the disk before the next batch starts.

    The project runs SQLite in WAL mode with ``synchronous=NORMAL``, which may lose the last
    commits on a power cut; for an import, whose summary says what was written, each commit
    is synced (``synchronous=FULL``: one fsync per batch of articles, not per article), so an
    article the command reports is on disk when it returns. A larger page cache for the
    import's connection saves re-reading the tree's indexes between batches.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # Inside a caller's transaction its commit decides (SQLite refuses the change there).
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size")
        cache_size = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            cursor.execute(f"PRAGMA cache_size = {cache_size}")
