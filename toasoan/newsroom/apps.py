from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "toasoan.newsroom"
    label = "newsroom"
    verbose_name = _("Tòa soạn")
