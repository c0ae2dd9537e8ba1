from django.http import Http404, JsonResponse
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
