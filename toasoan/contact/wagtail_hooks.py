"""Liên hệ in the admin: the messages (mới / đã xử lý) and the topics with their emails."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from toasoan.core.bulk_actions import ConfirmedBulkAction

from .models import ContactMessage, ContactTopic


class MessageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=ContactMessage.Status.choices, empty_label=_("Tất cả")
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Chủ đề"), queryset=ContactTopic.objects.all(), empty_label=_("Tất cả")
    )

    class Meta:
        model = ContactMessage
        fields = ["status", "topic"]


class MessageViewSet(SnippetViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Thư liên hệ")
    url_prefix = "lien-he/thu"
    url_namespace = "contact_messages"
    filterset_class = MessageFilterSet
    search_fields = ["name", "email", "subject", "body"]
    search_backend_name = None
    inspect_view_enabled = True
    ordering = ["-created_at"]
    list_display = [
        "subject",
        Column("topic", label=_("Chủ đề")),
        Column("name", label=_("Họ tên")),
        Column("email", label=_("Email")),
        Column("status", label=_("Trạng thái"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Thời gian gửi")),
    ]
    form_fields = ["status"]


class TopicViewSet(SnippetViewSet):
    model = ContactTopic
    icon = "tag"
    menu_label = _("Chủ đề liên hệ")
    url_prefix = "lien-he/chu-de"
    url_namespace = "contact_topics"
    list_display = ["name", "email"]


class ContactGroup(SnippetViewSetGroup):
    items = (MessageViewSet, TopicViewSet)
    menu_icon = "mail"
    menu_label = _("Liên hệ")
    menu_name = "lien-he"
    menu_order = 265


register_snippet(ContactGroup)


class MarkHandledBulkAction(ConfirmedBulkAction):
    models = [ContactMessage]
    display_name = _("Đánh dấu đã xử lý")
    action_type = "mark_handled"
    aria_label = _("Đánh dấu đã xử lý các thư đã chọn")
    template_name = "contact/confirm_handled.html"
    permission = "contact.change_contactmessage"
    confirm_button_text = _("Có, đánh dấu")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        ids = [o.pk for o in objects]
        count = ContactMessage.objects.filter(pk__in=ids, status=ContactMessage.Status.NEW).update(
            status=ContactMessage.Status.HANDLED, handled_at=timezone.now(), handled_by=user
        )
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d thư đã được đánh dấu đã xử lý.",
            "%(count)d thư đã được đánh dấu đã xử lý.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


hooks.register("register_bulk_action", MarkHandledBulkAction)
