"""Bình chọn in the admin: polls with their choices, live counts and the XLSX export."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from toasoan.questions.admin_views import xlsx_response

from . import voting
from .models import Ballot, Poll


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = gettext_lazy("Bình chọn")
    menu_order = 270
    add_to_admin_menu = True
    url_prefix = "binh-chon"
    url_namespace = "polls_admin"
    ordering = ["-opens_at"]
    list_display = [
        "question",
        Column("kind", label=gettext_lazy("Kiểu"), accessor="get_kind_display"),
        DateColumn("opens_at", label=gettext_lazy("Bắt đầu")),
        DateColumn("closes_at", label=gettext_lazy("Kết thúc")),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/ket-qua/", results_view, name="results"),
            path("<int:pk>/xuat-excel/", export_view, name="export"),
        ]


register_snippet(PollViewSet)


@hooks.register("register_snippet_listing_buttons")
def _buttons(snippet, user, next_url=None):
    if isinstance(snippet, Poll):
        yield ListingButton(
            _("Kết quả trực tiếp"),
            reverse("polls_admin:results", args=[snippet.pk]),
            icon_name="view",
            priority=5,
        )


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
def _forget(request, instance):
    if isinstance(instance, Poll):
        voting.forget(instance.pk)


def _require(request):
    if not request.user.has_perm("polls.view_poll") and not request.user.has_perm(
        "polls.change_poll"
    ):
        raise PermissionDenied


def results_view(request, pk):
    """Live counts for editors, whatever the public visibility (refreshes every 10 s)."""
    _require(request)
    poll = get_object_or_404(Poll, pk=pk)
    counts, ballots = poll.counts()
    total = sum(n for _c, n in counts) or 1
    rows = [(c.text, n, round(100 * n / total, 1)) for c, n in counts]
    context = {
        "poll": poll,
        "rows": rows,
        "ballots": ballots,
        "state": poll.state(),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "polls/admin_results.html", context)


def votes_per_day(poll):
    """[(date, ballots, [votes per choice])] in Vietnam time, oldest first."""
    choices = list(poll.choices.all())
    rows = (
        Ballot.objects.filter(poll=poll)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "mask")
        .annotate(n=Count("id"))
        .order_by("day")
    )
    days = {}
    for row in rows:
        entry = days.setdefault(row["day"], [0, [0] * len(choices)])
        entry[0] += row["n"]
        for position, choice in enumerate(choices):
            if row["mask"] >> choice.bit & 1:
                entry[1][position] += row["n"]
    return choices, [(day, total, per) for day, (total, per) in sorted(days.items())]


def export_view(request, pk):
    _require(request)
    poll = get_object_or_404(Poll, pk=pk)
    choices, days = votes_per_day(poll)
    headers = [_("Ngày"), _("Số phiếu")] + [c.text for c in choices]
    rows = [
        [day.strftime("%d/%m/%Y") if isinstance(day, dt.date) else day, total, *per]
        for day, total, per in days
    ]
    counts, ballots = poll.counts()
    rows.append([_("Tổng cộng"), ballots, *[n for _c, n in counts]])
    return xlsx_response(_("Bình chọn"), headers, rows, f"binh-chon-{poll.pk}.xlsx")
