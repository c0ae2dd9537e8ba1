"""/en/news/: the English translations of Vietnamese articles, newest first (the articles
themselves are Wagtail pages under /en/, served by Wagtail)."""

from django.core.paginator import Paginator

from toasoan.news.models import ArticlePage
from toasoan.organisation.views import english, render_page

from .models import english_locale


@english
def news_list(request):
    locale = english_locale()
    articles = (
        ArticlePage.objects.visible(locale_id=locale.pk).for_listing()
        if locale is not None
        else ArticlePage.objects.none()
    )
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    # No Vietnamese counterpart: the switcher leads to the Vietnamese home, no hreflang.
    return render_page(request, "english/news_list.html", {"articles": page})
