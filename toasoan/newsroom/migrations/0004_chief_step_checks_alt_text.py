"""Make the editor-in-chief's step a SectionApprovalTask.

Its approval publishes the article, so it must apply the same alt-text rule as publishing from
the editor (``SectionApprovalTask.on_action``). Wagtail's plain GroupApprovalTask created by
0002 is taken out of the workflow (and deactivated when no page is waiting at it).
"""

from django.db import migrations

from toasoan.newsroom.roles import CHIEF, EDITOR, ROLE_GROUP_NAMES, WORKFLOW_NAME, sync_workflow


def chief_step_as_section_task(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    if not Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        return
    groups = {}
    for role in (EDITOR, CHIEF):
        groups[role] = Group.objects.filter(name=ROLE_GROUP_NAMES[role]).first()
        if groups[role] is None:
            return  # someone removed the roles; post_migrate rebuilds them, not this
    sync_workflow(apps, groups)


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0003_remove_wagtail_sample_groups")]

    operations = [migrations.RunPython(chief_step_as_section_task, migrations.RunPython.noop)]
