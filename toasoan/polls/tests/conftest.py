import datetime as dt

import pytest
from django.utils import timezone

from toasoan.polls import voting
from toasoan.polls.models import Choice, Poll
from toasoan.questions.tests.helpers import cheap_botcheck  # noqa: F401 - autouse fixture


@pytest.fixture(autouse=True)
def _fresh_definitions():
    voting.forget()
    yield
    voting.forget()


def make_poll(kind=Poll.Kind.SINGLE, results=Poll.ResultsShown.AFTER_VOTE, **kwargs):
    poll = Poll.objects.create(
        question="Bạn quan tâm dịch vụ công nào?",
        kind=kind,
        results_shown=results,
        opens_at=kwargs.pop("opens_at", timezone.now() - dt.timedelta(hours=1)),
        **kwargs,
    )
    for order, text in enumerate(["Đầu tư", "Lao động", "Môi trường"]):
        Choice.objects.create(poll=poll, text=text, sort_order=order)
    return poll


@pytest.fixture
def poll(db):
    return make_poll()
