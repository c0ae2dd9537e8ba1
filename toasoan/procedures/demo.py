"""Demo: a dozen procedures in three fields, imported through the JSON Lines importer (the
same path editors use). Idempotent: skipped when the first code is there."""

import json

DVC = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="
LAW_INVEST = "Luật Đầu tư số 61/2020/QH14; Nghị định số 31/2021/NĐ-CP."
LAW_LABOUR = "Bộ luật Lao động số 45/2019/QH14; Nghị định số 145/2020/NĐ-CP."
LAW_BUILD = "Luật Xây dựng số 50/2014/QH13; Nghị định số 15/2021/NĐ-CP."

PROCEDURES = [
    ("1.009763", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận "
     "chủ trương đầu tư", "Đầu tư", "15 ngày", "Không", LAW_INVEST),
    ("1.009764", "Điều chỉnh Giấy chứng nhận đăng ký đầu tư", "Đầu tư", "10 ngày", "Không",
     LAW_INVEST),
    ("1.009765", "Cấp lại Giấy chứng nhận đăng ký đầu tư", "Đầu tư", "05 ngày làm việc",
     "Không", LAW_INVEST),
    ("1.009766", "Chấm dứt hoạt động dự án đầu tư", "Đầu tư", "15 ngày", "Không", LAW_INVEST),
    ("1.009767", "Giãn tiến độ đầu tư", "Đầu tư", "15 ngày", "Không", LAW_INVEST),
    ("1.000464", "Đăng ký nội quy lao động của doanh nghiệp", "Lao động", "07 ngày làm việc",
     "Không", LAW_LABOUR),
    ("1.000459", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
     "Lao động", "05 ngày làm việc", "600.000 đồng/giấy phép", LAW_LABOUR),
    ("1.000105", "Gia hạn giấy phép lao động cho người lao động nước ngoài", "Lao động",
     "05 ngày làm việc", "450.000 đồng/giấy phép", LAW_LABOUR),
    ("2.000205", "Báo cáo giải trình nhu cầu sử dụng người lao động nước ngoài", "Lao động",
     "10 ngày", "Không", LAW_LABOUR),
    ("1.009972", "Cấp giấy phép xây dựng mới đối với công trình trong khu công nghiệp",
     "Xây dựng", "20 ngày", "150.000 đồng/giấy phép", LAW_BUILD),
    ("1.009973", "Điều chỉnh giấy phép xây dựng", "Xây dựng", "20 ngày",
     "150.000 đồng/giấy phép", LAW_BUILD),
    ("1.009974", "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng", "Xây dựng", "30 ngày",
     "Theo Thông tư số 27/2023/TT-BTC", LAW_BUILD),
]  # fmt: skip

DOCUMENTS = (
    "Văn bản đề nghị theo mẫu\nBản sao giấy tờ pháp lý của nhà đầu tư\n"
    "Báo cáo năng lực tài chính của nhà đầu tư\nCác tài liệu khác liên quan (nếu có)"
)


def load(stdout):
    from .importer import import_file
    from .models import Procedure

    if Procedure.objects.filter(code=PROCEDURES[0][0]).exists():
        return None
    lines = [
        json.dumps(
            {
                "code": code, "name": name, "field": field, "level": "Cấp tỉnh",
                "processing_time": time, "fees": fees, "documents_required": DOCUMENTS,
                "legal_basis": law, "online_service_url": DVC + code,
            },
            ensure_ascii=False,
        )
        for code, name, field, time, fees, law in PROCEDURES
    ]  # fmt: skip
    result = import_file("\n".join(lines).encode(), "demo.jsonl")
    if not result.ok:  # the demo data is ours: a failure here is a bug, say so loudly
        raise RuntimeError("; ".join(result.errors))
    _attach_forms()
    return f"{result.created} procedures"


def _attach_forms():
    """A generated application form (DOCX, written with python-docx) on the investment
    procedures, so the demo shows a download."""
    from .models import Procedure, ProcedureFormFile

    document = _form_document("Mẫu A.I.1 – Văn bản đề nghị thực hiện dự án đầu tư")
    for procedure in Procedure.objects.filter(field__name="Đầu tư"):
        ProcedureFormFile.objects.create(
            procedure=procedure, title=document.title, document=document
        )


def _form_document(title):
    import io

    from django.core.files.base import ContentFile
    from docx import Document as Docx
    from wagtail.documents import get_document_model

    docx = Docx()
    docx.add_heading("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", level=1)
    docx.add_paragraph("Độc lập – Tự do – Hạnh phúc")
    docx.add_heading(title, level=2)
    for label in ("Tên nhà đầu tư:", "Địa chỉ trụ sở:", "Tên dự án:", "Địa điểm thực hiện:"):
        docx.add_paragraph(label + " " + "." * 60)
    buffer = io.BytesIO()
    docx.save(buffer)
    return get_document_model().objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name="mau-de-nghi-du-an-dau-tu.docx")
    )
