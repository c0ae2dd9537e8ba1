import datetime as dt
import io

import docx
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from toasoan.consultations.models import Consultation, ConsultationComment

from .conftest import DRAFT_TEXT, comment_data

pytestmark = pytest.mark.django_db


def _form(consultation):
    return reverse("consultations:comment", args=[consultation.slug])


def test_list_groups_open_upcoming_closed_with_counts(client, consultation):
    now = timezone.now()
    Consultation.objects.create(
        title="Dự thảo sắp mở",
        opens=now + dt.timedelta(days=3),
        closes=now + dt.timedelta(days=30),
        live=True,
    )
    Consultation.objects.create(
        title="Dự thảo đã đóng",
        opens=now - dt.timedelta(days=30),
        closes=now - dt.timedelta(days=1),
        live=True,
    )
    Consultation.objects.create(
        title="Dự thảo nháp", opens=now, closes=now + dt.timedelta(1), live=False
    )
    ConsultationComment.objects.create(
        consultation=consultation, kind="person", name="An", email="a@example.vn", body="Ý kiến một"
    )
    html = client.get("/du-thao/").content.decode()
    assert (
        html.index("Đang lấy ý kiến")
        < html.index(consultation.title)
        < html.index("Sắp lấy ý kiến")
        < html.index("Dự thảo sắp mở")
        < html.index("Đã kết thúc")
        < html.index("Dự thảo đã đóng")
    )
    assert "1 ý kiến" in html and "Dự thảo nháp" not in html


def test_detail_shows_articles_and_clauses_with_comment_links(client, consultation):
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert 'id="dieu-3"' in html and "Phối hợp bảo vệ môi trường" in html
    assert f"{_form(consultation)}?dieu=3" in html
    assert "Chương II – NỘI DUNG PHỐI HỢP" in html


def test_comment_on_one_article_is_stored_pending(client, consultation):
    response = client.post(_form(consultation), comment_data(client))
    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert comment.article.number == 3 and comment.status == "pending"
    assert comment.commenter == "Công ty TNHH Điện tử Sao Mai (Trần Thị Bình)"
    assert "Cảm ơn bạn" in client.get(response["Location"]).content.decode()


def test_public_comments_only_when_editors_choose_and_approved(client, consultation):
    client.post(_form(consultation), comment_data(client))
    comment = ConsultationComment.objects.get()
    comment.status = "approved"
    comment.save()
    assert comment.body not in client.get(consultation.get_absolute_url()).content.decode()
    consultation.comments_public = True
    consultation.save()
    assert comment.body in client.get(consultation.get_absolute_url()).content.decode()


def test_comment_after_the_deadline_is_refused_and_not_stored(client, consultation):
    data = comment_data(client)
    consultation.closes = timezone.now() - dt.timedelta(seconds=1)
    consultation.save()
    response = client.post(_form(consultation), data)
    assert response.status_code == 403
    assert "Đã hết hạn góp ý" in response.content.decode()
    assert not ConsultationComment.objects.exists()
    assert 'name="body"' not in client.get(_form(consultation)).content.decode()


