"""WSGI entry point with the page-cache hit path in front of Django (what granian serves).

A cached page is answered straight from the WSGI environ: no request object, no middleware,
no request signals — the same entries, the same checks (environ_is_cacheable, the current
generation) as PageCacheMiddleware, which still stores pages and serves hits when Django is
run any other way (runserver, tests). Measured gain: docs/decisions/page-cache.md.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.production")

django_application = get_wsgi_application()

from toasoan.ops import pagecache  # noqa: E402 - needs the settings loaded above
from toasoan.ops.conf import pagecache_setting  # noqa: E402

_STATUS = {200: "200 OK"}


class PageCacheApp:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if pagecache_setting("ENABLED") and pagecache.environ_is_cacheable(environ):
            cache = pagecache._cache()
            try:
                cached, _ = pagecache.lookup(cache, pagecache.environ_key(environ))
            except Exception:  # noqa: BLE001 - any cache trouble: let Django answer
                cached = None
            if cached is not None:
                return self._replay(cached, environ, start_response)
        return self.app(environ, start_response)

    @staticmethod
    def _replay(cached, environ, start_response):
        _, status, headers, content = cached
        headers = [*headers, (pagecache.HEADER, "hit")]
        seconds = pagecache_setting("PROXY_SECONDS")
        if seconds:
            headers.append(("X-Accel-Expires", str(seconds)))
        if not any(name.lower() == "content-length" for name, _ in headers):
            headers.append(("Content-Length", str(len(content))))
        start_response(_STATUS.get(status, f"{status} OK"), headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [content]


application = PageCacheApp(django_application)
