"""Per-site settings editors change in the admin: masthead and footer details."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    agency_name = models.CharField(
        _("tên cơ quan"), max_length=255, default="Cổng thông tin điện tử Tòa soạn"
    )
    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    footer_note = models.TextField(
        _("ghi chú chân trang"),
        blank=True,
        help_text=_("Ví dụ: giấy phép hoạt động, người chịu trách nhiệm chính."),
    )

    class Meta:
        verbose_name = _("thông tin cơ quan")

    @classmethod
    def for_request(cls, request):
        """The site's identity, from the generation cache (toasoan/news/fragments.py): it is
        on every page, and changing it changes the generation (a watched model)."""
        from wagtail.models import Site

        from toasoan.news import fragments

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            # No Wagtail site yet (a fresh database before migrate's data, a flushed test
            # database): the defaults, never a 500 on every page.
            return cls()
        identity = fragments.cached(f"identity:{site.pk}", lambda: (cls.for_site(site), None))
        identity._request = request
        setattr(request, attr_name, identity)
        return identity
