"""The Decree 42 checklist panel on the admin dashboard."""

from wagtail import hooks

from .panels import Decree42Panel


@hooks.register("construct_homepage_panels")
def add_decree42_panel(request, panels):
    panels.append(Decree42Panel())
