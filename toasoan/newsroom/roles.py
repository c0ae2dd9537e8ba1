"""The newsroom's roles as Django groups, and the per-section groups that scope them.

A person's role in a section is the sum of two group memberships:

* the **role group** ("Phóng viên", "Biên tập viên", ...): admin access, media library,
  comment moderation and the workflow step the role approves;
* for reporters and editors, the **section group** ("Phóng viên – Thời sự"): page
  permissions on that section and everything below it, and nothing else.

Tổng biên tập and Quản trị hold their page permissions on the tree root, so they reach every
section. Every function takes an ``apps`` registry so the data migration can run it against
historical models and the ``post_migrate`` handler against the current ones.
"""

from django.utils.translation import gettext_lazy as _

REPORTER = "phongvien"
EDITOR = "bientapvien"
CHIEF = "tongbientap"
MODERATOR = "kiemduyet"
ADMIN = "quantri"

ROLE_GROUP_NAMES = {
    REPORTER: "Phóng viên",
    EDITOR: "Biên tập viên",
    CHIEF: "Tổng biên tập",
    MODERATOR: "Kiểm duyệt bình luận",
    ADMIN: "Quản trị",
}
ROLE_LABELS = {
    REPORTER: _("Phóng viên"),
    EDITOR: _("Biên tập viên"),
    CHIEF: _("Tổng biên tập"),
    MODERATOR: _("Kiểm duyệt bình luận"),
    ADMIN: _("Quản trị"),
}
SECTION_ROLES = (REPORTER, EDITOR)

# Wagtail page permission types ("add" = create pages and edit the ones you own).
SECTION_PAGE_PERMISSIONS = {
    REPORTER: ("add",),
    EDITOR: ("add", "change", "lock", "unlock"),
}
ROOT_PAGE_PERMISSIONS = {
    CHIEF: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
    ADMIN: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
}

_MEDIA_USE = ["add_image", "choose_image", "add_document", "choose_document"]
_MEDIA_ALL = _MEDIA_USE + ["change_image", "delete_image", "change_document", "delete_document"]
_COMMENTS = ["comments.view_comment", "comments.change_comment", "comments.delete_comment"]
_SITE_STRUCTURE = [
    "newsroom.change_mainmenu",
    "newsroom.change_footerlinks",
    "sitesettings.change_siteidentity",
]
# Model permissions ("app_label.codename"); collection-scoped media ones are bare codenames.
ROLE_MODEL_PERMISSIONS = {
    REPORTER: ["wagtailadmin.access_admin"],
    EDITOR: ["wagtailadmin.access_admin"],
    # Translating ("Dịch") copies a page into the English tree, where only the chief (and the
    # administrator) hold page permissions; section editors do not translate.
    CHIEF: [
        "wagtailadmin.access_admin",
        *_COMMENTS,
        *_SITE_STRUCTURE,
        "simple_translation.submit_translation",
    ],
    MODERATOR: ["wagtailadmin.access_admin", *_COMMENTS],
    ADMIN: None,  # None: every permission that exists
}
ROLE_COLLECTION_PERMISSIONS = {
    REPORTER: _MEDIA_USE,
    EDITOR: _MEDIA_ALL,
    CHIEF: _MEDIA_ALL,
    MODERATOR: [],
    ADMIN: _MEDIA_ALL,
}

WORKFLOW_NAME = "Nháp → Chờ duyệt → Đã đăng"
EDITOR_TASK_NAME = "Biên tập viên duyệt"
CHIEF_TASK_NAME = "Tổng biên tập duyệt"


def section_group_name(role, section_title):
    return f"{ROLE_GROUP_NAMES[role]} – {section_title}"


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _page_permission(apps, permission_type):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        codename=f"{permission_type}_page",
    )


def _grant_page_permissions(apps, group, page_id, permission_types):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for permission_type in permission_types:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=_page_permission(apps, permission_type)
        )


