"""The admin dashboard panel of the periodic jobs: each job, its period and its last run."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from . import jobs


class JobsPanel(Component):
    name = "ops_jobs"
    template_name = "ops/dashboard/jobs.html"
    order = 400

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        context["jobs"] = [
            {
                "name": job.name,
                "every_seconds": job.every_seconds,
                "row": row,
                "running": bool(row and row.locked_until and row.locked_until > now),
                "overdue": jobs.overdue(job, row, now),
            }
            for job, row in jobs.last_runs()
        ]
        return context
