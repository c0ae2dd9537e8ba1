from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "toasoan.polls"
    label = "polls"
    verbose_name = _("Bình chọn")

    def ready(self):
        from toasoan.core.portal import register_demo_loader, register_section
        from toasoan.ops.invalidation import watch_models

        from .demo import load_demo

        register_section("polls", _("Bình chọn"), "polls:list", order=70)
        # After the news demo (its article receives the poll) and the other loaders.
        register_demo_loader("polls", load_demo, order=200)
        # Only the poll and its choices change pages; ballots never purge the page cache.
        watch_models("polls.Poll", "polls.Choice")
