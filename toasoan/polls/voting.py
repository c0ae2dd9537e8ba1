"""Casting a vote: the hot path behind ``POST /binh-chon/<id>/bo-phieu/``.

Kept small on purpose (target ≥ 1,000 votes/s on 2 cores): the poll's definition comes
from process memory for a few seconds, the reader's signed cookie answers "already voted"
without the database, and the ballot is one INSERT whose unique constraints settle races
between two tabs, two processes or a replayed request.
"""

import dataclasses
import secrets
import time

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conf import polls_setting
from .models import Ballot, Poll

COOKIE_SALT = "toasoan.polls.vote"


def cookie_name(poll_id):
    return f"binhchon_{poll_id}"


@dataclasses.dataclass(frozen=True)
class Definition:
    pk: int
    kind: str
    opens_at: object
    closes_at: object
    results_shown: str
    bits: dict  # choice pk -> bit
    choices: tuple  # ((pk, text, bit), …) in display order

    def state(self, now):
        if now < self.opens_at:
            return "upcoming"
        if self.closes_at is not None and now >= self.closes_at:
            return "closed"
        return "open"

    def results_public(self, has_voted, now=None):
        if self.state(now or timezone.now()) == "closed":
            return True
        return has_voted and self.results_shown == Poll.ResultsShown.AFTER_VOTE


_DEFINITIONS = {}


def definition(poll_id):
    """The poll's definition, kept in this process for DEFINITION_CACHE_SECONDS; None if
    there is no such poll."""
    cached = _DEFINITIONS.get(poll_id)
    now = time.monotonic()
    if cached and cached[0] > now:
        return cached[1]
    poll = Poll.objects.filter(pk=poll_id).first()
    if poll is None:
        return None
    found = Definition(
        pk=poll.pk,
        kind=poll.kind,
        opens_at=poll.opens_at,
        closes_at=poll.closes_at,
        results_shown=poll.results_shown,
        bits=dict(poll.choices.values_list("pk", "bit")),
        choices=tuple(poll.choices.values_list("pk", "text", "bit")),
    )
    _DEFINITIONS[poll_id] = (now + polls_setting("DEFINITION_CACHE_SECONDS"), found)
    return found


def forget(poll_id=None):
    """Drop cached definitions and results (after an edit in this process; tests)."""
    if poll_id is None:
        _DEFINITIONS.clear()
    else:
        _DEFINITIONS.pop(poll_id, None)
        cache.delete(f"toasoan:polls:results:{poll_id}")


def results(defn):
    """The public results: {"ballots": n, "choices": [{id, text, votes, percent}]}.

    Shared by every process through the cache for RESULTS_CACHE_SECONDS, so a burst of
    votes costs one GROUP BY per poll per interval rather than one per vote.
    """
    key = f"toasoan:polls:results:{defn.pk}"
    payload = cache.get(key)
    if payload is None:
        rows = Ballot.objects.filter(poll_id=defn.pk).values_list("mask").annotate(n=Count("id"))
        totals = {bit: 0 for _pk, _text, bit in defn.choices}
        ballots = 0
        for mask, n in rows:
            ballots += n
            for bit in totals:
                if mask >> bit & 1:
                    totals[bit] += n
        votes = sum(totals.values()) or 1
        payload = {
            "ballots": ballots,
            "choices": [
                {
                    "id": pk,
                    "text": text,
                    "votes": totals[bit],
                    "percent": round(100 * totals[bit] / votes, 1),
                }
                for pk, text, bit in defn.choices
            ],
        }
        cache.set(key, payload, polls_setting("RESULTS_CACHE_SECONDS"))
    return payload


class VoteRefused(Exception):
    def __init__(self, status, message, code):
        super().__init__(str(message))
        self.status, self.message, self.code = status, message, code


def check_open(defn, now=None):
    state = defn.state(now or timezone.now())
    if state == "upcoming":
        raise VoteRefused(403, _("Cuộc bình chọn chưa bắt đầu."), "upcoming")
    if state == "closed":
        raise VoteRefused(403, _("Cuộc bình chọn đã kết thúc, không nhận thêm phiếu."), "closed")


def mask_for(defn, raw_choices):
    """The ballot's bit mask from the submitted choice ids, or VoteRefused."""
    try:
        ids = {int(value) for value in raw_choices}
    except (TypeError, ValueError):
        raise VoteRefused(400, _("Phương án không hợp lệ."), "invalid_choice") from None
    if not ids:
        raise VoteRefused(400, _("Vui lòng chọn một phương án."), "no_choice")
    if defn.kind == Poll.Kind.SINGLE and len(ids) > 1:
        raise VoteRefused(400, _("Cuộc bình chọn này chỉ được chọn một phương án."), "too_many")
    if not ids <= defn.bits.keys():
        raise VoteRefused(400, _("Phương án không hợp lệ."), "invalid_choice")
    mask = 0
    for choice_id in ids:
        mask |= 1 << defn.bits[choice_id]
    return mask


def cast(defn, mask, ip_hash, now=None):
    """Store one ballot; returns the new voter key (for the cookie) or raises VoteRefused."""
    now = now or timezone.now()
    window = polls_setting("IP_WINDOW_SECONDS")
    voter_key = secrets.token_urlsafe(16)[:22]
    ballot = Ballot(
        poll_id=defn.pk,
        mask=mask,
        voter_key=voter_key,
        ip_hash=ip_hash,
        ip_window=int(now.timestamp()) // window if window and ip_hash else None,
        created_at=now,
    )
    try:
        if connection.in_atomic_block:
            with transaction.atomic():  # a savepoint: the outer transaction survives
                Ballot.objects.bulk_create([ballot])
        else:
            # Autocommit: one INSERT, one round trip; bulk_create skips model signals (no
            # page-cache purge per vote).
            Ballot.objects.bulk_create([ballot])
    except IntegrityError:
        raise VoteRefused(
            409,
            _("Bạn đã bình chọn rồi. Mỗi người chỉ được bình chọn một lần."),
            "duplicate",
        ) from None
    return voter_key
