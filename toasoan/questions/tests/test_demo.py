import pytest

from toasoan.questions.demo import load_demo
from toasoan.questions.models import Department, Field, Question

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_publishes_answers(settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    load_demo()
    load_demo()
    assert Field.objects.count() == 4 and Department.objects.count() == 4
    assert Question.objects.published().count() == 3
    lines = (tmp_path / "demo-accounts.txt").read_text().splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "canbotraloi",
        "bientaphoidap",
        "lanhdaohoidap",
    ]
    html = client.get("/hoi-dap/?q=giay chung nhan dang ky dau tu").content.decode()
    assert "Thủ tục điều chỉnh Giấy chứng nhận đăng ký đầu tư khi tăng vốn" in html
