"""The summary table of comments on a draft ("Bảng tổng hợp, tiếp thu, giải trình ý kiến")
as DOCX (python-docx) and XLSX (openpyxl), in the layout Vietnamese agencies use."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ConsultationComment

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers():
    return [
        _("STT"),
        _("Điều khoản dự thảo"),
        _("Tổ chức/cá nhân góp ý"),
        _("Nội dung góp ý"),
        _("Ý kiến tiếp thu, giải trình"),
    ]


def title(consultation):
    return _("BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý %(title)s") % {
        "title": consultation.title.upper()
    }


def rows(consultation):
    """Every received comment (rejected spam left out), whole-draft comments first, then by
    article; each row: STT, article, commenter, comment, response."""
    comments = (
        consultation.comments.exclude(status=ConsultationComment.Status.REJECTED)
        .select_related("article")
        .order_by("article__sort_order", "article__number", "clause", "created_at")
    )
    result = []
    ordered = sorted(comments, key=lambda c: (c.article_id is not None,))
    for index, comment in enumerate(ordered, start=1):
        response = comment.response
        if comment.response_kind:
            label = ConsultationComment.Response(comment.response_kind).label
            response = f"{label}: {response}" if response else str(label)
        result.append([index, comment.target_label, comment.commenter, comment.body, response])
    return result


def as_xlsx(consultation):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tổng hợp ý kiến")[:31]
    sheet.append([title(consultation)])
    sheet.append([_("Thời gian lấy ý kiến: %(opens)s – %(closes)s") % _period(consultation)])
    sheet.append([])
    sheet.append(headers())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows(consultation):
        sheet.append(row)
    for column, width in zip("ABCDE", (6, 28, 28, 60, 60), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_docx(consultation):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    heading = document.add_paragraph()
    heading.add_run(title(consultation)).bold = True
    document.add_paragraph(
        _("Thời gian lấy ý kiến: %(opens)s – %(closes)s") % _period(consultation)
    )
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers(), strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows(consultation):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _period(consultation):
    fmt = "%H:%M %d/%m/%Y"
    return {
        "opens": timezone.localtime(consultation.opens).strftime(fmt),
        "closes": timezone.localtime(consultation.closes).strftime(fmt),
    }
