import pytest

from toasoan.contact.models import ContactTopic
from toasoan.questions.tests.helpers import cheap_botcheck  # noqa: F401 - autouse fixture


@pytest.fixture
def topic(db):
    return ContactTopic.objects.create(name="Đầu tư", email="dautu@example.vn")