def _grant_collection_permissions(apps, group, codenames):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    app_for = {"image": "wagtailimages", "document": "wagtaildocs"}
    for codename in codenames:
        app_label = app_for[codename.rsplit("_", 1)[1]]
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def sync_roles(apps):
    """Create (or complete) the five role groups; return {role: group}. Idempotent."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    root = Page.objects.filter(depth=1).first()
    groups = {}
    for role, name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = ROLE_MODEL_PERMISSIONS[role]
        if wanted is None:
            group.permissions.add(*Permission.objects.all())
        else:
            group.permissions.add(*[p for p in (_permission(apps, d) for d in wanted) if p])
        _grant_collection_permissions(apps, group, ROLE_COLLECTION_PERMISSIONS[role])
        if root is not None and role in ROOT_PAGE_PERMISSIONS:
            _grant_page_permissions(apps, group, root.pk, ROOT_PAGE_PERMISSIONS[role])
        groups[role] = group
    return groups


def _task(apps, model_label, name, groups):
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    # Historical models skip Task.__init__, which normally fills content_type in.
    content_type, _created = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name, content_type=content_type, active=True)
    task.groups.set(groups)
    return task


def _retire_other_steps(apps, workflow, steps):
    """Drop steps that are no longer ours (the chief's former plain GroupApprovalTask).

    A page already waiting at a dropped step finishes it, then meets the current chief step.
    The dropped task is deactivated once nothing waits at it any more."""
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    keep = [task.pk for task in steps]
    old_ids = list(
        WorkflowTask.objects.filter(workflow=workflow)
        .exclude(task_id__in=keep)
        .values_list("task_id", flat=True)
    )
    if not old_ids:
        return
    WorkflowTask.objects.filter(workflow=workflow, task_id__in=old_ids).delete()
    waiting = TaskState.objects.filter(task_id__in=old_ids, status="in_progress")
    Task.objects.filter(pk__in=old_ids).exclude(pk__in=waiting.values("task_id")).update(
        active=False
    )


def sync_workflow(apps, groups):
    """Create the two-step workflow and assign it to the tree root (covers every section)."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    editor_task = _task(
        apps, "newsroom.SectionApprovalTask", EDITOR_TASK_NAME, [groups[EDITOR], groups[CHIEF]]
    )
    # The chief's step is a SectionApprovalTask too (the chief may edit every section): its
    # final approval publishes, so it applies the alt-text rule of publishing (models.py).
    chief_task = _task(apps, "newsroom.SectionApprovalTask", CHIEF_TASK_NAME, [groups[CHIEF]])
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    steps = [editor_task, chief_task]
    for order, task in enumerate(steps):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    _retire_other_steps(apps, workflow, steps)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    # Wagtail's sample "Moderators approval" workflow would confuse editors; retire it.
    Workflow.objects.filter(name="Moderators approval").exclude(pk=workflow.pk).update(active=False)
    return workflow


def ensure_section_groups(section, apps=None):
    """Create the reporter and editor groups of `section` if missing; return {role: group}."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    SectionRoleGroup = apps.get_model("newsroom", "SectionRoleGroup")
    result = {}
    for role in SECTION_ROLES:
        link = SectionRoleGroup.objects.filter(section_id=section.pk, role=role).first()
        if link is None:
            name = _unique_group_name(Group, section_group_name(role, section.title))
            group = Group.objects.create(name=name)
            link = SectionRoleGroup.objects.create(section_id=section.pk, role=role, group=group)
        _grant_page_permissions(apps, link.group, section.pk, SECTION_PAGE_PERMISSIONS[role])
        result[role] = link.group
    return result


def _unique_group_name(Group, name):
    # Group.name is unique and 150 characters long; two sections may share a title.
    base = name[:140]
    candidate, n = base, 2
    while Group.objects.filter(name=candidate).exists():
        candidate, n = f"{base} ({n})", n + 1
    return candidate


def rename_section_groups(section):
    """Keep the section groups' names in step with the section's title."""
    from .models import SectionRoleGroup

    for link in SectionRoleGroup.objects.filter(section_id=section.pk).select_related("group"):
        wanted = section_group_name(link.role, section.title)[:150]
        if link.group.name != wanted and not type(link.group).objects.filter(name=wanted).exists():
            link.group.name = wanted
            link.group.save(update_fields=["name"])


def grant(user, role, section=None):
    """Give `user` `role`, in `section` for reporters and editors. Returns the groups joined.

    Example: ``grant(user, "phongvien", section=thoi_su)``.
    """
    if role not in ROLE_GROUP_NAMES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLE_GROUP_NAMES)}")
    if role in SECTION_ROLES and section is None:
        raise ValueError(f"role {role!r} needs a section")
    groups = [role_group(role)]
    if role in SECTION_ROLES:
        groups.append(ensure_section_groups(section)[role])
    user.groups.add(*groups)
    if not user.is_staff and role == ADMIN:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return groups


def join_role_group(user, role):
    """Add `user` to the role group only (no section yet)."""
    group = role_group(role)
    user.groups.add(group)
    return group


def role_group(role):
    """The group of `role`, rebuilt with its permissions if someone deleted it."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=ROLE_GROUP_NAMES[role]).first()
    return group if group is not None else sync_roles(apps)[role]


def revoke(user, role, section=None):
    """Remove `user` from `role` (in `section`, or everywhere when no section is given)."""
    from .models import SectionRoleGroup

    links = SectionRoleGroup.objects.filter(role=role)
    if section is not None:
        links = links.filter(section_id=section.pk)
    user.groups.remove(*[link.group for link in links])
    if section is None or not SectionRoleGroup.objects.filter(role=role, group__user=user).exists():
        user.groups.remove(*user.groups.filter(name=ROLE_GROUP_NAMES[role]))
