from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "toasoan.newsroom"
    label = "newsroom"
    verbose_name = _("Tòa soạn")

    def ready(self):
        from toasoan.ops.jobs import register_job

        from . import scheduler, signal_handlers

        signal_handlers.connect()
        # Permissions of models added after the data migration (and the "every permission"
        # of Quản trị) only exist after migrate: top the role groups up every time.
        post_migrate.connect(signal_handlers.sync_roles_after_migrate, sender=self)
        register_job(scheduler.publish_due, scheduler.EVERY_SECONDS, name=scheduler.JOB_NAME)
