import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from toasoan.documents.models import Document, DocumentField, DocumentType, IssuingBody

from .conftest import make_pdf

pytestmark = pytest.mark.django_db


def _record(**overrides):
    record = {
        "id": "vb-1",
        "number": "1234/QĐ-UBND",
        "type": "Quyết định",
        "issuer": "UBND Thành phố",
        "signer": "Nguyễn Văn A",
        "issued": "2023-03-10",
        "effective": None,
        "abstract": "Ban hành quy chế phối hợp quản lý khu công nghiệp",
        "fields": ["Đầu tư", "Xây dựng"],
        "attachments": [],
    }
    record.update(overrides)
    return record


def _write(tmp_path, lines):
    path = tmp_path / "van-ban.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines),
        encoding="utf-8",
    )
    return path


def test_import_creates_then_updates_without_duplicates(tmp_path, capsys):
    (tmp_path / "tep").mkdir()
    (tmp_path / "tep" / "qd.pdf").write_bytes(make_pdf("Quy che cang can"))
    path = _write(
        tmp_path,
        [
            _record(attachments=["tep/qd.pdf"]),
            _record(id="vb-2", number="45/TB-BQL", type="Thông báo", issuer="BQL", fields=[]),
        ],
    )
    call_command("legacy_import", str(path), "--format", "documents")
    assert Document.objects.count() == 2
    assert DocumentType.objects.count() == 2 and DocumentField.objects.count() == 2
    doc = Document.objects.get(external_id="vb-1")
    assert doc.live and doc.attachments.count() == 1 and "cang can" in doc.search_text
    path = _write(tmp_path, [_record(abstract="Sửa đổi trích yếu", attachments=["tep/qd.pdf"])])
    call_command("legacy_import", str(path), "--format", "documents")
    assert Document.objects.count() == 2
    doc.refresh_from_db()
    assert doc.abstract == "Sửa đổi trích yếu" and doc.attachments.count() == 1
    assert "1 updated" in capsys.readouterr().out


def test_bad_records_are_reported_with_line_numbers_and_the_rest_goes_on(tmp_path, capsys):
    (tmp_path / "gia.pdf").write_bytes(b"<html>not a pdf</html>")
    path = _write(
        tmp_path,
        [
            _record(id="ok-1"),
            "{not json",
            _record(id="bad-date", issued="10/03/2023"),
            _record(id="no-number", number=""),
            _record(id="disguised", attachments=["gia.pdf"]),
            _record(id="missing-file", attachments=["khong-co.pdf"]),
            _record(id="ok-2", number="2/QĐ-UBND"),
        ],
    )
    with pytest.raises(CommandError) as error:
        call_command("legacy_import", str(path), "--format", "documents")
    assert error.value.returncode == 1
    err = capsys.readouterr().err
    expected = (
        (2, "invalid JSON"),
        (3, "'issued' is not a date"),
        (4, "missing 'number'"),
        (5, "attachment gia.pdf: content does not match"),
        (6, "attachment not found"),
    )
    for line, text in expected:
        assert f"van-ban.jsonl:{line}: {text}" in err
    assert set(Document.objects.values_list("external_id", flat=True)) == {"ok-1", "ok-2"}
    assert IssuingBody.objects.count() == 1
