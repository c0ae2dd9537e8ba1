"""News content: the home page, sections, articles, announcements and plain pages."""

from .announcements import AnnouncementIndexPage, AnnouncementPage
from .articles import ArticlePage, ArticleTag
from .home import HomePage
from .sections import SectionPage
from .standard import StandardPage

__all__ = [
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "ArticlePage",
    "ArticleTag",
    "HomePage",
    "SectionPage",
    "StandardPage",
]
