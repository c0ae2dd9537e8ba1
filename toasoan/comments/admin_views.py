"""Moderator views in the Wagtail admin: the comment listing, bulk decisions, official
replies. Registered in wagtail_hooks.py."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from toasoan.core.bulk_actions import ConfirmedBulkAction

from . import moderation
from .forms import OfficialReplyForm
from .models import Comment


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=Comment.Status.choices, empty_label=_("Tất cả")
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Chuyên mục"),
        field_name="page__articlepage__section",
        queryset=None,
        empty_label=_("Tất cả"),
    )
    page_id = django_filters.NumberFilter(label=_("Mã bài viết"), field_name="page_id")
    article = django_filters.CharFilter(
        label=_("Tiêu đề bài viết"), field_name="page__title", lookup_expr="icontains"
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Thời gian gửi"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Comment
        fields = ["status", "section", "page_id", "article", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from toasoan.news.models import SectionPage

        self.filters["section"].queryset = SectionPage.objects.order_by("path")


class ArticleColumn(Column):
    """The article title, linking to this article's comments (the per-article view)."""

    cell_template_name = "comments/admin/article_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["per_article_url"] = f"?page_id={instance.page_id}"
        return context


class CommentIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "parent")


class PendingCountMenuItem(MenuItem):
    """ "Bình luận (12)": the label carries the number of comments waiting.

    Shown only to staff who may moderate: overriding Wagtail's menu item class drops the
    permission check it would otherwise make.
    """

    def is_shown(self, request):
        user = request.user
        return any(user.has_perm(f"comments.{action}_comment") for action in ("change", "delete"))

    def render_component(self, request):
        component = super().render_component(request)
        pending = Comment.objects.pending().count()
        if pending:
            component.label = f"{self.label} ({pending})"
        return component


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Bình luận")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "binh-luan"
    url_namespace = "comments_admin"
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    search_fields = ["name", "email", "body"]
    search_backend_name = None  # plain database search: no index to keep in sync
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        "excerpt",  # the title column: links to the edit view, carries the row's buttons
        ArticleColumn("page", label=_("Bài viết")),
        Column("name", label=_("Họ tên")),
        Column("email", label=_("Email")),
        Column("status", label=_("Trạng thái"), accessor="get_status_display"),
        Column("held_reason", label=_("Lý do giữ lại")),
        DateColumn("created_at", label=_("Thời gian gửi")),
    ]

    @property
    def menu_item_class(self):
        return PendingCountMenuItem

    @property
    def menu_url(self):
        return reverse(self.get_url_name("list")) + "?status=pending"

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/tra-loi/", self.reply_view, name="reply"),
        ]

    def reply_view(self, request, pk):
        return official_reply(request, pk, self)


def official_reply(request, pk, viewset):
    """Reply to a reader as "Ban biên tập": published at once, one level deep."""
    if not request.user.has_perm("comments.change_comment"):
        raise PermissionDenied
    comment = get_object_or_404(Comment.objects.select_related("page"), pk=pk)
    form = OfficialReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reply = moderation.post_official_reply(comment, form.cleaned_data["body"], request.user)
        messages.success(request, _("Đã đăng trả lời của Ban biên tập."))
        return redirect(reverse(viewset.get_url_name("list")) + f"?page_id={reply.page_id}")
    context = {
        "comment": comment,
        "form": form,
        "header_icon": "comment",
        "page_title": _("Trả lời với tư cách Ban biên tập"),
        "index_url": reverse(viewset.get_url_name("list")),
    }
    return TemplateResponse(request, "comments/admin/reply.html", context)


def listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Comment) and user.has_perm("comments.change_comment"):
        yield ListingButton(
            _("Trả lời (Ban biên tập)"),
            reverse("comments_admin:reply", args=[snippet.pk]),
            icon_name="comment",
            priority=5,
        )
        if snippet.status == Comment.Status.APPROVED:
            page = snippet.page.specific
            url = page.url
            if url:
                yield ListingButton(
                    _("Xem trên trang"),
                    f"{url}#binh-luan-{snippet.pk}",
                    icon_name="view",
                    priority=6,
                )


class _StatusBulkAction(ConfirmedBulkAction):
    """Approve / reject / mark as spam the selected comments."""

    models = [Comment]
    template_name = "comments/admin/confirm_bulk_status.html"
    permission = "comments.change_comment"
    confirm_icon = "comment"
    confirm_button_text = _("Có, thực hiện")
    new_status = None

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = moderation.set_status(objects, cls.new_status, user)
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d bình luận: %(action)s.",
            "%(count)d bình luận: %(action)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "action": self.done_label}


class ApproveBulkAction(_StatusBulkAction):
    display_name = _("Duyệt")
    done_label = _("đã duyệt")
    action_type = "approve"
    aria_label = _("Duyệt các bình luận đã chọn")
    action_priority = 10
    new_status = Comment.Status.APPROVED


class RejectBulkAction(_StatusBulkAction):
    display_name = _("Từ chối")
    done_label = _("đã từ chối")
    action_type = "reject"
    aria_label = _("Từ chối các bình luận đã chọn")
    action_priority = 20
    new_status = Comment.Status.REJECTED


class SpamBulkAction(_StatusBulkAction):
    display_name = _("Thư rác")
    done_label = _("đã đánh dấu thư rác")
    action_type = "spam"
    aria_label = _("Đánh dấu thư rác các bình luận đã chọn")
    action_priority = 25
    new_status = Comment.Status.SPAM


def article_comments_link(page):
    """Admin link to the comments of one article (page header/listing button)."""
    count = Comment.objects.filter(page_id=page.pk).count()
    label = _("Bình luận")
    return format_html("{} ({})", label, count), reverse("comments_admin:list") + (
        f"?page_id={page.pk}"
    )
