from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from .admin_views import (
    ApproveBulkAction,
    CommentViewSet,
    RejectBulkAction,
    SpamBulkAction,
    article_comments_link,
    listing_buttons,
)

register_snippet(CommentViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
hooks.register("register_bulk_action", SpamBulkAction)
hooks.register("register_snippet_listing_buttons", listing_buttons)


@hooks.register("register_page_header_buttons")
def _page_comments_button(page, user, view_name=None, next_url=None):
    from toasoan.news.models import ArticlePage

    if isinstance(page.specific_deferred, ArticlePage) and user.has_perm("comments.change_comment"):
        label, url = article_comments_link(page)
        yield Button(label, url, icon_name="comment", priority=60)
