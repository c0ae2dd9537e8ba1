import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from toasoan.documents.models import (
    Document,
    DocumentAttachment,
    DocumentField,
    DocumentRelation,
    DocumentType,
    IssuingBody,
)

TODAY = dt.date.today()


def make_pdf(text="Noi dung van ban"):
    """A real one-page PDF holding ``text`` (pypdf writes it; no external tool)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(paragraphs):
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def kinds(db):
    return {
        "nd": DocumentType.objects.create(name="Nghị định", code="NĐ"),
        "qd": DocumentType.objects.create(name="Quyết định", code="QĐ"),
        "tb": DocumentType.objects.create(name="Thông báo", code="TB"),
        "cv": DocumentType.objects.create(name="Công văn"),
        "cp": IssuingBody.objects.create(name="Chính phủ", code="CP"),
        "ubnd": IssuingBody.objects.create(name="Ủy ban nhân dân Thành phố", code="UBND"),
        "bql": IssuingBody.objects.create(
            name="Ban Quản lý các khu chế xuất và công nghiệp", code="BQL"
        ),
        "dt": DocumentField.objects.create(name="Đầu tư"),
        "mt": DocumentField.objects.create(name="Môi trường"),
    }


def make_document(kinds, number, type_key, issuer_key, issued, abstract, **extra):
    fields = extra.pop("fields", [])
    doc = Document.objects.create(
        number=number,
        doc_type=kinds[type_key],
        issuer=kinds[issuer_key],
        issued=issued,
        abstract=abstract,
        live=True,
        **extra,
    )
    if fields:
        doc.fields.set([kinds[f] for f in fields])
        doc.save()  # ParentalManyToManyField: written on save
    return doc


@pytest.fixture
def library(kinds):
    d = {}
    d["nd42"] = make_document(
        kinds,
        "42/2022/NĐ-CP",
        "nd",
        "cp",
        dt.date(2022, 6, 24),
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước",
        effective=dt.date(2022, 8, 1),
        fields=["dt"],
    )
    d["nd42_old"] = make_document(
        kinds,
        "42/2019/NĐ-CP",
        "nd",
        "cp",
        dt.date(2019, 5, 16),
        "Quy định xử phạt vi phạm hành chính trong lĩnh vực bảo hiểm",
        effective=dt.date(2019, 7, 1),
    )
    d["qd1234"] = make_document(
        kinds,
        "1234/QĐ-UBND",
        "qd",
        "ubnd",
        dt.date(2023, 3, 10),
        "Ban hành quy chế phối hợp quản lý nhà nước đối với các khu công nghiệp",
        effective=dt.date(2023, 3, 10),
        fields=["dt"],
    )
    d["tb45"] = make_document(
        kinds,
        "45/TB-BQL",
        "tb",
        "bql",
        dt.date(2024, 1, 5),
        "Thông báo lịch tiếp doanh nghiệp tháng 01 năm 2024",
        effective=dt.date(2024, 1, 5),
    )
    d["cv567"] = make_document(
        kinds,
        "567/BQL-VP",
        "cv",
        "bql",
        dt.date(2024, 2, 1),
        "Về việc báo cáo tình hình xử lý nước thải tại khu chế xuất",
        fields=["mt"],
    )
    d["future"] = make_document(
        kinds,
        "15/2099/QĐ-UBND",
        "qd",
        "ubnd",
        TODAY,
        "Quy định mới về môi trường",
        effective=TODAY + dt.timedelta(days=30),
    )
    d["draft"] = Document.objects.create(
        number="99/QĐ-BQL",
        doc_type=kinds["qd"],
        issuer=kinds["bql"],
        issued=TODAY,
        abstract="Bản nháp chưa xuất bản",
        live=False,
    )
    return d


def attach(document, name, content):
    attachment = DocumentAttachment(
        document=document, title=name, file=SimpleUploadedFile(name, content)
    )
    attachment.save()
    document.refresh_index()
    return attachment


def relate(source, kind, target):
    return DocumentRelation.objects.create(source=source, kind=kind, target=target)
