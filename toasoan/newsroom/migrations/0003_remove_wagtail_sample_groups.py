"""Remove Wagtail's sample "Moderators" and "Editors" groups when nobody is in them.

They hold page permissions on the tree root, so a person put in them by mistake would bypass
the per-section roles; the newsroom's five Vietnamese roles replace them. Wagtail's sample
"Moderators approval" workflow (already inactive) goes too if it never ran.
"""

from django.db import migrations


def remove_samples(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Group.objects.filter(name__in=["Moderators", "Editors"], user__isnull=True).delete()
    for workflow in Workflow.objects.filter(name="Moderators approval", active=False):
        if not WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.workflow_tasks.all().delete()
            workflow.delete()
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupApprovalTask.objects.filter(
        name="Moderators approval", workflow_tasks__isnull=True, task_states__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_roles_and_workflow")]

    operations = [migrations.RunPython(remove_samples, migrations.RunPython.noop)]
