"""Editors maintain units and people under "Cơ cấu tổ chức" in the admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Person, Unit


class PersonForm(WagtailAdminModelForm):
    """A person must belong to a unit: without one the chart and the contacts cannot list them."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("positions")
        # Counted from the submitted rows, valid or not: the message must appear even when a
        # row has its own error (the formset's own min-count message is generic English).
        kept = [
            form
            for form in (formset.forms if formset is not None else [])
            if (form.has_changed() or form.instance.pk)
            and not form.data.get(f"{form.prefix}-DELETE")
        ]
        if formset is not None and not kept:
            self.add_error(
                None,
                _(
                    "Cán bộ chưa thuộc đơn vị nào: hãy thêm ít nhất một chức vụ, chọn đơn vị "
                    "và ghi tên chức vụ."
                ),
            )
        return cleaned


Person.base_form_class = PersonForm


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Đơn vị")
    list_display = ["name", "parent", "phone", "updated_at"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("parent"), FieldPanel("sort_order")]),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Liên hệ"),
        ),
        FieldPanel("duties"),
        MultiFieldPanel(
            [FieldPanel("name_en"), FieldPanel("duties_en")], heading=_("Bản tiếng Anh")
        ),
    ]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Cán bộ, lãnh đạo")
    list_display = ["full_name", "phone", "email", "updated_at"]
    search_fields = ["full_name"]
    panels = [
        FieldPanel("full_name"),
        FieldPanel("slug"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("bio_en"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        InlinePanel(
            "positions",
            heading=_("Chức vụ (kể cả chức vụ đã thôi giữ)"),
            label=_("Chức vụ"),
            panels=[
                FieldPanel("unit"),
                FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
                FieldPanel("role"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
        ),
    ]


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Cơ cấu tổ chức")
    menu_icon = "group"
    menu_order = 250
    items = (UnitViewSet, PersonViewSet)


register_snippet(OrganisationGroup)
