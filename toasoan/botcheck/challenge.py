"""Bot checks without third parties: ALTCHA proof of work and a no-JS image code.

The public functions here are what every public form uses (comments, questions, contact,
polls, consultation comments); most forms use them through ``toasoan.botcheck.forms``.

Both are single-use and expire. Their records live in the database (``models.Ticket``), which
every worker process and host shares: a solved ALTCHA challenge is *claimed* by inserting its
replay id (a second insert fails atomically) and an image code is deleted on its first
answer, right or wrong, so neither can be replayed or brute-forced, whichever worker the
form and the submission reach.

The ALTCHA challenges are signed with a key derived from ``settings.SECRET_KEY``: production
requires its own, and ``make run`` generates one under ``var/`` on first start
(toasoan/core/secret_key.py), so nobody can forge a challenge with a key read from git.
"""

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import json
import secrets
import unicodedata

from altcha_django.challenge import ChallengeConfig, build_challenge
from altcha_django.verifiers.local import LocalVerifier
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from . import image
from .conf import botcheck_setting

# A genuine payload is a few hundred characters of base64 JSON, a few levels deep.
MAX_PAYLOAD_CHARS = 4096
MAX_PAYLOAD_DEPTH = 5  # payload, challenge, parameters, data, value
_CLAIM_PREFIX = "a:"
_QUESTION_PREFIX = "q:"
_ASCII_DIGITS = "0123456789"


def _altcha_secret():
    return salted_hmac("toasoan.botcheck.altcha", "challenge", algorithm="sha256").hexdigest()


def new_altcha_challenge(profile=None, data=None):
    """A fresh signed ALTCHA v2 challenge, as the dict the widget expects.

    ``profile`` overrides the ``ALTCHA_CHALLENGE`` setting (algorithm, cost, key_prefix) for
    one kind of form (the poll vote uses a cheap-to-verify SHA-256 profile); ``data`` is
    signed into the challenge (``parameters.data``) and given back by ``altcha_solution``.
    """
    ttl = botcheck_setting("CHALLENGE_TTL_SECONDS")
    options = {**(profile or botcheck_setting("ALTCHA_CHALLENGE")), "expires_seconds": ttl}
    config = ChallengeConfig(**options)
    expires = dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=ttl)
    challenge = build_challenge(
        hmac_secret=_altcha_secret(), expires_at=expires, config=config, data=data
    )
    return challenge.to_dict()


