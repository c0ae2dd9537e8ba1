from wagtail import hooks

from .dashboard import JobsPanel


@hooks.register("construct_homepage_panels")
def add_jobs_panel(request, panels):
    # IT staff keep the runner alive; editors have nothing to do about it.
    if request.user.is_superuser:
        panels.append(JobsPanel())
