"""The search index (one row per visible article), its vocabulary, and the synonym list."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SearchEntry(models.Model):
    """One indexed article: normalised token text per field, plus filters and snippet text.

    ``*_key`` columns hold space-separated tokens after ``search_key()`` (NFC, tone marks
    in one place, lower case, accents folded); ``accented_key`` keeps the accents for
    exact-accent ranking. The full-text indexes over them are backend-specific and created
    in migration 0002 (SQLite FTS5 table, PostgreSQL generated tsvector columns).
    """

    page = models.OneToOneField(
        "news.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    section = models.ForeignKey(
        "news.SectionPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, db_index=True)
    expire_at = models.DateTimeField(null=True, blank=True)
    title_key = models.TextField(blank=True)
    sapo_key = models.TextField(blank=True)
    body_key = models.TextField(blank=True)
    accented_key = models.TextField(blank=True)
    # Sapo and body as plain text with the original spelling, for result snippets.
    plain_text = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        indexes = [models.Index(fields=["section", "-published_at"], name="search_entry_sec_pub")]

    def __str__(self):
        return f"SearchEntry({self.page_id})"


RANK_SHIFT = 30  # page ids stay below 2**30 (about a billion pages)


def rank_key(published_at, page_id):
    """Recency as one integer: whole seconds of ``published_at`` (0 when unknown) shifted
    left by ``RANK_SHIFT`` bits, plus the page id. Descending, it is "newest first, then the
    highest id" (the ranking's tie-break). It is the rowid of the SQLite FTS tables, so FTS5
    hands out matches newest first and a search can stop after the first few (see
    ``backends/base.py``). SQL twins: ``RANK_SQL`` in migration 0005."""
    seconds = max(0, int(published_at.timestamp() // 1)) if published_at else 0
    if not 0 <= page_id < 1 << RANK_SHIFT:
        raise ValueError(f"page id {page_id} does not fit the search rank key")
    return (seconds << RANK_SHIFT) | page_id


def rank_floor(moment):
    """The smallest rank key of an article published at or after ``moment``."""
    return max(0, int(moment.timestamp() // 1)) << RANK_SHIFT


class SearchTerm(models.Model):
    """How many indexed articles contain each folded word: the dictionary for typo tolerance."""

    term = models.CharField(max_length=255, primary_key=True)
    doc_count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("từ trong chỉ mục")
        verbose_name_plural = _("từ trong chỉ mục")

    def __str__(self):
        return self.term


class Synonym(index.Indexed, models.Model):
    """A group of spellings that search treats as the same thing, e.g. KCN / khu công nghiệp."""

    terms = models.TextField(
        _("các cách viết"),
        help_text=_(
            "Mỗi dòng một cách viết có cùng nghĩa, ví dụ: “KCN” và “khu công nghiệp”. "
            "Tìm một cách viết sẽ ra cả bài dùng các cách viết còn lại."
        ),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]
    search_fields = [index.SearchField("terms"), index.SearchField("note")]

    class Meta:
        verbose_name = _("từ viết tắt / đồng nghĩa")
        verbose_name_plural = _("từ viết tắt / đồng nghĩa")
        ordering = ["terms"]

    def __str__(self):
        return " = ".join(self.forms())

    def forms(self):
        """The non-empty lines, stripped: ``["KCN", "khu công nghiệp"]``."""
        return [line.strip() for line in self.terms.splitlines() if line.strip()]
