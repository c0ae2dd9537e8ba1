import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from toasoan.documents.models import DocumentAttachment, DocumentRelation
from toasoan.documents.uploads import check_attachment

from .conftest import attach, make_pdf, relate

pytestmark = pytest.mark.django_db
LIST = "/van-ban/"
API = "/api/documents/"


def test_list_filters_are_in_the_url_and_combine(client, library, kinds):
    html = client.get(LIST, {"loai": kinds["qd"].slug, "nam": "2023"}).content.decode()
    assert "1234/QĐ-UBND" in html and "42/2022/NĐ-CP" not in html
    html = client.get(LIST, {"linh-vuc": kinds["mt"].slug}).content.decode()
    assert "567/BQL-VP" in html and "1234/QĐ-UBND" not in html
    html = client.get(LIST, {"hieu-luc": "chua-co-hieu-luc"}).content.decode()
    assert "15/2099/QĐ-UBND" in html and "45/TB-BQL" not in html


def test_list_sorts_by_effective_date(client, library):
    html = client.get(LIST, {"sap-xep": "ngay-hieu-luc"}).content.decode()
    assert html.index("15/2099/QĐ-UBND") < html.index("45/TB-BQL") < html.index("42/2022/NĐ-CP")


@pytest.mark.parametrize(
    "params, message",
    [
        ({"nam": "20a2"}, "Năm “20a2” không hợp lệ"),
        ({"nam": "1800"}, "Năm “1800” không hợp lệ"),
        ({"loai": "khong-co"}, "Không có loại văn bản “khong-co”"),
        ({"co-quan": "x" * 500}, "Không có cơ quan ban hành"),
        ({"hieu-luc": "vinh-vien"}, "Tình trạng hiệu lực “vinh-vien” không hợp lệ"),
        ({"sap-xep": "'; drop"}, "Cách sắp xếp"),
    ],
)
def test_bad_filters_get_a_vietnamese_message_never_a_500(client, library, params, message):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    api = client.get(
        API,
        {
            {
                "loai": "type",
                "co-quan": "issuer",
                "nam": "year",
                "hieu-luc": "status",
                "sap-xep": "sort",
            }[k]: v
            for k, v in params.items()
        },
    )
    assert api.status_code == 400 and api.json()["message"]


@pytest.mark.parametrize(
    "q", ["42/2022/%00", '"unbalanced', "\x00", "NĐ-CP ' OR 1=1 --", "9" * 300, "/" * 50]
)
def test_hostile_queries_never_fail(client, library, q):
    assert client.get(LIST, {"q": q, "page": "-3"}).status_code == 200
    assert client.get(API, {"q": q}).status_code == 200


def test_api_shape_and_paging(client, library):
    data = client.get(API, {"q": "nd 42/2022", "limit": 1}).json()
    assert data["total"] == 2 and len(data["results"]) == 1
    first = data["results"][0]
    assert set(first) == {
        "external_id",
        "number",
        "type",
        "issuer",
        "issued",
        "effective",
        "status",
        "abstract",
        "url",
    }
    assert first["number"] == "42/2022/NĐ-CP" and first["issued"] == "2022-06-24"
    assert first["status"] == "con-hieu-luc" and first["type"] == "Nghị định"
    assert first["url"].endswith(f"/van-ban/{library['nd42'].pk}/")
    second = client.get(API, {"q": "nd 42/2022", "limit": 1, "offset": 1}).json()
    assert second["results"][0]["number"] == "42/2019/NĐ-CP"
    assert client.get(API, {"limit": "abc"}).status_code == 400
    assert client.get(API, {"offset": "-1"}).json()["message"]


def test_api_filters_by_name_or_slug(client, library):
    data = client.get(API, {"type": "quyet dinh", "issuer": "UBND", "year": "2023"}).json()
    assert [r["number"] for r in data["results"]] == ["1234/QĐ-UBND"]


def test_detail_shows_metadata_relations_both_ways_and_downloads(client, library):
    relate(library["nd42"], DocumentRelation.Kind.REPLACES, library["nd42_old"])
    pdf = attach(library["nd42"], "nghi-dinh-42.pdf", make_pdf("Dieu 1"))
    html = client.get(f"/van-ban/{library['nd42'].pk}/").content.decode()
    for text in (
        "42/2022/NĐ-CP",
        "Chính phủ",
        "24/06/2022",
        "01/08/2022",
        "Còn hiệu lực",
        "Thay thế",
        "42/2019/NĐ-CP",
        "PDF",
        pdf.get_preview_url(),
        "In văn bản",
    ):
        assert text in html
    old = client.get(f"/van-ban/{library['nd42_old'].pk}/").content.decode()
    assert "Bị thay thế bởi" in old and "Hết hiệu lực" in old


