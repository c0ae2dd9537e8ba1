from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "toasoan.search"
    label = "search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        from django.db.backends.signals import connection_created

        from toasoan.ops.jobs import register_job

        from . import signal_handlers  # noqa: F401
        from .backends.sqlite import register_functions
        from .maintenance import refresh_recent_index

        # The SQLite index triggers call a Python function (migration 0006).
        connection_created.connect(register_functions, dispatch_uid="toasoan-search-sqlite")
        # PostgreSQL: move the partial "recent articles" indexes along (a no-op on SQLite).
        register_job(refresh_recent_index, 3600, name="search.refresh_recent_index")
