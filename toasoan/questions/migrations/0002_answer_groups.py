"""The groups of the answer workflow: "Cán bộ trả lời" (drafts answers for its departments),
"Biên tập hỏi đáp" (receives, assigns, edits), "Lãnh đạo phê duyệt hỏi đáp" (approves)."""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Cán bộ trả lời": ["answer_question", "view_question"],
    "Biên tập hỏi đáp": ["manage_questions", "review_answer", "view_question"],
    "Lãnh đạo phê duyệt hỏi đáp": ["approve_answer", "view_question"],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations (post_migrate); create this
    # app's now. A migration state's app config has no models module, which
    # create_permissions() takes as "nothing to do": pretend it has one for the call.
    config = apps.get_app_config("questions")
    original = getattr(config, "models_module", None)
    config.models_module = original or True
    try:
        create_permissions(config, apps=apps, verbosity=0)
    finally:
        config.models_module = original

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = list(
            Permission.objects.filter(content_type__app_label="questions", codename__in=codenames)
        )
        if access_admin:
            perms.append(access_admin)
        group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
