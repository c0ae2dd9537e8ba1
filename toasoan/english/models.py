"""No models: English news are Wagtail pages, translations of Vietnamese articles under the
English home (docs/decisions/english.md). This module finds the English side of the tree."""

from wagtail.models import Locale

ENGLISH = "en"


def english_locale(create=False):
    """The English ``Locale`` (made by migration english 0002; ``create`` makes it again
    where it is missing, e.g. after a test flushed the tables), or None."""
    if create:
        return Locale.objects.get_or_create(language_code=ENGLISH)[0]
    return Locale.objects.filter(language_code=ENGLISH).first()


def english_home(create=False):
    """The English translation of the default site's home page (the root of /en/), or None;
    ``create`` makes it (a copy of the Vietnamese home, published) when it is missing."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    locale = english_locale(create=create)
    if site is None or locale is None:
        return None
    home = site.root_page.get_translation_or_none(locale)
    if home is None and create:
        home = site.root_page.specific.copy_for_translation(locale)
        home.title = "Home"
        home.save_revision().publish()
    return home
