import datetime as dt

import pytest

from toasoan.documents.models import Document, DocumentRelation, Status
from toasoan.documents.search import search_documents

from .conftest import TODAY, attach, make_docx, make_pdf, relate

pytestmark = pytest.mark.django_db


def first(query):
    results = search_documents(query)
    return results.documents[0].number if results.documents else None


def top(query, n=5):
    return [d.number for d in search_documents(query).documents[:n]]


@pytest.mark.parametrize(
    "typed",
    [
        "nd 42/2022",
        "NĐ-CP 42 2022",
        "42/2022",
        "nghi dinh 42 2022",
        "42/2022/nd-cp",
        "Nghị định 42/2022/NĐ-CP",
    ],
)
def test_number_year_and_type_put_the_decree_first(library, typed):
    assert first(typed) == "42/2022/NĐ-CP"


def test_number_and_type_without_year_finds_both_decrees_in_top_five(library):
    found = top("NĐ-CP 42")
    assert set(found[:2]) == {"42/2022/NĐ-CP", "42/2019/NĐ-CP"}


def test_year_of_the_old_decree_wins_when_typed(library):
    assert first("nd 42 2019") == "42/2019/NĐ-CP"


def test_decision_and_notice_by_loose_number(library):
    assert first("qd 1234 ubnd") == "1234/QĐ-UBND"
    assert first("thông báo 45 bql") == "45/TB-BQL"
    assert first("cong van 567") == "567/BQL-VP"


def test_drafts_are_never_found(library):
    assert "99/QĐ-BQL" not in top("99 bql")
    assert search_documents("Bản nháp").total == 0


def test_abstract_words_without_accents_and_abbreviations(library):
    assert first("xu ly nuoc thai") == "567/BQL-VP"
    assert "1234/QĐ-UBND" in top("khu cong nghiep")
    # "kcx" is the portal's abbreviation for "khu chế xuất" (toasoan.search synonyms).
    assert "567/BQL-VP" in top("nuoc thai kcx")


def test_attachment_full_text_is_searchable(library):
    attach(library["tb45"], "lich.pdf", make_pdf("Lich tiep doanh nghiep Linh Trung"))
    attach(library["qd1234"], "quyche.docx", make_docx(["Điều 1. Phạm vi điều chỉnh: cảng cạn"]))
    assert first("linh trung") == "45/TB-BQL"
    assert first("cang can") == "1234/QĐ-UBND"


def test_status_from_dates_and_relations(library):
    assert library["nd42"].status == Status.IN_FORCE
    assert library["future"].status == Status.NOT_YET
    relate(library["nd42"], DocumentRelation.Kind.REPLACES, library["nd42_old"])
    assert Document.objects.get(pk=library["nd42_old"].pk).status == Status.EXPIRED
    library["tb45"].expiry = TODAY - dt.timedelta(days=1)
    library["tb45"].save()
    expired = Document.objects.public().with_status(Status.EXPIRED)
    assert set(expired.values_list("number", flat=True)) == {"42/2019/NĐ-CP", "45/TB-BQL"}
    not_yet = Document.objects.public().with_status(Status.NOT_YET)
    assert list(not_yet.values_list("number", flat=True)) == ["15/2099/QĐ-UBND"]
    in_force = set(
        Document.objects.public().with_status(Status.IN_FORCE).values_list("number", flat=True)
    )
    assert in_force == {"42/2022/NĐ-CP", "1234/QĐ-UBND", "567/BQL-VP"}


def test_a_replacement_not_yet_in_force_does_not_end_the_old_one(library):
    relate(library["future"], DocumentRelation.Kind.REPLACES, library["qd1234"])
    assert Document.objects.get(pk=library["qd1234"].pk).status == Status.IN_FORCE


def test_replacing_an_attachment_file_reindexes_its_text(library):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from toasoan.documents.models import DocumentAttachment

    attachment = attach(library["tb45"], "lich.pdf", make_pdf("Lich cu Tan Thuan"))
    attachment = DocumentAttachment.objects.get(pk=attachment.pk)
    attachment.file = SimpleUploadedFile("lich-moi.pdf", make_pdf("Lich moi Hiep Phuoc"))
    attachment.save()
    library["tb45"].refresh_index()
    assert first("hiep phuoc") == "45/TB-BQL"
    assert search_documents("tan thuan").total == 0


def test_word_matches_are_counted_up_to_a_cap(library, monkeypatch, client):
    from toasoan.documents import search, views

    monkeypatch.setattr(search, "COUNT_LIMIT", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    results = search_documents("quy", limit=1)
    assert results.total == 2 and results.capped and len(results.documents) == 1
    data = client.get("/api/documents/", {"q": "quy", "limit": 1}).json()
    assert data["total"] == 2 and data["total_capped"] is True
    assert "Tìm thấy hơn 2 văn bản" in client.get("/van-ban/", {"q": "quy"}).content.decode()
    exact = search_documents("nuoc thai", limit=5)
    assert exact.total == 1 and not exact.capped
