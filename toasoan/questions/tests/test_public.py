import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from toasoan.outbox.models import OutboxMessage
from toasoan.outbox.sending import send_due
from toasoan.questions.models import Question

from .helpers import solve_altcha

pytestmark = pytest.mark.django_db


def question_data(client, field_obj, **overrides):
    data = {
        "name": "Nguyễn Thị Minh Thư",
        "email": "Thu@Example.vn",
        "phone": "0912 345 678",
        "organisation": "Công ty TNHH Cơ khí Bình An",
        "field": field_obj.pk,
        "title": "Điều chỉnh giấy chứng nhận đầu tư",
        "body": "Công ty muốn tăng vốn đầu tư, cần hồ sơ gì?",
        "altcha": solve_altcha(client),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def ask(client, data, **extra):
    return client.post(reverse("questions:ask"), data, **extra)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_form_page_has_the_bot_check(client, field):
    response = client.get(reverse("questions:ask"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "altcha-widget" in html and 'name="answer"' in html and "Đầu tư" in html


def test_question_is_stored_with_code_on_screen_and_by_email(client, field):
    response = ask(client, question_data(client, field))
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.tracking_code in response["Location"]
    assert question.asker_email == "thu@example.vn"
    # Routed by field to its default department.
    assert (
        question.status == Question.Status.ASSIGNED
        and question.department == field.default_department
    )
    page = client.get(response["Location"])
    assert question.tracking_code in page.content.decode()
    assert "Đang xử lý" in page.content.decode()
    send_due()
    assert mail.outbox[0].to == ["thu@example.vn"]
    assert question.tracking_code in mail.outbox[0].subject
    assert question.tracking_code in mail.outbox[0].body


def test_question_is_kept_when_smtp_is_down(client, field, monkeypatch):
    monkeypatch.setattr(
        "django.core.mail.message.EmailMessage.send",
        lambda *a, **k: (_ for _ in ()).throw(ConnectionRefusedError("smtp down")),
    )
    assert ask(client, question_data(client, field)).status_code == 302
    send_due()
    assert Question.objects.count() == 1
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING


def test_valid_attachment_is_stored_privately(client, field):
    upload = SimpleUploadedFile("giay-phep.png", png_bytes(), content_type="image/png")
    assert ask(client, question_data(client, field, attachment=upload)).status_code == 302
    question = Question.objects.get()
    assert question.attachment.name.endswith(".png")
    from django.conf import settings

    # Outside MEDIA_ROOT: never served to the public by the media URL.
    assert not question.attachment.path.startswith(str(settings.MEDIA_ROOT) + "/")
    assert "-private" in question.attachment.path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("hop-dong.pdf", b"MZ\x90\x00 this is an exe"),  # executable named .pdf
        ("anh.pdf", None),  # a PNG named .pdf
        ("van-ban.docx", b"PK\x03\x04not really a zip"),
        ("anh.png", b"\x89PNG\r\n\x1a\nbroken"),
    ],
)
def test_disguised_attachment_is_refused(client, field, name, content):
    upload = SimpleUploadedFile(name, content if content is not None else png_bytes())
    response = ask(client, question_data(client, field, attachment=upload))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tệp đính kèm" in html or "Ảnh đính kèm" in html
    assert not Question.objects.exists() and not OutboxMessage.objects.exists()


def test_oversized_attachment_is_refused(client, field, settings):
    settings.TOASOAN_QUESTIONS = {"ATTACHMENT_MAX_BYTES": 100}
    upload = SimpleUploadedFile("a.png", png_bytes() + b"\0" * 200)
    response = ask(client, question_data(client, field, attachment=upload))
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert not Question.objects.exists()


def test_huge_request_is_refused_before_parsing(client, field, settings):
    settings.TOASOAN_QUESTIONS = {"MAX_REQUEST_BYTES": 1000}
    response = ask(client, question_data(client, field, body="a" * 5000))
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Vui lòng nhập họ tên."),
        ({"email": "khong-phai-email"}, "Email chưa đúng"),
        ({"phone": "12ab"}, "Số điện thoại chưa đúng"),
        ({"body": "x" * 5001}, "Tối đa 5000 ký tự (hiện có 5001)"),
        ({"title": "   "}, "Vui lòng nhập tiêu đề."),
        ({"field": "999999"}, "Lĩnh vực không hợp lệ"),
        ({"body": "có ký tự hỏng \ufffd ở đây nhé"}, "sai bảng mã"),
    ],
)
def test_bad_fields_get_a_vietnamese_message(client, field, overrides, message):
    response = ask(client, question_data(client, field, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_html_is_stored_as_text_and_shown_escaped(client, field, reviewer, leader):
    script = "<script>alert('x')</script> Hỏi về <b>vốn</b>"
    ask(client, question_data(client, field, title=script, body=script * 2))
    question = Question.objects.get()
    assert question.received_title == script  # stored as typed
    question.answer = "<img src=x onerror=alert(1)>Trả lời"
    question.status = Question.Status.PUBLISHED
    question.published_at = question.created_at
    question.save()
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html


def test_replayed_solution_is_refused(client, field):
    data = question_data(client, field)
    assert ask(client, data).status_code == 302
    data["title"] = "Một câu hỏi khác hẳn"
    data["email"] = "khac@example.vn"
    response = ask(client, data)
    assert response.status_code == 400
    assert "đã được dùng" in response.content.decode()
    assert Question.objects.count() == 1


def test_missing_bot_check_is_refused(client, field):
    response = ask(client, question_data(client, field, altcha=""))
    assert response.status_code == 400
    assert "không phải người máy" in response.content.decode()
    assert not Question.objects.exists()


def test_honeypot_is_refused(client, field):
    response = ask(client, question_data(client, field, website="http://spam.example"))
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_flood_from_one_address_is_limited(client, field, settings):
    settings.TOASOAN_QUESTIONS = {"RATE_LIMIT_PER_IP": 2, "RATE_LIMIT_PER_EMAIL": 0}
    for n in range(2):
        data = question_data(client, field, email=f"a{n}@example.vn")
        assert ask(client, data).status_code == 302
    response = ask(client, question_data(client, field, email="a9@example.vn"))
    assert response.status_code == 429
    assert "quá nhiều câu hỏi" in response.content.decode()
    assert Question.objects.count() == 2


def test_csrf_is_checked(field):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = ask(client, question_data(client, field))
    assert response.status_code == 403
    assert "hết hạn" in response.content.decode()


def test_garbage_never_gives_500(client, field):
    for body in [b"\xff\xfe\x00", b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n']:
        response = client.post(
            reverse("questions:ask"), body, content_type="multipart/form-data; boundary=x"
        )
        assert response.status_code in (400, 403)
    for params in ["?ma=%00%ff", "?ma=" + "A" * 5000, "?ma=<script>"]:
        assert client.get(reverse("questions:track") + params).status_code == 200
    for params in ["?nam=abc", "?linh_vuc=%00", "?q=" + "đ" * 500, "?page=-1", '?q="', "?q=a%00b"]:
        assert client.get(reverse("questions:list") + params).status_code == 200


def test_unknown_code_says_so(client, db):
    response = client.get(reverse("questions:track") + "?ma=HD-NOPE")
    assert "Không tìm thấy câu hỏi" in response.content.decode()


def _published(field, title, answer, year=None):
    import datetime as dt

    from django.utils import timezone

    when = timezone.now() if year is None else timezone.make_aware(dt.datetime(year, 6, 1))
    return Question.objects.create(
        field=field,
        asker_name="A",
        asker_email="a@example.vn",
        received_title=title,
        received_body="?",
        title=title,
        body="Câu hỏi",
        answer=answer,
        status=Question.Status.PUBLISHED,
        published_at=when,
        department=field.default_department,
    )


def test_list_newest_first_filters_and_accent_free_search(client, field, unrouted_field):
    old = _published(field, "Giấy chứng nhận đầu tư", "Thủ tục điều chỉnh", year=2024)
    new = _published(unrouted_field, "Nội quy lao động", "Đăng ký tại Ban Quản lý")
    Question.objects.create(
        field=field,
        asker_name="B",
        asker_email="b@example.vn",
        received_title="chưa trả lời",
        received_body="x",
        title="Chưa trả lời giấy chứng nhận",
        body="x",
    )
    html = client.get(reverse("questions:list")).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert "Chưa trả lời giấy" not in html
    found = client.get(reverse("questions:list") + "?q=giay chung nhan dau tu").content.decode()
    assert old.title in found and new.title not in found
    by_field = client.get(reverse("questions:list") + "?linh_vuc=khac").content.decode()
    assert new.title in by_field and old.title not in by_field
    by_year = client.get(reverse("questions:list") + "?nam=2024").content.decode()
    assert old.title in by_year and new.title not in by_year


def test_detail_shows_question_answer_department_and_dates(client, field):
    question = _published(field, "Giấy chứng nhận đầu tư", "Hồ sơ gồm văn bản đề nghị")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Hồ sơ gồm văn bản đề nghị" in html
    assert "Phòng Quản lý đầu tư" in html and "Ngày trả lời" in html and "Ngày gửi" in html
    assert "a@example.vn" not in html  # the asker's email is never public


def test_unpublished_detail_is_404(client, field):
    question = Question.objects.create(
        field=field,
        asker_name="B",
        asker_email="b@example.vn",
        received_title="t",
        received_body="x",
        title="t",
        body="x",
    )
    assert client.get(question.get_absolute_url()).status_code == 404
