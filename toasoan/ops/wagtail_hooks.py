"""Declare the cache tags of every Wagtail page served (toasoan/ops/cachetags.py)."""

from wagtail import hooks

from . import cachetags
from .conf import pagecache_setting
from .dashboard import JobsPanel


def served_page_tags(page):
    """The complete tags of a served page, or None when its type is not known to show only
    what they cover (then it carries ANY: retired by every change).

    A page type may name its own with a ``cache_tags()`` method returning tag names.
    """
    own = getattr(page, "cache_tags", None)
    if callable(own):
        return set(own())
    if page._meta.label not in pagecache_setting("TAGGED_PAGE_TYPES"):
        return None
    # Itself, the lists of what is under it (home, sections), its comments, and the
    # "Thông báo" box most pages show.
    tags = {
        cachetags.page(page.pk),
        cachetags.listing(page.pk),
        cachetags.comments(page.pk),
        cachetags.ANNOUNCEMENTS,
    }
    # An article's "Tin khác" lists its section (no query: the id is on the row).
    section_id = getattr(page, "section_id", None)
    if section_id:
        tags.add(cachetags.listing(section_id))
    return tags


@hooks.register("before_serve_page")
def declare_page_tags(page, request, serve_args, serve_kwargs):
    tags = served_page_tags(page)
    if tags is not None:
        cachetags.shows(*tags, complete=True)


@hooks.register("construct_homepage_panels")
def add_jobs_panel(request, panels):
    # IT staff keep the runner alive; editors have nothing to do about it.
    if request.user.is_superuser:
        panels.append(JobsPanel())
