"""Casting a vote: the hot path behind ``POST /binh-chon/<id>/bo-phieu/``.

Kept small on purpose (target ≥ 1,000 votes/s on 2 cores, docs/decisions/polls.md): the
poll's definition comes from process memory for a few seconds, the reader's signed cookie
answers "already voted" without the database, the bot check is a poll-bound SHA-256 ALTCHA
challenge verified in microseconds, and the ballot is ONE autocommitted
``INSERT … ON CONFLICT DO NOTHING`` whose unique constraints settle races between two tabs,
two processes, the same network within the IP window, and a replayed solution (the voter key
is derived from the solved challenge's single-use id, so the ballot row is also the claim:
one commit per vote instead of two).
"""

import base64
import dataclasses
import hashlib
import secrets
import time

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toasoan.botcheck import challenge as botcheck
from toasoan.botcheck.forms import BOT_ERROR_DEFAULT, BOT_ERRORS

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
        _RESULTS.clear()
    else:
        _DEFINITIONS.pop(poll_id, None)
        _RESULTS.pop(poll_id, None)
        cache.delete(f"toasoan:polls:results:{poll_id}")


_RESULTS = {}


def results(defn):
    """The public results: {"ballots": n, "choices": [{id, text, votes, percent}]}.

    Shared by every process through the cache for RESULTS_CACHE_SECONDS, so a burst of
    votes costs one GROUP BY per poll per interval rather than one per vote.
    """
    # In front of the shared cache, this process's copy for the same interval: a vote then
    # costs no cache round trip either.
    seconds = polls_setting("RESULTS_CACHE_SECONDS")
    now = time.monotonic()
    local = _RESULTS.get(defn.pk)
    if local and local[0] > now:
        return local[1]
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
        cache.set(key, payload, seconds)
    _RESULTS[defn.pk] = (now + seconds, payload)
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


def new_challenge(poll_id):
    """A vote challenge for this poll (the widget's ``challenge`` URL in a poll box)."""
    return botcheck.new_altcha_challenge(
        profile=polls_setting("VOTE_CHALLENGE"), data={"poll": str(poll_id)}
    )


def voter_key_for(replay_id):
    """The ballot's voter key derived from a solved challenge's single-use id (22 chars)."""
    digest = hashlib.sha256(f"toasoan.polls:{replay_id}".encode()).digest()
    return base64.urlsafe_b64encode(digest)[:22].decode()


def check_solution(defn, payload):
    """Verify the ALTCHA payload of a vote. Returns (voter key, claimed): a vote challenge
    of this poll is claimed by the ballot's own INSERT (claimed False, the key derived from
    it); a challenge of the shared endpoint (a page rendered before the vote challenge
    existed) is claimed in the bot check's ticket table (claimed True, a random key).
    Raises VoteRefused with the bot check's Vietnamese message."""
    code, solution = botcheck.altcha_solution(payload)
    if code is None:
        poll = solution.data.get("poll")
        if poll == str(defn.pk):
            return voter_key_for(solution.replay_id), False
        if poll is not None:
            code = "invalid_solution"  # solved for another poll
        elif not botcheck.claim(solution.replay_id, solution.expires_at):
            code = "replayed"
        else:
            return new_voter_key(), True
    raise VoteRefused(400, BOT_ERRORS.get(code, BOT_ERROR_DEFAULT), code)


def new_voter_key():
    return secrets.token_urlsafe(16)[:22]


def cast(defn, mask, ip_hash, voter_key=None, now=None):
    """Store one ballot; returns its voter key (for the cookie) or raises VoteRefused.

    One statement in autocommit: when it returns, the ballot is committed. ``ON CONFLICT DO
    NOTHING`` answers a duplicate with no row instead of an error, so the request never
    aborts a transaction, and the reason is looked up only then.
    """
    now = now or timezone.now()
    window = polls_setting("IP_WINDOW_SECONDS")
    voter_key = voter_key or new_voter_key()
    ip_window = int(now.timestamp()) // window if window and ip_hash else None
    table = connection.ops.quote_name(Ballot._meta.db_table)
    # The table name is the model's, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {table} "  # noqa: S608  # nosec B608 - table name from the model, values bound
        "(poll_id, mask, voter_key, ip_hash, ip_window, created_at) "
        "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id"
    )
    created = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [defn.pk, mask, voter_key, ip_hash, ip_window, created])
        stored = cursor.fetchone()
    if stored is None:
        if Ballot.objects.filter(poll_id=defn.pk, voter_key=voter_key).exists():
            # The same solved challenge again: a replay (or a retried request).
            raise VoteRefused(400, BOT_ERRORS["replayed"], "replayed")
        raise VoteRefused(
            409,
            _("Bạn đã bình chọn rồi. Mỗi người chỉ được bình chọn một lần."),
            "duplicate",
        )
    return voter_key
