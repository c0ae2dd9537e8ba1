"""Demo documents for an industrial-zones authority (run by ``news_load_demo``).

National documents keep their real number, date and abstract; the authority's own documents
and signers are invented for the demo (signers of invented ones are given by title only).

Idempotent: every document has an ``external_id`` starting with ``demo-`` and is created only
when missing. A few carry small generated PDF/DOCX files.
"""

import datetime as dt
import io

from django.core.files.base import ContentFile

from .models import (
    Document,
    DocumentAttachment,
    DocumentField,
    DocumentRelation,
    DocumentType,
    IssuingBody,
)

BQL = "Ban Quản lý các khu chế xuất và công nghiệp"
TYPES = [
    ("Luật", ""),
    ("Nghị định", "NĐ"),
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Thông tư", "TT"),
    ("Chỉ thị", "CT"),
    ("Kế hoạch", "KH"),
    ("Thông báo", "TB"),
    ("Công văn", ""),
    ("Báo cáo", "BC"),
]
BODIES = [
    ("Quốc hội", "QH"),
    ("Chính phủ", "CP"),
    ("Thủ tướng Chính phủ", "TTg"),
    ("Bộ Kế hoạch và Đầu tư", "BKHĐT"),
    ("Bộ Tài nguyên và Môi trường", "BTNMT"),
    ("Hội đồng nhân dân Thành phố", "HĐND"),
    ("Ủy ban nhân dân Thành phố", "UBND"),
    (BQL, "BQL"),
]
FIELDS = [
    "Đầu tư",
    "Môi trường",
    "Lao động – việc làm",
    "Xây dựng",
    "Xuất nhập khẩu",
    "Cải cách hành chính",
    "Thông tin điện tử",
]

