"""Create the newsroom roles and the "Nháp → Chờ duyệt → Đã đăng" workflow.

Roles: Phóng viên, Biên tập viên, Tổng biên tập, Kiểm duyệt bình luận, Quản trị (see
toasoan/newsroom/roles.py). The workflow has two steps, a section editor's approval then the
editor-in-chief's, and is assigned to the tree root so it covers every site and section.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from toasoan.newsroom.roles import sync_roles, sync_workflow


def _create_all_permissions(apps):
    # Permissions normally appear after migrate (post_migrate); the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles_and_workflow(apps, schema_editor):
    _create_all_permissions(apps)
    sync_workflow(apps, sync_roles(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("comments", "0001_initial"),
        ("sitesettings", "0001_initial"),
        ("core", "0002_newsimage_newsrendition"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop),
    ]
