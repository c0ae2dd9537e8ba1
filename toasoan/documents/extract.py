"""Full text of attachments, for search: pypdf for PDF, python-docx for DOCX, openpyxl
for XLSX. A file that cannot be read yields no text (and a log line), never an error."""

import logging

logger = logging.getLogger(__name__)
MAX_CHARS = 200_000


def extract_text(fileobj, ext):
    try:
        if ext == "pdf":
            text = _pdf(fileobj)
        elif ext == "docx":
            text = _docx(fileobj)
        elif ext == "xlsx":
            text = _xlsx(fileobj)
        else:
            return ""
    except Exception as error:  # noqa: BLE001 - any broken file: no text, keep going
        logger.warning("Could not extract text from a .%s attachment: %s", ext, error)
        return ""
    return text[:MAX_CHARS]


def _pdf(fileobj):
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    chunks, total = [], 0
    for page in reader.pages:
        chunk = page.extract_text() or ""
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_CHARS:
            break
    return "\n".join(chunks)


def _docx(fileobj):
    import docx

    document = docx.Document(fileobj)
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _xlsx(fileobj):
    from openpyxl import load_workbook

    workbook = load_workbook(fileobj, read_only=True, data_only=True)
    values, total = [], 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    values.append(str(value))
                    total += len(values[-1])
            if total > MAX_CHARS:
                return " ".join(values)
    return " ".join(values)