def test_comment_before_opening_is_refused(client, consultation):
    consultation.opens = timezone.now() + dt.timedelta(days=2)
    consultation.save()
    response = client.post(_form(consultation), comment_data(client))
    assert response.status_code == 403 and "chưa mở lấy ý kiến" in response.content.decode()
    assert not ConsultationComment.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"article": "99"}, "Điều được chọn không có trong dự thảo."),
        ({"email": "khong-phai-email"}, "Email chưa đúng"),
        ({"organisation": ""}, "Vui lòng nhập tên tổ chức."),
        ({"body": ""}, "Vui lòng nhập nội dung góp ý."),
        ({"altcha": "giả"}, "Chưa qua bước xác minh"),
    ],
)
def test_bad_comments_get_a_message_and_store_nothing(client, consultation, overrides, message):
    response = client.post(_form(consultation), comment_data(client, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_rate_limit(client, consultation, settings):
    settings.TOASOAN_COMMENTS = {"RATE_LIMIT_PER_EMAIL": 1, "RATE_LIMIT_PER_IP": 0}
    assert client.post(_form(consultation), comment_data(client)).status_code == 302
    response = client.post(_form(consultation), comment_data(client, body="Một ý kiến khác nữa"))
    assert response.status_code == 429 and "quá nhanh" in response.content.decode()
    assert ConsultationComment.objects.count() == 1


def test_unknown_draft_and_bad_article_param_never_fail(client, consultation):
    assert client.get("/du-thao/khong-co/").status_code == 404
    assert client.get(_form(consultation) + "?dieu=%00abc").status_code == 200
    assert client.post(_form(consultation), {"kind": "x" * 10_000}).status_code == 400


def _staff(client):
    user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "mat-khau-qt-123")
    client.force_login(user)


def test_moderation_queue_lists_pending_comments(client, consultation):
    client.post(_form(consultation), comment_data(client))
    _staff(client)
    html = client.get(reverse("wagtailsnippets_consultations_consultationcomment:list")).content
    assert "Trần Thị Bình".encode() in html and "Chờ duyệt".encode() in html


def test_summary_table_exports_open_with_the_same_libraries(client, consultation):
    client.post(_form(consultation), comment_data(client))
    client.post(
        _form(consultation),
        comment_data(
            client,
            kind="person",
            organisation="",
            name="Lê Văn Cường",
            email="cuong@example.vn",
            article="",
            body="Đề nghị bổ sung điều khoản chuyển tiếp.",
        ),
    )
    answered = ConsultationComment.objects.get(article__number=3)
    answered.response_kind, answered.response = "tiep-thu", "Đã bổ sung mẫu báo cáo."
    answered.save()
    _staff(client)
    xlsx = client.get(reverse("consultations_export", args=[consultation.pk, "xlsx"]))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[3] == (
        "STT",
        "Điều khoản dự thảo",
        "Tổ chức/cá nhân góp ý",
        "Nội dung góp ý",
        "Ý kiến tiếp thu, giải trình",
    )
    assert values[4][:3] == (1, "Toàn bộ dự thảo", "Lê Văn Cường")
    assert values[5][1] == "Điều 3. Phối hợp bảo vệ môi trường"
    assert values[5][4] == "Tiếp thu: Đã bổ sung mẫu báo cáo."
    word = client.get(reverse("consultations_export", args=[consultation.pk, "docx"]))
    table = docx.Document(io.BytesIO(word.content)).tables[0]
    assert [c.text for c in table.rows[0].cells][1] == "Điều khoản dự thảo"
    assert len(table.rows) == 3 and table.rows[2].cells[2].text.startswith("Công ty TNHH")
    assert client.get(f"/quan-tri/du-thao/tong-hop/{consultation.pk}.pdf").status_code == 404


def test_export_needs_staff_permission(client, consultation):
    user = get_user_model().objects.create_user("ban-doc", "bd@example.vn", "mat-khau-bd-123")
    client.force_login(user)
    response = client.get(reverse("consultations_export", args=[consultation.pk, "xlsx"]))
    assert response.status_code in (302, 403)


def test_admin_docx_upload_fills_the_text_and_refuses_disguised_files(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _staff(client)
    document = docx.Document()
    for line in DRAFT_TEXT.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    url = reverse("wagtailsnippets_consultations_consultation:add")
    data = {
        "title": "Dự thảo từ Word",
        "opens": "2026-01-01 08:00",
        "closes": "2026-01-31 17:00",
        "text": "",
    }
    fake = client.post(url, {**data, "source_docx": SimpleUploadedFile("a.docx", b"<html>")})
    assert fake.status_code == 200 and "không phải là tệp Word" in fake.content.decode()
    ok = client.post(url, {**data, "source_docx": SimpleUploadedFile("a.docx", buffer.getvalue())})
    assert ok.status_code == 302
    created = Consultation.objects.get(title="Dự thảo từ Word")
    assert created.articles.count() == 3


def test_a_reader_comments_on_one_clause_and_the_table_names_it(client, consultation):
    html = client.get(consultation.get_absolute_url()).content.decode()
    assert f"{_form(consultation)}?dieu=3.2" in html and "Góp ý khoản 2" in html
    form = client.get(_form(consultation), {"dieu": "3.2"}).content.decode()
    assert 'value="3.2" selected' in form
    response = client.post(_form(consultation), comment_data(client, article="3.2"))
    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert (comment.article.number, comment.clause) == (3, 2)
    assert comment.target_label == "Điều 3. Phối hợp bảo vệ môi trường, khoản 2"
    from toasoan.consultations.export import rows

    assert rows(consultation)[0][1] == comment.target_label


@pytest.mark.parametrize("target", ["3.9", "3.", "3.2.1", "x.2", "1.1"])
def test_a_clause_the_article_does_not_have_is_refused(client, consultation, target):
    response = client.post(_form(consultation), comment_data(client, article=target))
    assert response.status_code == 400
    assert "Điều được chọn không có trong dự thảo." in response.content.decode()
    assert not ConsultationComment.objects.exists()
    assert client.get(_form(consultation), {"dieu": target}).status_code == 200
