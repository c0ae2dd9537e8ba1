"""/en/news/: the selected news in English, rendered under translation.override("en")."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from toasoan.organisation.views import english, render_page

from .models import EnglishArticle


@english
def news_list(request):
    paginator = Paginator(EnglishArticle.objects.published(), 20)
    page = paginator.get_page(request.GET.get("page"))
    return render_page(
        request,
        "english/news_list.html",
        # No Vietnamese counterpart: the switcher leads to the Vietnamese home, no hreflang.
        {"articles": page},
    )


@english
def article(request, slug):
    item = get_object_or_404(EnglishArticle.objects.published(), slug=slug)
    original = item.original_url()
    return render_page(
        request,
        "english/article.html",
        {
            "article": item,
            # Only a translation of a live Vietnamese article has a counterpart.
            "alternates": {"vi": original, "en": item.get_absolute_url()} if original else {},
        },
    )