def test_detail_page_may_frame_only_its_own_pdf(client, library):
    pdf = attach(library["nd42"], "nd.pdf", make_pdf())
    page = client.get(f"/van-ban/{library['nd42'].pk}/")
    frame_src = next(
        d for d in page["Content-Security-Policy"].split("; ") if d.startswith("frame-src")
    )
    assert "'self'" in frame_src.split()
    preview = client.get(pdf.get_preview_url())
    assert preview["Content-Type"] == "application/pdf"
    assert "inline" in preview["Content-Disposition"]
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "default-src 'none'" in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    download = client.get(pdf.get_absolute_url())
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_drafts_and_their_files_are_not_public(client, library):
    assert client.get(f"/van-ban/{library['draft'].pk}/").status_code == 404
    pdf = attach(library["draft"], "nhap.pdf", make_pdf())
    assert client.get(pdf.get_absolute_url()).status_code == 404
    assert client.get(f"/van-ban/tep/{pdf.pk}/khac.pdf").status_code == 404


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("quyet-dinh.pdf", b"<html><script>alert(1)</script></html>", "không phải định dạng .pdf"),
        ("bang.xlsx", b"MZ\x90\x00 fake exe", "không phải định dạng .xlsx"),
        ("virus.exe", b"MZ\x90\x00", "Chỉ nhận tệp"),
    ],
)
def test_disguised_attachments_are_refused(name, content, message):
    with pytest.raises(ValidationError) as error:
        check_attachment(SimpleUploadedFile(name, content))
    assert message in " ".join(error.value.messages)


def test_oversized_attachment_is_refused(settings):
    settings.TOASOAN_DOCUMENTS = {"ATTACHMENT_MAX_SIZE": 1024}
    with pytest.raises(ValidationError) as error:
        check_attachment(SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"0" * 2048))
    assert "Tệp quá lớn" in " ".join(error.value.messages)


def _admin_form(kinds, **extra):
    data = {
        "number": "12/QĐ-BQL",
        "doc_type": kinds["qd"].pk,
        "issuer": kinds["bql"].pk,
        "issued": "2024-05-02",
        "abstract": "Quyết định thử",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "attachments-0-title": "Tệp",
        "relations-TOTAL_FORMS": "0",
        "relations-INITIAL_FORMS": "0",
        "relations-MIN_NUM_FORMS": "0",
        "relations-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_admin_refuses_a_disguised_attachment_and_stores_nothing(client, kinds):
    admin = get_user_model().objects.create_superuser("qt", "qt@example.vn", "mat-khau-qt-123")
    client.force_login(admin)
    url = reverse("wagtailsnippets_documents_document:add")
    response = client.post(
        url,
        _admin_form(
            kinds, **{"attachments-0-file": SimpleUploadedFile("qd.pdf", b"<html>no</html>")}
        ),
    )
    assert response.status_code == 200
    assert "không phải định dạng .pdf" in response.content.decode()
    assert not DocumentAttachment.objects.exists()
    response = client.post(
        url,
        _admin_form(
            kinds,
            **{
                "attachments-0-file": SimpleUploadedFile("qd.pdf", make_pdf("Cang can")),
                "action-publish": "publish",
            },
        ),
    )
    assert response.status_code == 302
    assert client.get(API, {"q": "cang can"}).json()["total"] == 1


def test_reporter_can_draft_but_not_publish(client, kinds):
    from django.contrib.auth.models import Group

    reporters = Group.objects.get(name="Phóng viên")
    user = get_user_model().objects.create_user("pv", "pv@example.vn", "mat-khau-pv-123")
    user.groups.add(reporters)
    assert user.has_perm("documents.add_document")
    assert not user.has_perm("documents.publish_document")
    editor = get_user_model().objects.create_user("btv", "btv@example.vn", "mat-khau-btv-123")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    assert editor.has_perm("documents.publish_document")


def test_site_search_shows_documents_next_to_articles(client, library):
    html = client.get("/tim-kiem/", {"q": "nd 42/2022"}).content.decode()
    assert "search-documents" in html and "42/2022/NĐ-CP" in html


def test_menu_links_the_documents_list(client, library):
    from toasoan.core.portal import sections

    assert "documents" in [s.key for s in sections()]
    assert json.loads(json.dumps(reverse("documents:list"))) == "/van-ban/"


def test_api_and_list_statuses_cost_one_query_per_page(client, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from toasoan.documents.models import Document

    relate(library["nd42"], DocumentRelation.Kind.REPLACES, library["nd42_old"])
    expected = {d.number: d.status for d in Document.objects.public()}
    assert expected["42/2019/NĐ-CP"] == "het-hieu-luc"  # replaced: status from a relation
    counts = {}
    for limit in (1, 20):
        with CaptureQueriesContext(connection) as queries:
            data = client.get(API, {"limit": limit}).json()
        counts[limit] = len(queries)
        assert {r["number"]: r["status"] for r in data["results"]} == {
            r["number"]: expected[r["number"]] for r in data["results"]
        }
    assert len(data["results"]) == len(expected) > 1
    assert counts[20] == counts[1]
    page = client.get(LIST)
    assert page.status_code == 200
    assert "documents-status--het-hieu-luc" in page.content.decode()
