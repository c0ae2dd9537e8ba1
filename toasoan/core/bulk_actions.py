"""``ConfirmedBulkAction``: a snippet bulk action of the portal's admin with its confirmation
page built on ``core/admin/bulk_confirm.html``.

    class RetryBulkAction(ConfirmedBulkAction):
        models = [OutboxMessage]
        display_name = _("Gửi lại ngay")
        action_type = "retry"
        aria_label = _("Gửi lại ngay các thư đã chọn")
        template_name = "outbox/confirm_retry.html"  # extends core/admin/bulk_confirm.html
        permission = "outbox.change_outboxmessage"
        confirm_button_text = _("Có, gửi lại")

``execute_action(objects, user=...)`` receives the user who confirmed.
"""

from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction


class ConfirmedBulkAction(SnippetBulkAction):
    permission = None  # "app.change_model": needed for every selected object
    confirm_icon = "mail"  # the header icon of the confirmation page
    confirm_button_text = None

    def check_perm(self, snippet):
        return self.request.user.has_perm(self.permission)

    def get_execution_context(self):
        return {"user": self.request.user}