# (key, number, type, body, signer, issued, effective, expiry, fields, abstract, file)
D = dt.date
DOCUMENTS = [
    (
        "luat-dt",
        "61/2020/QH14",
        "Luật",
        "Quốc hội",
        "Nguyễn Thị Kim Ngân",
        D(2020, 6, 17),
        D(2021, 1, 1),
        None,
        ["Đầu tư"],
        "Luật Đầu tư",
        "",
    ),
    (
        "luat-bvmt",
        "72/2020/QH14",
        "Luật",
        "Quốc hội",
        "Nguyễn Thị Kim Ngân",
        D(2020, 11, 17),
        D(2022, 1, 1),
        None,
        ["Môi trường"],
        "Luật Bảo vệ môi trường",
        "",
    ),
    (
        "nd82",
        "82/2018/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Nguyễn Xuân Phúc",
        D(2018, 5, 22),
        D(2018, 7, 10),
        None,
        ["Đầu tư"],
        "Quy định về quản lý khu công nghiệp và khu kinh tế",
        "",
    ),
    (
        "nd35",
        "35/2022/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Lê Văn Thành",
        D(2022, 5, 28),
        D(2022, 7, 15),
        None,
        ["Đầu tư", "Xây dựng"],
        "Quy định về quản lý khu công nghiệp và khu kinh tế",
        "pdf",
    ),
    (
        "nd31",
        "31/2021/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "",
        D(2021, 3, 26),
        D(2021, 3, 26),
        None,
        ["Đầu tư"],
        "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư",
        "",
    ),
    (
        "nd08",
        "08/2022/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Lê Văn Thành",
        D(2022, 1, 10),
        D(2022, 1, 10),
        None,
        ["Môi trường"],
        "Quy định chi tiết một số điều của Luật Bảo vệ môi trường",
        "",
    ),
    (
        "nd42",
        "42/2022/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "Vũ Đức Đam",
        D(2022, 6, 24),
        D(2022, 8, 1),
        None,
        ["Thông tin điện tử", "Cải cách hành chính"],
        "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước "
        "trên môi trường mạng",
        "pdf",
    ),
    (
        "tt02",
        "02/2022/TT-BTNMT",
        "Thông tư",
        "Bộ Tài nguyên và Môi trường",
        "Trần Hồng Hà",
        D(2022, 1, 10),
        D(2022, 1, 10),
        None,
        ["Môi trường"],
        "Quy định chi tiết thi hành một số điều của Luật Bảo vệ môi trường",
        "",
    ),
    (
        "qd-ubnd-1",
        "1234/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân Thành phố",
        "Phó Chủ tịch",
        D(2023, 4, 12),
        D(2023, 4, 12),
        None,
        ["Đầu tư", "Cải cách hành chính"],
        "Ban hành Quy chế phối hợp quản lý nhà nước đối với các khu chế xuất, khu công nghiệp "
        "trên địa bàn Thành phố",
        "docx",
    ),
    (
        "qd-ubnd-old",
        "2156/QĐ-UBND",
        "Quyết định",
        "Ủy ban nhân dân Thành phố",
        "Phó Chủ tịch",
        D(2019, 6, 3),
        D(2019, 6, 3),
        None,
        ["Đầu tư"],
        "Ban hành Quy chế phối hợp quản lý nhà nước đối với các khu chế xuất, khu công nghiệp "
        "(đã được thay thế)",
        "",
    ),
    (
        "ct-ubnd",
        "07/CT-UBND",
        "Chỉ thị",
        "Ủy ban nhân dân Thành phố",
        "Phó Chủ tịch",
        D(2024, 3, 1),
        D(2024, 3, 1),
        None,
        ["Môi trường"],
        "Về tăng cường công tác bảo vệ môi trường tại các khu công nghiệp, khu chế xuất",
        "",
    ),
    (
        "kh-01",
        "15/KH-BQL",
        "Kế hoạch",
        BQL,
        "Trưởng ban",
        D(2024, 1, 8),
        D(2024, 1, 8),
        None,
        ["Cải cách hành chính"],
        "Kế hoạch cải cách hành chính năm 2024",
        "pdf",
    ),
    (
        "kh-02",
        "42/KH-BQL",
        "Kế hoạch",
        BQL,
        "Phó Trưởng ban",
        D(2024, 3, 20),
        D(2024, 3, 20),
        None,
        ["Môi trường"],
        "Kế hoạch kiểm tra công tác bảo vệ môi trường tại doanh nghiệp khu chế xuất Tân Thuận "
        "năm 2024",
        "",
    ),
    (
        "kh-03",
        "88/KH-BQL",
        "Kế hoạch",
        BQL,
        "Trưởng ban",
        D(2024, 6, 5),
        D(2024, 6, 5),
        None,
        ["Lao động – việc làm"],
        "Kế hoạch tổ chức Tháng Công nhân và Tháng hành động về an toàn, "
        "vệ sinh lao động trong các khu chế xuất, khu công nghiệp",
        "",
    ),
    (
        "kh-04",
        "120/KH-BQL",
        "Kế hoạch",
        BQL,
        "Trưởng ban",
        D(2025, 1, 10),
        D(2025, 1, 10),
        None,
        ["Thông tin điện tử"],
        "Kế hoạch chuyển đổi số và phát triển cổng thông tin điện tử năm 2025",
        "",
    ),
    (
        "tb-01",
        "45/TB-BQL",
        "Thông báo",
        BQL,
        "Chánh Văn phòng",
        D(2024, 1, 5),
        D(2024, 1, 5),
        D(2024, 1, 31),
        ["Cải cách hành chính"],
        "Thông báo lịch tiếp doanh nghiệp của Lãnh đạo Ban tháng 01 năm 2024",
        "",
    ),
    (
        "tb-02",
        "112/TB-BQL",
        "Thông báo",
        BQL,
        "Chánh Văn phòng",
        D(2024, 7, 2),
        D(2024, 7, 2),
        None,
        ["Xây dựng"],
        "Thông báo tạm ngừng tiếp nhận hồ sơ cấp giấy phép xây dựng trực tiếp, chuyển sang "
        "tiếp nhận trực tuyến",
        "",
    ),
    (
        "tb-03",
        "230/TB-BQL",
        "Thông báo",
        BQL,
        "Chánh Văn phòng",
        D(2025, 2, 14),
        D(2025, 2, 14),
        None,
        ["Lao động – việc làm"],
        "Thông báo kết quả khảo sát nhu cầu tuyển dụng lao động của doanh nghiệp khu công nghiệp "
        "Hiệp Phước",
        "pdf",
    ),
    (
        "tb-04",
        "301/TB-BQL",
        "Thông báo",
        BQL,
        "Chánh Văn phòng",
        D(2025, 5, 20),
        D(2025, 5, 20),
        None,
        ["Xuất nhập khẩu"],
        "Thông báo hướng dẫn thủ tục cấp giấy chứng nhận xuất xứ hàng hóa trực tuyến",
        "",
    ),
    (
        "cv-01",
        "567/BQL-VP",
        "Công văn",
        BQL,
        "Chánh Văn phòng",
        D(2024, 2, 1),
        None,
        None,
        ["Môi trường"],
        "Về việc báo cáo tình hình xử lý nước thải tại khu chế xuất Linh Trung",
        "",
    ),
    (
        "cv-02",
        "812/BQL-QLDN",
        "Công văn",
        BQL,
        "Trưởng phòng Quản lý doanh nghiệp",
        D(2024, 4, 9),
        None,
        None,
        ["Lao động – việc làm"],
        "Về việc đăng ký nội quy lao động của doanh nghiệp trong khu công nghiệp",
        "",
    ),
    (
        "cv-03",
        "1045/BQL-QLĐT",
        "Công văn",
        BQL,
        "Trưởng phòng Quản lý đầu tư",
        D(2024, 8, 16),
        None,
        None,
        ["Đầu tư"],
        "Về việc hướng dẫn điều chỉnh giấy chứng nhận đăng ký đầu tư theo Nghị định 31/2021/NĐ-CP",
        "",
    ),
    (
        "cv-04",
        "1290/BQL-QLXD",
        "Công văn",
        BQL,
        "Trưởng phòng Quản lý xây dựng",
        D(2024, 10, 3),
        None,
        None,
        ["Xây dựng"],
        "Về việc thẩm định thiết kế phòng cháy chữa cháy nhà xưởng trong khu công nghiệp",
        "",
    ),
    (
        "cv-05",
        "1502/BQL-QLMT",
        "Công văn",
        BQL,
        "Trưởng phòng Quản lý môi trường",
        D(2024, 11, 21),
        None,
        None,
        ["Môi trường"],
        "Về việc lập hồ sơ đề nghị cấp giấy phép môi trường theo Luật Bảo vệ môi trường 2020",
        "",
    ),
    (
        "cv-06",
        "88/BQL-VP",
        "Công văn",
        BQL,
        "Chánh Văn phòng",
        D(2025, 1, 15),
        None,
        None,
        ["Xuất nhập khẩu"],
        "Về việc báo cáo kim ngạch xuất khẩu của doanh nghiệp chế xuất năm 2024",
        "",
    ),
    (
        "qd-bql-1",
        "25/QĐ-BQL",
        "Quyết định",
        BQL,
        "Trưởng ban",
        D(2024, 2, 26),
        D(2024, 3, 1),
        None,
        ["Cải cách hành chính"],
        "Ban hành Quy chế tiếp nhận và trả kết quả giải quyết thủ tục hành chính theo cơ chế "
        "một cửa",
        "",
    ),
    (
        "qd-bql-2",
        "146/QĐ-BQL",
        "Quyết định",
        BQL,
        "Trưởng ban",
        D(2024, 9, 9),
        D(2024, 9, 9),
        None,
        ["Thông tin điện tử"],
        "Ban hành Quy chế quản lý, vận hành Cổng thông tin điện tử của Ban Quản lý",
        "",
    ),
    (
        "qd-bql-3",
        "210/QĐ-BQL",
        "Quyết định",
        BQL,
        "Trưởng ban",
        D(2025, 3, 3),
        D(2025, 3, 3),
        D(2025, 12, 31),
        ["Lao động – việc làm"],
        "Thành lập Tổ công tác hỗ trợ doanh nghiệp tuyển dụng lao động năm 2025",
        "",
    ),
    (
        "bc-01",
        "19/BC-BQL",
        "Báo cáo",
        BQL,
        "Trưởng ban",
        D(2025, 1, 20),
        None,
        None,
        ["Đầu tư"],
        "Báo cáo tình hình thu hút đầu tư vào các khu chế xuất, khu công nghiệp năm 2024",
        "docx",
    ),
    (
        "nq-hdnd",
        "13/2024/NQ-HĐND",
        "Nghị quyết",
        "Hội đồng nhân dân Thành phố",
        "Chủ tịch",
        D(2024, 7, 12),
        D(2024, 8, 1),
        None,
        ["Đầu tư"],
        "Quy định chính sách hỗ trợ doanh nghiệp đầu tư đổi mới công nghệ trong khu công nghiệp",
        "",
    ),
    (
        "qd-future",
        "305/QĐ-BQL",
        "Quyết định",
        BQL,
        "Trưởng ban",
        D(2026, 11, 25),
        D(2027, 1, 1),
        None,
        ["Môi trường"],
        "Ban hành Quy định về phân loại, thu gom chất thải rắn công nghiệp thông thường tại các "
        "khu chế xuất, khu công nghiệp",
        "pdf",
    ),
]
RELATIONS = [
    ("nd35", "replaces", "nd82"),
    ("nd31", "guides", "luat-dt"),
    ("nd08", "guides", "luat-bvmt"),
    ("tt02", "guides", "luat-bvmt"),
    ("qd-ubnd-1", "replaces", "qd-ubnd-old"),
    ("cv-03", "guides", "nd31"),
]


