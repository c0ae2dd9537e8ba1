"""Build small XLSX sheets in memory for the importer tests."""

import io

from openpyxl import Workbook

HEADER = ["Thứ/Ngày", "Thời gian", "Nội dung", "Thành phần", "Địa điểm", "Chủ trì",
          "Đơn vị chuẩn bị"]  # fmt: skip


def sheet(rows, header=HEADER, title_rows=(), merges=()):
    workbook = Workbook()
    ws = workbook.active
    for row in title_rows:
        ws.append(row)
    ws.append(header)
    for row in rows:
        ws.append(row)
    for merge in merges:
        ws.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
