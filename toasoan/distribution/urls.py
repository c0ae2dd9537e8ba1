from django.urls import path

from . import feeds, views
from .api import api_router

# No app namespace: Wagtail's API router reverses its own "wagtailapi" namespace.
urlpatterns = [
    path("rss/", feeds.ArticlesFeed(), name="distribution_feed"),
    path("rss/<path:section_path>/", feeds.ArticlesFeed(), name="distribution_section_feed"),
    path("kenh-rss/", views.feed_list, name="distribution_feed_list"),
    path("sitemap.xml", views.sitemap_index, name="distribution_sitemap_index"),
    path("sitemap-tin-moi.xml", views.news_sitemap, name="distribution_news_sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="distribution_sitemap"),
    path("robots.txt", views.robots_txt, name="distribution_robots"),
    path("so-do-trang/", views.site_map_page, name="distribution_site_map"),
    path("in/<int:page_id>/", views.print_article, name="distribution_print"),
    path("luu/<int:page_id>/", views.save_article, name="distribution_save"),
    path("api/v2/", api_router.urls),
]
