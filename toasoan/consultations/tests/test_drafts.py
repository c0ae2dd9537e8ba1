import io

import docx
import pytest

from toasoan.consultations.drafts import clauses, docx_text, split_articles

from .conftest import DRAFT_TEXT


def test_split_into_articles_with_chapters():
    preamble, articles = split_articles(DRAFT_TEXT)
    assert preamble.startswith("QUY CHẾ")
    assert [(a.number, a.heading) for a in articles] == [
        (1, "Phạm vi điều chỉnh"),
        (2, "Đối tượng áp dụng"),
        (3, "Phối hợp bảo vệ môi trường"),
    ]
    assert articles[0].chapter == "Chương I – QUY ĐỊNH CHUNG"
    assert articles[2].chapter == "Chương II – NỘI DUNG PHỐI HỢP"


def test_clauses_keep_their_points():
    _, articles = split_articles(DRAFT_TEXT)
    parts = clauses(articles[1].body)
    assert [n for n, _ in parts] == [1, 2]
    assert "b) Doanh nghiệp dịch vụ." in parts[1][1]


def test_decomposed_unicode_and_loose_spacing_are_understood():
    text = "Đi\u00ea\u0300u 7 :  Hiệu lực thi hành\nQuy chế có hiệu lực từ ngày ký."
    _, articles = split_articles(text)
    assert [(a.number, a.heading) for a in articles] == [(7, "Hiệu lực thi hành")]


def test_docx_upload_text():
    document = docx.Document()
    for line in DRAFT_TEXT.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    _, articles = split_articles(docx_text(buffer))
    assert len(articles) == 3


@pytest.mark.django_db
def test_articles_follow_the_text_but_commented_ones_stay(consultation):
    from toasoan.consultations.models import ConsultationComment

    article3 = consultation.articles.get(number=3)
    ConsultationComment.objects.create(
        consultation=consultation,
        article=article3,
        kind="person",
        name="An",
        email="an@example.vn",
        body="Góp ý điều 3",
    )
    consultation.text = DRAFT_TEXT.replace("Điều 3. Phối hợp bảo vệ môi trường", "Ghi chú")
    consultation.text += "\nĐiều 4. Hiệu lực\nCó hiệu lực từ ngày ký."
    consultation.save()
    assert list(consultation.articles.values_list("number", flat=True)) == [1, 2, 4, 3]
