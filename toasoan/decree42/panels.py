"""The Decree 42 checklist on the admin dashboard."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from . import checklist
from .models import ChecklistSettings


class Decree42Panel(Component):
    name = "decree42_checklist"
    template_name = "decree42/panel.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        days = ChecklistSettings.load(request_or_site=request).stale_after_days
        rows = checklist.build(days)
        required = [r for r in rows if r.required]
        context.update(
            {
                "rows": rows,
                "stale_after_days": days,
                "problems": sum(r.status != checklist.OK for r in required),
                "required_count": len(required),
                "settings_url": _settings_url(request),
            }
        )
        return context


def _settings_url(request):
    if not request.user.has_perm("decree42.change_checklistsettings"):
        return ""
    return reverse("wagtailsettings:edit", args=["decree42", "checklistsettings"])
