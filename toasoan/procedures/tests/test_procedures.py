"""Procedures: import from JSON Lines and XLSX (per-row messages, duplicate codes, all or
nothing), search without accents, the public list grouped by field and the detail page."""

import io
import json

import pytest
from django.core.cache import cache
from openpyxl import Workbook

from toasoan.news.tests.factories import make_home
from toasoan.procedures import demo
from toasoan.procedures.importer import import_file
from toasoan.procedures.models import Procedure, ProcedureField, search


@pytest.fixture(autouse=True)
def _site(db):
    cache.clear()
    make_home()
    yield
    cache.clear()


def jsonl(*records):
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()


def xlsx(header, *rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


INVEST = {"code": "1.009763", "name": "Cấp Giấy chứng nhận đăng ký đầu tư", "field": "Đầu tư"}
LABOUR = {"ma_thu_tuc": "1.000464", "ten_thu_tuc": "Đăng ký nội quy lao động",
          "linh_vuc": "Lao động", "thoi_han": "07 ngày"}  # fmt: skip


def test_jsonl_import_with_english_or_vietnamese_keys():
    result = import_file(jsonl(INVEST, LABOUR), "tthc.jsonl")
    assert result.ok and result.created == 2
    labour = Procedure.objects.get(code="1.000464")
    assert labour.field.name == "Lao động" and labour.processing_time == "07 ngày"


def test_jsonl_bad_lines_are_numbered_and_nothing_is_saved():
    data = b"\n".join(
        [
            json.dumps(INVEST, ensure_ascii=False).encode(),
            b"{not json",
            b"[1, 2]",
            json.dumps({"code": "1.2", "field": "Đầu tư"}).encode(),
            json.dumps({**INVEST, "online_service_url": "javascript:alert(1)"}).encode(),
        ]
    )
    result = import_file(data, "tthc.jsonl")
    assert result.errors[0].startswith("Dòng 2: không phải JSON hợp lệ")
    assert result.errors[1] == "Dòng 3: mỗi dòng phải là một đối tượng JSON {…}."
    assert Procedure.objects.count() == 0
    result = import_file(b"\n".join(data.split(b"\n")[3:]), "tthc.jsonl")
    assert "Dòng 1: thiếu Tên thủ tục." in result.errors
    assert "Dòng 2: liên kết “javascript:alert(1)” không hợp lệ." in result.errors
    assert Procedure.objects.count() == 0


CODE_MESSAGE = "Mã thủ tục chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang; không có khoảng trắng."


def test_code_that_cannot_be_a_url_is_refused():
    result = import_file(
        jsonl({**INVEST, "code": "1.009/763"}, {**INVEST, "code": "1 2"}), "a.jsonl"
    )
    assert result.errors == [
        "Dòng 1: " + CODE_MESSAGE,
        "Dòng 2: " + CODE_MESSAGE,
    ]


def test_duplicate_code_in_file_and_in_database():
    result = import_file(jsonl(INVEST, LABOUR, INVEST), "tthc.jsonl")
    assert result.errors == ["Dòng 3: mã thủ tục “1.009763” trùng với dòng 1."]
    assert Procedure.objects.count() == 0
    assert import_file(jsonl(INVEST), "a.jsonl").ok
    result = import_file(jsonl(LABOUR, {**INVEST, "name": "Tên mới"}), "b.jsonl")
    assert result.errors[0].startswith("Dòng 2: mã thủ tục “1.009763” đã có (“Cấp Giấy")
    assert Procedure.objects.count() == 1  # the good first line was not saved either
    result = import_file(jsonl({**INVEST, "name": "Tên mới"}), "b.jsonl", update=True)
    assert result.ok and result.updated == 1
    assert Procedure.objects.get(code="1.009763").name == "Tên mới"


def test_xlsx_import_finds_the_heading_row():
    header = ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Phí, lệ phí"]
    data = xlsx(header, [1, "1.000459", "Cấp giấy phép lao động", "Lao động", "Cấp tỉnh",
                         "600.000 đồng"], [None] * 6, [3, 2000205, "Báo cáo giải trình",
                                                        "Lao động", "", ""])  # fmt: skip
    result = import_file(data, "tthc.xlsx")
    assert result.ok, result.errors
    assert Procedure.objects.get(code="2000205").name == "Báo cáo giải trình"
    assert Procedure.objects.get(code="1.000459").fees == "600.000 đồng"


def test_xlsx_errors_name_rows():
    data = xlsx(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực"], ["1.1", "", "Đầu tư"],
                ["1.1", "Tên", "Đầu tư"])  # fmt: skip
    result = import_file(data, "tthc.xlsx")
    assert result.errors == [
        "Dòng 3: thiếu Tên thủ tục.",
        "Dòng 4: mã thủ tục “1.1” trùng với dòng 3.",
    ]
    assert import_file(xlsx(["Tên", "Việc"], ["a", "b"]), "x.xlsx").errors == [
        "Không tìm thấy dòng tiêu đề có các cột: Mã thủ tục, Tên thủ tục, Lĩnh vực."
    ]
    assert "không phải bảng tính XLSX" in import_file(b"PK\x03\x04rubbish", "x.xlsx").errors[0]


def test_search_without_accents():
    import_file(jsonl(INVEST, LABOUR), "tthc.jsonl")
    assert [p.code for p in search("dang ky dau tu")] == ["1.009763"]
    assert sorted(p.code for p in search("ĐĂNG KÝ")) == ["1.000464", "1.009763"]
    assert [p.code for p in search("noi quy")] == ["1.000464"]
    assert list(search("uy")) == []  # no match inside a word ("quy")
    assert [p.code for p in search("1.000464")] == ["1.000464"]


def test_public_list_grouped_by_field_and_searchable(client):
    import_file(jsonl(INVEST, LABOUR), "tthc.jsonl")
    html = client.get("/thu-tuc-hanh-chinh/").content.decode()
    assert html.index(">Đầu tư <") < html.index("Cấp Giấy chứng nhận")
    html = client.get("/thu-tuc-hanh-chinh/", {"q": "noi quy lao dong"}).content.decode()
    assert "Đăng ký nội quy lao động" in html and "Cấp Giấy chứng nhận" not in html
    assert "Tìm thấy 1 thủ tục." in html
    for params in ({"q": '"'}, {"q": "x" * 5000}, {"linh-vuc": "abc"}, {"q": "\x00"}):
        assert client.get("/thu-tuc-hanh-chinh/", params).status_code == 200


def test_detail_page(client):
    record = {**INVEST, "documents_required": "Đơn đề nghị\nBản sao CCCD"}
    record["online_service_url"] = "https://dichvucong.gov.vn/x"
    import_file(jsonl(record), "a.jsonl")
    html = client.get("/thu-tuc-hanh-chinh/1.009763/").content.decode()
    assert "<li>Đơn đề nghị</li><li>Bản sao CCCD</li>" in html
    assert 'href="https://dichvucong.gov.vn/x"' in html
    assert client.get("/thu-tuc-hanh-chinh/khong-co/").status_code == 404


def test_demo_loader_is_idempotent(client):
    assert demo.load(None) == "12 procedures"
    assert demo.load(None) is None
    assert Procedure.objects.count() == 12 and ProcedureField.objects.count() == 3
    procedure = Procedure.objects.get(code="1.009763")
    assert procedure.forms.get().document.file.name.endswith(".docx")
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Mẫu A.I.1 – Văn bản đề nghị thực hiện dự án đầu tư</a>" in html
    assert "(DOCX)" in html


def test_admin_import_page(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("t.jsonl", jsonl(INVEST, INVEST))
    response = admin_client.post("/quan-tri/thu-tuc-hanh-chinh/nhap/", {"file": upload})
    assert "Dòng 2: mã thủ tục “1.009763” trùng với dòng 1." in response.content.decode()
    upload = SimpleUploadedFile("t.csv", b"a,b")
    response = admin_client.post("/quan-tri/thu-tuc-hanh-chinh/nhap/", {"file": upload})
    assert "Chỉ nhận tệp .jsonl hoặc .xlsx." in response.content.decode()
    upload = SimpleUploadedFile("t.jsonl", jsonl(INVEST))
    response = admin_client.post("/quan-tri/thu-tuc-hanh-chinh/nhap/", {"file": upload})
    assert response.status_code == 302 and Procedure.objects.count() == 1
