from wagtail.models import PageViewRestriction


class ViewRestrictionsMixin:
    """Skip Wagtail's two view-restriction queries per request while no page has one.

    Whether any PageViewRestriction exists is cached per content generation (fragments.py);
    saving or deleting a restriction changes the generation (news/signal_handlers.py).
    """

    def get_view_restrictions(self):
        from ..queries import any_view_restrictions

        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
