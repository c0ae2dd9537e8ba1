"""Three English news items for the demo site, translations of the demo's newest Vietnamese
articles (linked as their originals when those exist). Idempotent: found by slug."""

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


def load(stdout):
    from toasoan.news.models import ArticlePage

    from .models import EnglishArticle

    originals = list(ArticlePage.objects.live().order_by("-first_published_at")[: len(ARTICLES)])
    created = 0
    for n, (slug, title, summary, body) in enumerate(ARTICLES):
        if EnglishArticle.objects.filter(slug=slug).exists():
            continue
        EnglishArticle.objects.create(
            slug=slug,
            title=title,
            summary=summary,
            body=body,
            original=originals[n] if n < len(originals) else None,
        )
        created += 1
    return f"{created} English news items" if created else None
