"""Operations endpoints: /healthz for load balancers and monitoring."""

import secrets
import time

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .conf import pagecache_setting


def _timed(check):
    started = time.perf_counter()
    try:
        ok, detail = check()
    except Exception as exc:  # noqa: BLE001 - a health check reports, never raises
        ok, detail = False, f"{type(exc).__name__}: {exc}"
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 2), "detail": detail}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connection.vendor


def _cache(alias):
    def check():
        cache = caches[alias]
        token = secrets.token_hex(4)
        cache.set("healthz:probe", token, timeout=30)
        ok = cache.get("healthz:probe") == token
        return ok, type(cache).__name__ if ok else "cache did not return what was stored"

    return check


@never_cache
def healthz(request):
    """200 when the database answers; 503 when it does not (or, with ?strict=1, the cache).

    Cache failures alone report "degraded" with 200: pages are still served, uncached.
    """
    checks = {
        "database": _timed(_database),
        "cache": _timed(_cache("default")),
        "pagecache": _timed(_cache(pagecache_setting("CACHE_ALIAS"))),
    }
    database_ok = checks["database"]["ok"]
    caches_ok = checks["cache"]["ok"] and checks["pagecache"]["ok"]
    if database_ok and caches_ok:
        status = "ok"
    else:
        status = "degraded" if database_ok else "down"
    failing = not database_ok or (request.GET.get("strict") == "1" and not caches_ok)
    return JsonResponse({"status": status, "checks": checks}, status=503 if failing else 200)
