"""Vietnamese error pages that reveal nothing of the internals."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: whatever broke (the database, a setting) must not break this too.
    return HttpResponseServerError(loader.get_template("500.html").render())
