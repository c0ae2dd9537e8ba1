"""The vote endpoint's lean WSGI path: ``POST /binh-chon/<id>/bo-phieu/`` from the poll box
script (``Accept: application/json``), and the widget's ``GET /binh-chon/<id>/thu-thach/``
that comes before it, skip the site's URL resolver and the middleware a vote
has no use for (page cache, sessions, CSRF, authentication, two-factor, messages, legacy
URLs, redirects, login lockout), which cost more server CPU than the vote itself
(docs/decisions/polls.md).

What it keeps, in this order: Django's request signals (database connections are checked and
recycled as for any request), ``SecurityMiddleware``, the UTF-8 body rule, the security
headers, the host check of ``ALLOWED_HOSTS`` and the Vietnamese 503 when the database is
unreachable. The view is the same ``views.vote``; a plain HTML form post (no JavaScript)
goes through the full stack, because its answers are pages.

``toasoan.ops.wsgi`` puts ``VoteFront`` in front of the site when
``TOASOAN_POLLS["LEAN_VOTE_PATH"]`` is on (the default).
"""

import re

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.db import InterfaceError, OperationalError
from django.utils.module_loading import import_string

from toasoan.ops.middleware import DatabaseUnavailableMiddleware

from . import views

VOTE_PATH = re.compile(r"/binh-chon/([0-9]{1,18})/bo-phieu/")
CHALLENGE_PATH = re.compile(r"/binh-chon/([0-9]{1,18})/thu-thach/")
POLL_ID_KEY = "toasoan.polls.poll_id"
VIEW_KEY = "toasoan.polls.view"
VIEWS = {"vote": views.vote, "challenge": views.challenge}
MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "toasoan.security.middleware.RequireUtf8BodyMiddleware",
    "toasoan.security.middleware.SecurityHeadersMiddleware",
)


class VoteHandler(WSGIHandler):
    """A Django WSGI handler whose only views are the vote and its challenge, behind
    ``MIDDLEWARE``."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        database = DatabaseUnavailableMiddleware(None)

        def vote(request):
            try:
                request.get_host()  # ALLOWED_HOSTS, as CommonMiddleware checks it
                view = VIEWS[request.META[VIEW_KEY]]
                return view(request, int(request.META[POLL_ID_KEY]))
            except (OperationalError, InterfaceError) as exc:
                response = database.process_exception(request, exc)
                if response is None:
                    raise
                return response

        handler = convert_exception_to_response(vote)
        for path in reversed(MIDDLEWARE):
            handler = convert_exception_to_response(import_string(path)(handler))
        self._middleware_chain = handler


class VoteFront:
    """WSGI middleware: votes posted by the poll box script to ``VoteHandler``, everything
    else to ``app``."""

    def __init__(self, app):
        self.app = app
        self.votes = VoteHandler()

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        match = None
        if method == "POST" and "application/json" in environ.get("HTTP_ACCEPT", ""):
            match, view = VOTE_PATH.fullmatch(environ.get("PATH_INFO", "")), "vote"
        elif method == "GET":
            match, view = CHALLENGE_PATH.fullmatch(environ.get("PATH_INFO", "")), "challenge"
        if match:
            environ[POLL_ID_KEY], environ[VIEW_KEY] = match[1], view
            return self.votes(environ, start_response)
        return self.app(environ, start_response)
