"""The client's IP address, one rule for the whole site.

REMOTE_ADDR, or the address ``TOASOAN_COMMENTS["TRUSTED_PROXY_COUNT"]`` hops from the right
of X-Forwarded-For when the site runs behind that many proxies (nginx): the proxies append
what they saw, so the entries further left are whatever the client typed and are never
trusted. Used by login throttling (toasoan.security), comments and every rate limit; it
imports neither, so none of them imports another for it (the former loop comments →
security → comments).
"""

from django.conf import settings
from django.utils.crypto import salted_hmac


def trusted_proxy_count():
    options = getattr(settings, "TOASOAN_COMMENTS", {}) or {}
    return int(options.get("TRUSTED_PROXY_COUNT", 0) or 0)


def client_ip(request):
    """The client's address as a string ("" when unknown)."""
    proxies = trusted_proxy_count()
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:45]
    return request.META.get("REMOTE_ADDR", "")[:45]


def hash_ip(ip):
    """Keyed hash of an IP address: comparable for rate limits, useless if leaked.

    The key salt predates this module (comments were first to hash addresses): keeping it
    keeps the hashes already stored comparable with new ones.
    """
    if not ip:
        return ""
    return salted_hmac("toasoan.comments.ip", ip, algorithm="sha256").hexdigest()
