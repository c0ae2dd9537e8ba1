from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "toasoan.statistics"
    label = "statistics"
    verbose_name = _("Thống kê truy cập")

    def ready(self):
        from toasoan.ops.jobs import register_job
        from toasoan.ops.served import register_page_served

        from . import aggregate, nginx, recorder
        from .conf import statistics_setting

        # The statistics tables are deliberately NOT watched by the page cache: counting
        # must never retire cached pages (readers get fresh figures from snapshot.py).
        if statistics_setting("ENABLED"):
            if statistics_setting("SOURCE") == "nginx":
                register_job(nginx.ingest_nginx_log, every_seconds=20, name="statistics.ingest")
            else:
                register_page_served(recorder.record)
                recorder.start()
            register_job(aggregate.aggregate, every_seconds=20, name="statistics.aggregate")
