"""Newsroom models: per-section role groups, the section approval task, the scheduler lock,
and the editor-managed main menu and footer links."""

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import AbstractGroupApprovalTask, Orderable, Page
from wagtail.permission_policies.pages import PagePermissionPolicy


class SectionRoleGroup(models.Model):
    """Links a section to the group that holds one role's page permissions on it.

    The link (not the group name) is what the code trusts, so renaming a section or a
    group never breaks who may edit what.
    """

    class Role(models.TextChoices):
        REPORTER = "phongvien", _("Phóng viên")
        EDITOR = "bientapvien", _("Biên tập viên")

    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("chuyên mục"),
        on_delete=models.CASCADE,
        related_name="role_groups",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    group = models.OneToOneField(
        Group, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="section_role"
    )

    class Meta:
        verbose_name = _("nhóm vai trò theo chuyên mục")
        verbose_name_plural = _("nhóm vai trò theo chuyên mục")
        constraints = [
            models.UniqueConstraint(fields=["section", "role"], name="newsroom_section_role")
        ]

    def __str__(self):
        return self.group.name


class SectionApprovalTask(AbstractGroupApprovalTask):
    """A group approval that also requires edit rights on the page's section.

    Wagtail's GroupApprovalTask lets any member of the group approve any page; an editor of
    "Thời sự" must not approve an article of "Kinh tế", so each check also asks the page
    permission policy whether the user may edit that page.
    """

    class Meta:
        verbose_name = _("duyệt theo chuyên mục")
        verbose_name_plural = _("duyệt theo chuyên mục")

    @classmethod
    def get_description(cls):
        return _(
            "Thành viên các nhóm đã chọn duyệt được bài, nhưng chỉ bài trong chuyên mục "
            "mà họ có quyền sửa."
        )

    def _can_edit(self, obj, user):
        if user.is_superuser:
            return True
        if isinstance(obj, Page):
            # The policy, not page.permissions_for_user().can_edit(): can_edit() asks the
            # current task, which would ask us again.
            return PagePermissionPolicy().user_has_permission_for_instance(user, "change", obj)
        return True

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and self._can_edit(obj, user)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not self._can_edit(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and self._can_edit(obj, user)

    def get_actions(self, obj, user):
        if not self._can_edit(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        editable = (
            PagePermissionPolicy()
            .instances_user_has_permission_for(user, "change")
            .annotate(pk_text=Cast("pk", CharField()))
            .values("pk_text")
        )
        return states.filter(workflow_state__object_id__in=editable)

    def on_action(self, task_state, user, action_name, **kwargs):
        # The admin only offers the buttons to allowed users; this guards direct POSTs.
        obj = task_state.workflow_state.content_object
        if not self._can_edit(obj, user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if action_name == "approve" and self.approval_publishes(task_state):
            refused = self.refuse_publishing(obj, user)
            if refused:
                return refused
        return super().on_action(task_state, user, action_name, **kwargs)

    def approval_publishes(self, task_state):
        """Whether approving this step ends the workflow, i.e. publishes the page."""
        from wagtail.models import Task

        workflow_state = task_state.workflow_state
        remaining = (
            Task.objects.filter(workflow_tasks__workflow=workflow_state.workflow, active=True)
            .exclude(task_states__in=workflow_state.successful_task_states)
            .exclude(pk=self.pk)
        )
        return not remaining.exists()

    def refuse_publishing(self, obj, user):
        """The same alt-text rule as publishing from the editor (``before_publish_page``):
        when the revision the approval would publish shows an image without alt text, the
        task is left in progress and the URL of a page that says why (in Vietnamese) is
        returned; the edit view, which ignores that URL, reads the note left on the user."""
        from django.urls import reverse

        from .media import images_missing_alt_text

        if not isinstance(obj, Page):
            return None
        revision = obj.get_latest_revision()
        latest = revision.as_object() if revision is not None else obj.specific
        missing = images_missing_alt_text(latest)
        if not missing:
            return None
        user.newsroom_publish_refused = {"page": obj.pk, "titles": [i.title for i in missing]}
        return reverse("newsroom_approval_refused", args=[obj.pk])


class LinkFields(models.Model):
    """A link to a page of the site or to an outside address."""

    title = models.CharField(
        _("tên hiển thị"), max_length=255, blank=True, help_text=_("Để trống để dùng tên trang.")
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("địa chỉ ngoài"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError(_("Chọn một trang hoặc nhập một địa chỉ ngoài (chỉ một)."))
        if self.link_url and not self.title:
            raise ValidationError({"title": _("Liên kết ngoài cần có tên hiển thị.")})

    @property
    def label(self):
        if self.title:
            return self.title
        return self.link_page.title if self.link_page_id else self.link_url

    def url_for(self, request=None):
        if self.link_page_id:
            return self.link_page.get_url(request=request) or ""
        return self.link_url


@register_setting(icon="list-ul")
class MainMenu(BaseSiteSetting, ClusterableModel):
    """The main menu editors arrange: top-level items, each with optional sub-items."""

    panels = [InlinePanel("items", label=_("Mục menu"), heading=_("Các mục menu"))]

    class Meta:
        verbose_name = _("menu chính")

    def top_items(self):
        return [item for item in self.items.all() if item.parent_key == ""]


class MainMenuItem(Orderable, LinkFields):
    """One menu entry. Sub-items name their parent's key: two levels, ordered by drag-and-drop."""

    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(
        _("mã mục"),
        max_length=50,
        blank=True,
        help_text=_("Đặt mã (ví dụ: tin-tuc) để các mục con có thể nằm dưới mục này."),
    )
    parent_key = models.SlugField(
        _("nằm dưới mục"),
        max_length=50,
        blank=True,
        help_text=_("Mã của mục cha; để trống nếu là mục cấp một."),
    )

    panels = [
        MultiFieldPanel(LinkFields.panels, heading=_("Liên kết")),
        FieldPanel("key"),
        FieldPanel("parent_key"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mục menu")
        verbose_name_plural = _("mục menu")


@register_setting(icon="link")
class FooterLinks(BaseSiteSetting, ClusterableModel):
    """ "Liên kết website": links to other agencies, shown in the footer."""

    heading = models.CharField(
        _("tiêu đề khối"), max_length=100, default="Liên kết website", blank=True
    )

    panels = [FieldPanel("heading"), InlinePanel("links", label=_("Liên kết"))]

    class Meta:
        verbose_name = _("liên kết chân trang")


class FooterLink(Orderable, LinkFields):
    footer = ParentalKey(FooterLinks, on_delete=models.CASCADE, related_name="links")

    class Meta(Orderable.Meta):
        verbose_name = _("liên kết")
        verbose_name_plural = _("liên kết")


__all__ = [
    "FooterLink",
    "FooterLinks",
    "MainMenu",
    "MainMenuItem",
    "SectionApprovalTask",
    "SectionRoleGroup",
]
