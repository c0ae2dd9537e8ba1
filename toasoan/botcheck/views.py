from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import challenge as bot_challenge
from .conf import botcheck_setting


@never_cache
@require_GET
def challenge(request):
    """A fresh ALTCHA challenge (the widget's ``challenge`` URL)."""
    if not botcheck_setting("ALTCHA_ENABLED"):
        raise Http404
    return JsonResponse(bot_challenge.new_altcha_challenge())


@never_cache
@require_GET
def question_image(request, question_id):
    """The distorted digits of a no-JS code (404 once it is used or expired)."""
    png = bot_challenge.question_png(question_id)
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    return response