def _depth(value, limit):
    """Nesting depth of decoded JSON, counted without recursion (stops past ``limit``)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            break
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            stack.extend((child, level + 1) for child in children)
    return deepest


def is_well_formed(payload):
    """Whether ``payload`` is the shape of an ALTCHA payload: short base64 of a JSON object
    nested no deeper than a real one. Checked before the library parses it: a deeply nested
    payload made its recursive code raise RecursionError (a 500, issue #23)."""
    if not isinstance(payload, str) or not payload or len(payload) > MAX_PAYLOAD_CHARS:
        return False
    try:
        raw = base64.b64decode(payload, validate=True)
        # A JSON array/object opening per level: refuse before json.loads recurses.
        if raw.count(b"[") + raw.count(b"{") > 64:
            return False
        decoded = json.loads(raw)
    except (binascii.Error, ValueError, RecursionError):
        return False
    return isinstance(decoded, dict) and _depth(decoded, MAX_PAYLOAD_DEPTH) <= MAX_PAYLOAD_DEPTH


@dataclasses.dataclass(frozen=True)
class Solution:
    """A verified (not yet claimed) ALTCHA solution: its single-use id, when it expires and
    the data this server signed into its challenge."""

    replay_id: str
    expires_at: dt.datetime
    data: dict


def altcha_solution(payload):
    """Verify an ALTCHA payload without claiming it: (None, Solution) when the work and the
    signature are right, else (error code, None) with the codes of ``verify_altcha``.

    For a form whose own single INSERT makes the solution single-use (the poll vote stores
    a key derived from ``replay_id`` under a unique constraint); every other form calls
    ``verify_altcha``, which claims the solution in the shared ticket table.
    """
    if not is_well_formed(payload):
        return "malformed", None
    try:
        result = LocalVerifier(hmac_secret=_altcha_secret()).verify(payload)
    except (ValueError, TypeError, KeyError, RecursionError, UnicodeError):
        return "malformed", None
    if not result.verified:
        return result.code or "invalid_solution", None
    if not result.replay_id:
        return "malformed", None
    expires = (
        dt.datetime.fromtimestamp(int(result.expires_at), dt.UTC)
        if result.expires_at
        else timezone.now() + dt.timedelta(seconds=botcheck_setting("CHALLENGE_TTL_SECONDS"))
    )
    # Verified: the parameters are the ones this server signed.
    params = json.loads(base64.b64decode(payload))["challenge"]["parameters"]
    data = params.get("data")
    return None, Solution(str(result.replay_id), expires, data if isinstance(data, dict) else {})


def verify_altcha(payload):
    """Verify and claim an ALTCHA payload. Returns None when it passes, else an error code:
    "malformed", "invalid_solution", "invalid_signature", "expired" or "replayed"."""
    code, solution = altcha_solution(payload)
    if code is not None:
        return code
    return None if claim(solution.replay_id, solution.expires_at) else "replayed"


def claim(replay_id, expires_at):
    """Record ``replay_id`` as used; True the first time, False ever after (until purged,
    which happens only once the challenge itself has expired)."""
    from .models import Ticket

    key = _CLAIM_PREFIX + hashlib.sha256(str(replay_id).encode()).hexdigest()
    try:
        with transaction.atomic():
            Ticket.objects.create(key=key, expires_at=expires_at)
    except IntegrityError:
        return False
    return True


def new_question():
    """A fresh no-JS image code: (question id, instruction text for the label). The image
    is at ``question_image_url(question_id)``."""
    from .models import Ticket

    question_id = secrets.token_urlsafe(16)
    ttl = botcheck_setting("CHALLENGE_TTL_SECONDS")
    Ticket.objects.create(
        key=_QUESTION_PREFIX + question_id,
        answer=image.new_code(),
        expires_at=timezone.now() + dt.timedelta(seconds=ttl),
    )
    return question_id, _("Nhập %(count)d chữ số trong hình") % {"count": image.CODE_LENGTH}


def question_image_url(question_id):
    return reverse("botcheck:image", args=[question_id])


def question_png(question_id):
    """The PNG of an unexpired, unused code, or None."""
    from .models import Ticket

    if not question_id or len(question_id) > 64:
        return None
    answer = (
        Ticket.objects.filter(key=_QUESTION_PREFIX + question_id, expires_at__gt=timezone.now())
        .values_list("answer", flat=True)
        .first()
    )
    if not answer:
        return None
    seed = salted_hmac("toasoan.botcheck.image", question_id, algorithm="sha256").hexdigest()
    return image.render_png(answer, seed=int(seed[:16], 16))


def check_question(question_id, answer):
    """True when ``answer`` holds the digits of the unexpired, unused code; the code is
    used up either way."""
    from .models import Ticket

    if not isinstance(question_id, str) or not question_id or len(question_id) > 64:
        return False
    key = _QUESTION_PREFIX + question_id
    expected = (
        Ticket.objects.filter(key=key, expires_at__gt=timezone.now())
        .values_list("answer", flat=True)
        .first()
    )
    # delete() reports whether this request removed the row, so two racing answers (on two
    # workers) cannot both win.
    deleted, _counts = Ticket.objects.filter(key=key).delete()
    if not expected or not deleted:
        return False
    return constant_time_compare(parse_digits(answer), expected)


def parse_digits(text):
    """The ASCII digits of ``text`` (full-width and other decimal digits folded; spaces
    and separators ignored): " 8 4-4 6 4 " → "84464"."""
    folded = unicodedata.normalize("NFKC", str(text or ""))[:40]
    digits = []
    for char in folded:
        if char in _ASCII_DIGITS:
            digits.append(char)
        elif unicodedata.category(char) == "Nd":
            digits.append(str(unicodedata.digit(char)))
    return "".join(digits)


def answer_for_tests(question_id):
    """The expected code of a question, for test suites of forms that use the bot check
    (a browser or a script outside the server has no way to read it)."""
    from .models import Ticket

    return (
        Ticket.objects.filter(key=_QUESTION_PREFIX + question_id)
        .values_list("answer", flat=True)
        .first()
    )


def purge_expired():
    """Delete expired tickets (a periodic job, botcheck/apps.py)."""
    from .models import Ticket

    deleted, _counts = Ticket.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
