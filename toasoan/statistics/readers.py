"""Who is a reader, and what we keep of one: nothing personal.

Rules (docs/statistics.md):

* **Bots** are excluded by User-Agent: an empty one, or one matching ``BOT_PATTERN`` (search
  engines, crawlers, link previews, monitoring, command-line HTTP clients, headless browsers).
* **Staff** are excluded by credentials: a request carrying the Django session cookie or an
  Authorization header is never counted. Anonymous readers never receive a session cookie on
  this site, so this excludes exactly the people logged in to the admin (and their previews).
* Only successful (200) GETs of HTML pages outside ``IGNORE_PREFIXES`` are views.

What is kept: the path, the referring *domain* (not the URL), a device class
(phone/tablet/desktop) and, for "online now" and flood protection only, an opaque visitor id:
a keyed hash of (salt of the day, address, User-Agent). The salt is random, lives in one file
under the spool directory and is deleted after two days, so yesterday's ids cannot be
recomputed from an address; ids are never written to the database and the spool files that
carry them are deleted within minutes. No IP address is stored anywhere by this app.
"""

import datetime as dt
import hashlib
import os
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings

from .conf import spool_dir

BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"monitor|pingdom|uptime|lighthouse|pagespeed|headless|phantomjs|curl/|wget/|"
    r"python-|python/|httpx|aiohttp|go-http-client|java/|okhttp|libwww|axios|node-fetch|"
    r"scrapy|feedfetcher|feed|rss|wrk|ab/|apachebench|siege|locust|k6/",
    re.IGNORECASE,
)
_TABLET = re.compile(r"ipad|tablet|kindle|silk/|playbook|(android(?!.*mobile))", re.IGNORECASE)
_PHONE = re.compile(r"mobi|iphone|ipod|android.*mobile|windows phone|opera mini", re.IGNORECASE)

PHONE, TABLET, DESKTOP = "phone", "tablet", "desktop"


def is_bot(user_agent):
    return not user_agent or BOT_PATTERN.search(user_agent) is not None


def device_class(user_agent):
    if _TABLET.search(user_agent or ""):
        return TABLET
    if _PHONE.search(user_agent or ""):
        return PHONE
    return DESKTOP


def referrer_domain(referer, own_host=""):
    """The referring site's host name (``www.`` dropped); "" for none, our own site or junk."""
    if not referer:
        return ""
    try:
        host = (urlsplit(referer).hostname or "").lower()
    except ValueError:
        return ""
    if host.startswith("www."):
        host = host[4:]
    own = (own_host or "").split(":")[0].lower().removeprefix("www.")
    if not host or host == own or len(host) > 253:
        return ""
    return host


def _salt_path(day):
    return spool_dir() / f"salt-{day.isoformat()}"


def daily_salt(day):
    """The random salt of ``day``, shared by every process on the host (created once)."""
    path = _salt_path(day)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    temporary.write_bytes(secrets.token_bytes(32))
    try:
        os.link(temporary, path)  # atomic: the first process to create it wins
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return path.read_bytes()


def forget_old_salts(today):
    """Delete salts older than yesterday: their visitor ids can no longer be recomputed."""
    keep = {_salt_path(today).name, _salt_path(today - dt.timedelta(days=1)).name}
    for path in spool_dir().glob("salt-*"):
        if path.name not in keep and "." not in path.name:
            path.unlink(missing_ok=True)


class VisitorIds:
    """Opaque per-day visitor ids; the salt is read once per day per process."""

    def __init__(self):
        self._day = None
        self._salt = b""

    def salt(self, day):
        if day != self._day:
            self._salt, self._day = daily_salt(day), day
        return self._salt

    def __call__(self, day, address, user_agent):
        self.salt(day)
        digest = hashlib.blake2b(
            f"{address}\0{user_agent}".encode("utf-8", "surrogateescape"),
            key=self._salt,
            digest_size=8,
        )
        return digest.hexdigest()


def staff_cookie_names():
    return (settings.SESSION_COOKIE_NAME,)
