import pytest
from django.contrib.auth.models import Group

from toasoan.questions.models import Department, Field
from toasoan.questions.roles import ANSWERER_GROUP, LEADER_GROUP, REVIEWER_GROUP

from .helpers import cheap_botcheck  # noqa: F401 - autouse fixture


@pytest.fixture
def department(db):
    return Department.objects.create(name="Phòng Quản lý đầu tư", email="dautu@example.vn")


@pytest.fixture
def other_department(db):
    return Department.objects.create(name="Phòng Lao động", email="laodong@example.vn")


@pytest.fixture
def field(department):
    return Field.objects.create(name="Đầu tư", slug="dau-tu", default_department=department)


@pytest.fixture
def unrouted_field(db):
    return Field.objects.create(name="Khác", slug="khac")


def _user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.vn", "pw-12345!")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def answerer(django_user_model, department):
    user = _user(django_user_model, "canbo", ANSWERER_GROUP)
    department.members.add(user)
    return user


@pytest.fixture
def reviewer(django_user_model):
    return _user(django_user_model, "bientap", REVIEWER_GROUP)


@pytest.fixture
def leader(django_user_model):
    return _user(django_user_model, "lanhdao", LEADER_GROUP)
