"""Three English news items for the demo site: English translations (Wagtail locales) of the
demo's newest Vietnamese articles, under the English home. Idempotent: an article that has
its English translation is left alone."""

from wagtail.rich_text import RichText

ARTICLES = [
    (
        "industrial-zones-attract-new-investment",
        "Industrial zones attract new investment projects",
        "The Board of Management granted investment registration certificates to new projects "
        "in the province's industrial zones.",
        "<p>In the first months of the year, the Board of Management of Industrial Zones "
        "granted investment registration certificates to new projects and adjusted the "
        "capital of existing ones. Investors were guided through the online public service "
        "for every step of the procedure.</p>",
    ),
    (
        "labour-relations-in-industrial-zones",
        "Stable labour relations in the industrial zones",
        "Enterprises and trade unions met to review wages, work rules and social insurance.",
        "<p>The Labour Management Division met enterprises and grassroots trade unions to "
        "review wages, work rules and the payment of social insurance, and answered the "
        "questions raised by workers.</p>",
    ),
    (
        "environmental-protection-inspection",
        "Environmental protection inspections in the industrial zones",
        "Wastewater treatment in the industrial zones was inspected ahead of the rainy season.",
        "<p>Inspection teams checked the central wastewater treatment plants and the "
        "automatic monitoring stations of the industrial zones ahead of the rainy "
        "season.</p>",
    ),
]


# English titles of the demo's sections, for their English copies (others keep their title).
SECTION_TITLES = {
    "thoi-su": "Current affairs",
    "lao-dong-viec-lam": "Labour and employment",
    "dau-tu-phat-trien": "Investment and development",
}


def load(stdout):
    from toasoan.news.models import ArticlePage

    from .models import english_home, english_locale

    if english_home(create=True) is None:
        return None
    locale = english_locale()
    originals = list(
        ArticlePage.objects.live()
        .filter(locale__language_code="vi")
        .order_by("-first_published_at", "-pk")[: len(ARTICLES)]
    )
    created = sum(
        translate(original, locale, *item)
        for original, item in zip(originals, ARTICLES, strict=False)
    )
    return f"{created} English news items" if created else None


def translate(original, locale, slug, title, summary, body):
    """What an editor does with "Dịch" then "Xuất bản": the English copy of ``original``
    (its section copied first when it has no English version yet), in English, published.
    False when the translation already exists (the loader is idempotent)."""
    if original.has_translation(locale):
        return False
    section = original.get_parent()
    if not section.has_translation(locale):
        copy = section.specific.copy_for_translation(locale, copy_parents=True)
        copy.title = SECTION_TITLES.get(copy.slug, copy.title)
        copy.save_revision().publish()
    article = original.copy_for_translation(locale)
    article.slug, article.title, article.sapo = slug, title, summary
    article.body = [("paragraph", RichText(body))]
    article.save_revision().publish()
    return True
