from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class StandardPage(Page):
    """A plain page such as "Giới thiệu" or "Liên hệ"."""

    body = RichTextField(_("nội dung"), blank=True)

    parent_page_types = ["news.HomePage", "news.StandardPage"]
    subpage_types = ["news.StandardPage"]

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("trang tĩnh")
        verbose_name_plural = _("trang tĩnh")
