"""Bot checks without third parties: ALTCHA proof of work and a no-JS question.

The public functions here are what every public form uses (comments, questions, contact,
polls, consultation comments); most forms use them through ``toasoan.botcheck.forms``.

Both are single-use and expire: a solved ALTCHA challenge is claimed in the cache
(``cache.add``, atomic in Redis and LocMem) and a question is deleted on its first answer,
right or wrong, so neither can be replayed or brute-forced.
"""

import datetime as dt
import secrets

from altcha_django.challenge import ChallengeConfig, build_challenge
from altcha_django.replay import ReplayProtector
from altcha_django.verifiers.local import LocalVerifier
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from toasoan.vi.text import fold_accents

from .conf import botcheck_setting

_QUESTION_PREFIX = "toasoan:botcheck:question:"
# Vietnamese number words 0-10; "lăm"/"nhăm" (5) and "mốt"/"tư" appear after "mười".
_DIGIT_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
_FOLDED_UNITS = {
    **{fold_accents(word): n for n, word in enumerate(_DIGIT_WORDS[:10])},
    "mot": 1,
    "tu": 4,
    "lam": 5,
    "nham": 5,
    "linh": 0,
    "le": 0,
}


def _altcha_secret():
    return salted_hmac("toasoan.botcheck.altcha", "challenge", algorithm="sha256").hexdigest()


def new_altcha_challenge():
    """A fresh signed ALTCHA v2 challenge, as the dict the widget expects."""
    ttl = botcheck_setting("CHALLENGE_TTL_SECONDS")
    config = ChallengeConfig(**{**botcheck_setting("ALTCHA_CHALLENGE"), "expires_seconds": ttl})
    expires = dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=ttl)
    challenge = build_challenge(hmac_secret=_altcha_secret(), expires_at=expires, config=config)
    return challenge.to_dict()


def verify_altcha(payload):
    """Verify and claim an ALTCHA payload. Returns None when it passes, else an error code:
    "malformed", "invalid_solution", "invalid_signature", "expired" or "replayed"."""
    result = LocalVerifier(hmac_secret=_altcha_secret()).verify(payload)
    if not result.verified:
        return result.code or "invalid_solution"
    if not result.replay_id:
        return "malformed"
    claimed = ReplayProtector(key_prefix="toasoan:botcheck:altcha:").register(
        result.replay_id, expires_at=result.expires_at
    )
    return None if claimed else "replayed"


def new_question():
    """A small sum in Vietnamese words: (question id, "Bảy cộng hai bằng mấy?")."""
    a = 1 + secrets.randbelow(9)
    b = 1 + secrets.randbelow(9)
    question_id = secrets.token_urlsafe(16)
    cache.set(_QUESTION_PREFIX + question_id, a + b, botcheck_setting("CHALLENGE_TTL_SECONDS"))
    text = f"{_DIGIT_WORDS[a].capitalize()} cộng {_DIGIT_WORDS[b]} bằng mấy?"
    return question_id, text


def check_question(question_id, answer):
    """True when ``answer`` solves the unexpired, unused question; it is used up either way."""
    if not question_id or len(question_id) > 64:
        return False
    key = _QUESTION_PREFIX + question_id
    expected = cache.get(key)
    # delete() reports whether this request removed the key, so two racing answers
    # cannot both win.
    if expected is None or not cache.delete(key):
        return False
    return parse_number(answer) == expected


def parse_number(text):
    """Parse "9", "chín", "mười lăm" or "muoi lam" into an int (0-99); None otherwise."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return int(text)
    words = (fold_accents(text) or "").lower().replace("-", " ").split()
    if not words or len(words) > 3:
        return None
    if words[0] == "muoi":
        rest = words[1:]
        if not rest:
            return 10
        unit = _FOLDED_UNITS.get(rest[0])
        return 10 + unit if unit is not None and len(rest) == 1 else None
    if len(words) == 1:
        return _FOLDED_UNITS.get(words[0])
    tens = _FOLDED_UNITS.get(words[0])
    if tens and words[1] == "muoi":
        unit = _FOLDED_UNITS.get(words[2], None) if len(words) == 3 else 0
        return tens * 10 + unit if unit is not None else None
    return None
