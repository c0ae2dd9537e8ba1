"""The editors' synonym list, as token sequences, cached until an editor changes it."""

from django.core.cache import cache

from .conf import search_setting
from .text import tokens

CACHE_KEY = "toasoan:search:synonyms:v1"


def synonym_lookup():
    """Map every folded form to all forms of its group: ``("kcn",) -> (("kcn",), ("khu",…))``.

    Groups that share a form are merged, so an editor who writes "TPHCM" in two entries
    still gets one group.
    """
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = _load_groups()
        cache.set(CACHE_KEY, groups, search_setting("SYNONYM_CACHE_SECONDS"))
    return build_lookup(groups)


def build_lookup(groups):
    lookup = {}
    for group in groups:
        merged = set(group)
        for form in group:
            merged |= set(lookup.get(form, ()))
        forms = tuple(sorted(merged, key=lambda f: (-len(f), f)))
        for form in forms:
            lookup[form] = forms
    return lookup


def _load_groups():
    from .models import Synonym

    groups = []
    for synonym in Synonym.objects.all():
        forms = {tuple(tokens(line)) for line in synonym.forms()}
        forms.discard(())
        if len(forms) >= 2:
            groups.append(sorted(forms))
    return groups


def clear_cache():
    cache.delete(CACHE_KEY)
