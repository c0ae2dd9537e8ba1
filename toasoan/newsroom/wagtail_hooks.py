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


def _alt_text_message(titles, approving=False):
    from django.utils.translation import gettext as _

    names = ", ".join(f"“{title}”" for title in titles)
    if approving:
        return _(
            "Chưa duyệt đăng: ảnh %(titles)s chưa có văn bản thay thế. Hãy bổ sung trong Thư "
            "viện ảnh rồi duyệt lại."
        ) % {"titles": names}
    return _(
        "Chưa đăng: ảnh %(titles)s chưa có văn bản thay thế. Hãy bổ sung trong Thư viện ảnh."
    ) % {"titles": names}


@hooks.register("before_publish_page")
def refuse_images_without_alt_text(request, page):
    """Publishing an article whose images have no alt text stops with a clear message.

    The draft is already saved as a revision when this hook runs, so nothing is lost.
    """
    from django.shortcuts import redirect
    from django.urls import reverse
    from wagtail.admin import messages

    from .media import images_missing_alt_text

    missing = images_missing_alt_text(page.specific)
    if not missing:
        return None
    messages.error(request, _alt_text_message([image.title for image in missing]))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def approval_refused(request, page_id):
    """Where a refused final approval lands (from the workflow action modal): the reason,
    in Vietnamese, then the article's edit page. See SectionApprovalTask.refuse_publishing."""
    from django.shortcuts import get_object_or_404, redirect
    from django.urls import reverse
    from wagtail.admin import messages
    from wagtail.models import Page

    from .media import images_missing_alt_text

    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    latest = page.get_latest_revision_as_object()
    missing = images_missing_alt_text(latest)
    if missing:
        messages.error(
            request, _alt_text_message([image.title for image in missing], approving=True)
        )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("register_admin_urls")
def newsroom_admin_urls():
    from django.urls import path

    return [
        path(
            "toa-soan/chua-duyet-dang/<int:page_id>/",
            approval_refused,
            name="newsroom_approval_refused",
        )
    ]


@hooks.register("after_edit_page")
def report_refused_approval(request, page):
    """ "Save and approve" from the edit view: the edit is saved, the approval was refused by
    the task (images without alt text); say so and stay on the article."""
    from django.shortcuts import redirect
    from django.urls import reverse
    from wagtail.admin import messages

    refused = getattr(request.user, "newsroom_publish_refused", None)
    if not refused or refused["page"] != page.pk:
        return None
    messages.error(request, _alt_text_message(refused["titles"], approving=True))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
