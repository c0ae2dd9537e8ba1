"""Admin hooks: the newsroom dashboard panel and its stylesheet."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .dashboard import NewsroomOverviewPanel


@hooks.register("construct_homepage_panels")
def add_newsroom_panels(request, panels):
    panels.insert(0, NewsroomOverviewPanel())


@hooks.register("insert_global_admin_css")
def newsroom_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("newsroom/admin.css"))


@hooks.register("before_publish_page")
def refuse_images_without_alt_text(request, page):
    """Publishing an article whose images have no alt text stops with a clear message.

    The draft is already saved as a revision when this hook runs, so nothing is lost.
    """
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail.admin import messages

    from .media import images_missing_alt_text

    missing = images_missing_alt_text(page.specific)
    if not missing:
        return None
    titles = ", ".join(f"“{image.title}”" for image in missing)
    messages.error(
        request,
        _("Chưa đăng: ảnh %(titles)s chưa có văn bản thay thế. Hãy bổ sung trong Thư viện ảnh.")
        % {"titles": titles},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
