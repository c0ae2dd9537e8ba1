"""Turn "the database is unreachable" into a Vietnamese 503 page instead of a 500.

Django reconnects by itself on the next request (CONN_HEALTH_CHECKS), so the site recovers
without a restart as soon as the database answers again.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable_response():
    response = HttpResponse(loader.get_template("ops/503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if not _is_connection_problem(exception):
            return None
        logger.error("database unavailable on %s: %s", request.path, exception)
        return database_unavailable_response()


def _is_connection_problem(exception):
    # An OperationalError also covers "no such table" or a lock timeout: those are bugs or
    # load, not an outage, and keep their 500 (and traceback in the log).
    text = str(exception).lower()
    markers = (
        "connection",
        "connect",
        "server closed",
        "terminating",
        "could not",
        "the database system is",
        "unable to open database",
        "ssl syscall",
        "no route",
        "timeout expired",
    )
    return isinstance(exception, InterfaceError) or any(m in text for m in markers)