def _pdf_bytes(lines):
    """A small real PDF (pypdf, standard font: accents folded since Helvetica lacks them)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    from toasoan.vi.text import fold_accents

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    commands = ["BT /F1 12 Tf 50 780 Td 16 TL"]
    for line in lines:
        safe = fold_accents(line).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        commands.append(f"({safe.encode('latin-1', 'replace').decode('latin-1')}) '")
    commands.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(commands).encode("latin-1", "replace"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx_bytes(lines):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _file_lines(number, doc_type, body, abstract):
    return [
        body.upper(),
        f"So: {number}",
        "",
        doc_type.upper(),
        abstract,
        "",
        "Dieu 1. Pham vi dieu chinh",
        "Van ban nay quy dinh ve " + abstract.lower() + ".",
        "Dieu 2. Hieu luc thi hanh",
        "Van ban co hieu luc ke tu ngay ky.",
    ]


def load(stdout):
    types = {
        n: DocumentType.objects.get_or_create(name=n, defaults={"code": c})[0] for n, c in TYPES
    }
    bodies = {
        n: IssuingBody.objects.get_or_create(name=n, defaults={"code": c})[0] for n, c in BODIES
    }
    fields = {n: DocumentField.objects.get_or_create(name=n)[0] for n in FIELDS}
    made = {}
    created = 0
    for (
        key,
        number,
        type_name,
        body,
        signer,
        issued,
        effective,
        expiry,
        field_names,
        abstract,
        file_kind,
    ) in DOCUMENTS:
        external_id = f"demo-{key}"
        document = Document.objects.filter(external_id=external_id).first()
        if document is None:
            document = Document(
                external_id=external_id,
                number=number,
                doc_type=types[type_name],
                issuer=bodies[body],
                signer=signer,
                issued=issued,
                effective=effective,
                expiry=expiry,
                abstract=abstract,
                live=True,
            )
            document.fields.set([fields[n] for n in field_names])
            document.save()
            if file_kind:
                lines = _file_lines(number, type_name, body, abstract)
                content = _pdf_bytes(lines) if file_kind == "pdf" else _docx_bytes(lines)
                name = number.replace("/", "-") + "." + file_kind
                DocumentAttachment(
                    document=document,
                    title=f"{type_name} {number}",
                    file=ContentFile(content, name=name),
                ).save()
                document.refresh_index()
            created += 1
        made[key] = document
    for source, kind, target in RELATIONS:
        DocumentRelation.objects.get_or_create(source=made[source], kind=kind, target=made[target])
    return f"{created} documents created ({len(DOCUMENTS)} in the demo set)" if created else ""
