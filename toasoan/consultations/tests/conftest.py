import datetime as dt

import pytest
from altcha import Challenge, Payload, solve_challenge
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from toasoan.consultations.models import Consultation

CHEAP_ALTCHA = {"algorithm": "PBKDF2/SHA-256", "cost": 10, "key_prefix": "0"}
DRAFT_TEXT = """QUY CHẾ
Phối hợp quản lý khu chế xuất
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc phối hợp quản lý.
Điều 2. Đối tượng áp dụng
1. Ban Quản lý các khu chế xuất và công nghiệp.
2. Doanh nghiệp trong khu chế xuất:
a) Doanh nghiệp chế xuất;
b) Doanh nghiệp dịch vụ.
Chương II
NỘI DUNG PHỐI HỢP
Điều 3. Phối hợp bảo vệ môi trường
1. Doanh nghiệp báo cáo tình hình xử lý nước thải hằng quý.
2. Ban Quản lý kiểm tra định kỳ.
"""


@pytest.fixture(autouse=True)
def _botcheck_settings(settings):
    settings.TOASOAN_BOTCHECK = {"ALTCHA_CHALLENGE": CHEAP_ALTCHA}
    cache.clear()
    yield
    cache.clear()


def solve_altcha(client):
    challenge = Challenge.from_dict(client.get(reverse("botcheck:challenge")).json())
    return Payload(challenge, solve_challenge(challenge)).to_base64()


@pytest.fixture
def consultation(db):
    now = timezone.now()
    return Consultation.objects.create(
        title="Dự thảo Quy chế phối hợp quản lý khu chế xuất",
        drafting_body="Ban Quản lý các khu chế xuất và công nghiệp",
        audience="Doanh nghiệp trong các khu chế xuất",
        opens=now - dt.timedelta(days=1),
        closes=now + dt.timedelta(days=10),
        text=DRAFT_TEXT,
        live=True,
    )


def comment_data(client, **overrides):
    data = {
        "kind": "organisation",
        "name": "Trần Thị Bình",
        "organisation": "Công ty TNHH Điện tử Sao Mai",
        "email": "binh@saomai.vn",
        "article": "3",
        "body": "Đề nghị quy định rõ mẫu báo cáo nước thải và thời hạn nộp.",
        "altcha": solve_altcha(client),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
