"""Every admin screen of the agency apps opens for an administrator (lists, add forms, the
two import pages), and the import pages are refused to editors without the permission."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

ADMIN_URLS = [
    "wagtailsnippets_organisation_unit:list",
    "wagtailsnippets_organisation_unit:add",
    "wagtailsnippets_organisation_person:list",
    "wagtailsnippets_organisation_person:add",
    "wagtailsnippets_schedule_scheduleitem:list",
    "wagtailsnippets_schedule_scheduleitem:add",
    "wagtailsnippets_procedures_procedure:list",
    "wagtailsnippets_procedures_procedure:add",
    "wagtailsnippets_procedures_procedurefield:list",
    "schedule_import",
    "procedures_import",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_screens_open(admin_client, name):
    response = admin_client.get(reverse(name))
    assert response.status_code == 200


@pytest.mark.django_db
def test_import_pages_need_the_add_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("bientap", password="x")
    group, _created = Group.objects.get_or_create(name="Nhóm thử")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    for name in ("schedule_import", "procedures_import"):
        assert client.get(reverse(name)).status_code in (302, 403)
