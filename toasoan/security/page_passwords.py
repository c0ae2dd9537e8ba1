"""Throttled page and document passwords (Wagtail's PageViewRestriction / document
restriction forms).

Wagtail's "this page is password protected" form had no limit: a script could try passwords
as fast as the server answered (issue #23). Each wrong password is now recorded by django-axes
like a failed staff login, under the name ``page-password:<restriction id>``, so the same
rule applies: 5 failures lock the address, for 15 minutes, in the database every worker
shares, and the attempts show in "Đăng nhập thất bại" and the audit trail.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.views.decorators.cache import never_cache
from wagtail.documents.views import serve as document_views
from wagtail.views import authenticate_with_password as page_password_view

from .auth import lockout_response


def _throttled(view, name):
    @never_cache
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        credentials = {"username": f"{name}:{args[0] if args else next(iter(kwargs.values()))}"}
        if AxesProxyHandler.is_locked(request, credentials):
            return lockout_response(request, credentials=credentials)
        response = view(request, *args, **kwargs)
        if response.status_code != 302:  # the form again: a wrong password
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if AxesProxyHandler.is_locked(request, credentials):
                return lockout_response(request, credentials=credentials)
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


authenticate_page_password = _throttled(page_password_view, "page-password")
authenticate_document_password = _throttled(
    document_views.authenticate_with_password, "document-password"
)
