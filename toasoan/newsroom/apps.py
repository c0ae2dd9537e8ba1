from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "toasoan.newsroom"
    label = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self):
        from . import signals

        signals.connect()
        # Permissions of models added after the data migration (and the "every permission"
        # of Quản trị) only exist after migrate: top the role groups up every time.
        post_migrate.connect(signals.sync_roles_after_migrate, sender=self)
