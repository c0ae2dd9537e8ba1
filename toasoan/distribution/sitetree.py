"""The page tree below a site's root, without articles, for "Sơ đồ trang" and "Kênh RSS"."""

from dataclasses import dataclass, field

from wagtail.models import Page

from toasoan.news.models import AnnouncementPage, ArticlePage, SectionPage


@dataclass
class TreeNode:
    title: str
    url: str
    is_section: bool
    depth: int
    children: list = field(default_factory=list)

    @property
    def feed_url(self):
        return f"/rss{self.url}" if self.is_section else None


def _tree_page_models():
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if not issubclass(model, ArticlePage | AnnouncementPage) and model is not Page
    ]


def site_tree(links):
    """The home page's live, public descendants except articles and announcements, nested.

    One query, whatever the number of articles: they are excluded by type in SQL.
    """
    pages = (
        Page.objects.live()
        .exclude(links.private_q)
        .descendant_of(links.root)
        # type() is an indexed content_type IN (...); not_type() would scan every article.
        .type(*_tree_page_models())
        .order_by("path")
        .only("id", "path", "depth", "url_path", "title", "content_type_id")
    )
    section_type = SectionPage._meta
    nodes_by_path = {}
    roots = []
    for page in pages:
        is_section = page.specific_class is not None and page.specific_class._meta is section_type
        node = TreeNode(page.title, links.path(page), is_section, page.depth)
        parent_path = page.path[: -Page.steplen]
        if parent_path == links.root_path:
            roots.append(node)
        elif parent_path in nodes_by_path:
            nodes_by_path[parent_path].children.append(node)
        else:
            continue  # below an unpublished or restricted page: not reachable by readers
        nodes_by_path[page.path] = node
    return roots
