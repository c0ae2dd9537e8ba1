"""The queue in the Wagtail admin (Cài đặt → Hàng đợi thư): what was sent, what waits, why
a message failed; "Gửi lại ngay" puts messages back at the front of the queue."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from toasoan.core.bulk_actions import ConfirmedBulkAction

from .models import OutboxMessage
from .sending import retry_now


class OutboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=OutboxMessage.Status.choices, empty_label=_("Tất cả")
    )

    class Meta:
        model = OutboxMessage
        fields = ["status"]


class OutboxViewSet(SnippetViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = _("Hàng đợi thư")
    add_to_settings_menu = True
    url_prefix = "hang-doi-thu"
    url_namespace = "outbox_admin"
    filterset_class = OutboxFilterSet
    search_fields = ["to", "subject"]
    search_backend_name = None
    inspect_view_enabled = True
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        "subject",
        Column("to", label=_("Người nhận")),
        Column("status", label=_("Trạng thái"), accessor="get_status_display"),
        Column("attempts", label=_("Số lần thử")),
        Column("last_error", label=_("Lỗi gần nhất")),
        DateColumn("created_at", label=_("Thời gian tạo")),
        DateColumn("sent_at", label=_("Thời gian gửi")),
    ]


class RetryBulkAction(ConfirmedBulkAction):
    models = [OutboxMessage]
    display_name = _("Gửi lại ngay")
    action_type = "retry"
    aria_label = _("Gửi lại ngay các thư đã chọn")
    template_name = "outbox/confirm_retry.html"
    permission = "outbox.change_outboxmessage"
    confirm_button_text = _("Có, gửi lại")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return retry_now(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d thư sẽ được gửi lại.", "%(count)d thư sẽ được gửi lại.", num_parent_objects
        ) % {"count": num_parent_objects}


register_snippet(OutboxViewSet)
hooks.register("register_bulk_action", RetryBulkAction)
