"""The news category of the checklist: the newest published article (the news app does not
know about the Decree; registering here keeps that app unchanged)."""


def last_updated():
    from django.db.models import Max

    from toasoan.news.models import ArticlePage

    return ArticlePage.objects.live().aggregate(m=Max("last_published_at"))["m"]
