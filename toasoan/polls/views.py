"""Reader endpoints of Bình chọn. None of them is cached and none is called when an article
loads: the poll in a cached article is plain HTML that posts here when the reader votes.

- ``POST /binh-chon/<id>/bo-phieu/``: the vote (JSON for the page script, or a redirect to
  the results page for a plain HTML form post). Without a bot-check proof a plain post gets
  the confirmation page with the no-JS question, the choices kept.
- ``GET /binh-chon/<id>/thu-thach/``: a vote challenge bound to this poll (the widget's).
- ``GET /binh-chon/<id>/``: the poll with the form or the results, as the editor chose.
- ``GET /binh-chon/``: all polls.
"""

import logging

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from toasoan.botcheck.conf import botcheck_setting
from toasoan.botcheck.forms import BotCheckForm
from toasoan.questions import submission

from . import voting
from .conf import polls_setting
from .models import Poll

logger = logging.getLogger(__name__)


def has_voted(request, poll_id):
    value = request.get_signed_cookie(
        voting.cookie_name(poll_id), default=None, salt=voting.COOKIE_SALT
    )
    return bool(value)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def results_payload(poll):
    return voting.results(voting.definition(poll.pk))


@never_cache
@require_GET
def challenge(request, pk):
    """A fresh vote challenge for this poll (the poll box's ALTCHA widget asks for it when
    the reader votes; the cached article itself never calls it)."""
    if not botcheck_setting("ALTCHA_ENABLED") or voting.definition(pk) is None:
        raise Http404
    return JsonResponse(voting.new_challenge(pk))


@never_cache
@csrf_exempt  # the cached article carries no token; the bot check guards the vote
@require_POST
def vote(request, pk):
    refused = submission.refuse_body(request, polls_setting("MAX_REQUEST_BYTES"))
    if refused:
        return _refuse(request, pk, *refused)
    defn = voting.definition(pk)
    if defn is None:
        raise Http404
    payload = request.POST.get("altcha", "")
    voter_key = None
    try:
        voting.check_open(defn)
        if has_voted(request, pk):
            raise voting.VoteRefused(
                409, _("Bạn đã bình chọn rồi. Mỗi người chỉ được bình chọn một lần."), "duplicate"
            )
        mask = voting.mask_for(defn, request.POST.getlist("choice"))
        if payload and botcheck_setting("ALTCHA_ENABLED"):
            voter_key, _claimed = voting.check_solution(defn, payload)
    except voting.VoteRefused as refusal:
        return _refuse(request, pk, refusal.status, refusal.message)
    if voter_key is None:
        # No ALTCHA payload: the no-JS image code (a plain form post).
        form = BotCheckForm(request.POST)
        if not (form.is_valid() and form.check_bot()):
            message = _("Vui lòng xác minh bạn không phải người máy rồi bình chọn lại.")
            if _wants_json(request):
                errors = [str(e) for errors in form.errors.values() for e in errors]
                return JsonResponse(
                    {"ok": False, "message": errors[0] if errors else message}, status=400
                )
            return _confirm_page(request, pk, form, status=400)
    try:
        voter_key = voting.cast(defn, mask, submission.request_ip_hash(request), voter_key)
    except voting.VoteRefused as refusal:
        return _refuse(request, pk, refusal.status, refusal.message)
    if _wants_json(request):
        body = {"ok": True, "message": _("Cảm ơn bạn đã bình chọn.")}
        if defn.results_public(has_voted=True):
            body["results"] = voting.results(defn)
        else:
            body["note"] = _("Kết quả sẽ được công bố sau khi kết thúc bình chọn.")
        response = JsonResponse(body, status=201)
    else:
        response = redirect(reverse("polls:detail", args=[pk]) + "?da-binh-chon=1")
    response.set_signed_cookie(
        voting.cookie_name(pk),
        voter_key,
        salt=voting.COOKIE_SALT,
        max_age=polls_setting("COOKIE_MAX_AGE"),
        path="/binh-chon/",
        httponly=True,
        samesite="Lax",
    )
    return response


def _refuse(request, pk, status, message):
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": str(message)}, status=status)
    poll = Poll.objects.filter(pk=pk).first()
    return render(request, "polls/refused.html", {"poll": poll, "message": message}, status=status)


def _confirm_page(request, pk, form, status):
    poll = get_object_or_404(Poll, pk=pk)
    chosen = {value for value in request.POST.getlist("choice")}
    context = {"poll": poll, "form": form, "chosen": chosen, "confirm": True}
    return render(request, "polls/detail.html", context, status=status)


@never_cache
@require_GET
def detail(request, pk):
    poll = get_object_or_404(Poll.objects.prefetch_related("choices"), pk=pk)
    if poll.state() == "upcoming":
        raise Http404
    voted = has_voted(request, pk)
    context = {
        "poll": poll,
        "voted": voted,
        "just_voted": request.GET.get("da-binh-chon") == "1" and voted,
        "open": poll.is_open(),
        "form": BotCheckForm(),
        "chosen": set(),
    }
    if poll.results_public(voted):
        context["results"] = results_payload(poll)
    return render(request, "polls/detail.html", context)


@require_GET
def poll_list(request):
    now = timezone.now()
    polls = Poll.objects.filter(opens_at__lte=now).order_by("-opens_at")[:50]
    return render(request, "polls/list.html", {"polls": polls, "now": now})
