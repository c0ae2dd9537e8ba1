"""Import procedures from JSON Lines or XLSX, all or nothing.

Each record (a JSON object per line, or a sheet row under a heading row) names the procedure's
code, name and field at least. Keys and headings may be English field names or the Vietnamese
headings of the national database's export ("Mã thủ tục", "Tên thủ tục", "Lĩnh vực", …),
accents optional. Every bad record gets a Vietnamese message with its line or row number; a
duplicate code (twice in the file, or already in the database without "update") is one of them.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from toasoan.vi.text import nfc, search_key

# Canonical key -> accepted folded names (JSON keys or sheet headings).
KEYS = {
    "code": ("code", "ma", "ma thu tuc", "ma tthc", "ma so"),
    "name": ("name", "ten", "ten thu tuc", "ten tthc"),
    "field": ("field", "linh vuc", "linh_vuc"),
    "level": ("level", "cap thuc hien", "cap_thuc_hien", "cap"),
    "processing_time": (
        "processing_time", "thoi han giai quyet", "thoi han", "thoi gian giai quyet",
    ),
    "fees": ("fees", "phi, le phi", "phi le phi", "le phi", "phi"),
    "documents_required": ("documents_required", "thanh phan ho so", "ho so"),
    "legal_basis": ("legal_basis", "can cu phap ly", "can cu"),
    "legal_basis_url": ("legal_basis_url", "lien ket can cu phap ly", "link can cu phap ly"),
    "online_service_url": (
        "online_service_url", "dich vu cong truc tuyen", "dich vu cong", "link dich vu cong",
    ),
}  # fmt: skip
LABELS = {"code": "Mã thủ tục", "name": "Tên thủ tục", "field": "Lĩnh vực"}
REQUIRED = ("code", "name", "field")
MAX_LENGTHS = {"code": 64, "name": 500, "field": 255, "level": 100, "processing_time": 500}
URL_KEYS = ("legal_basis_url", "online_service_url")
_LOOKUP = {name: key for key, names in KEYS.items() for name in names}


@dataclass
class ImportResult:
    records: list = field(default_factory=list)  # (line, dict)
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self):
        return not self.errors


def _canonical(name):
    key = search_key(str(name or "")).replace("_", " ")
    return _LOOKUP.get(key) or _LOOKUP.get(key.replace(" ", "_"))


def read_jsonl(data):
    """Records of a JSON Lines file: (line number, {canonical key: text})."""
    result = ImportResult()
    text = _decode(data, result)
    if text is None:
        return result
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            result.errors.append(
                _("Dòng %(row)s: không phải JSON hợp lệ (%(error)s).")
                % {"row": number, "error": error.msg}
            )
            continue
        if not isinstance(obj, dict):
            result.errors.append(
                _("Dòng %(row)s: mỗi dòng phải là một đối tượng JSON {…}.") % {"row": number}
            )
            continue
        record = {}
        for key, value in obj.items():
            canonical = _canonical(key)
            if canonical:
                record[canonical] = _text(value)
        result.records.append((number, record))
    return result


def _decode(data, result):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("Tệp JSON Lines phải dùng bảng mã UTF-8."))
        return None


def read_xlsx(data):
    """Records of the first sheet: the heading row is the first row naming "Mã thủ tục"."""
    from openpyxl import load_workbook

    result = ImportResult()
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        result.errors.append(_("Tệp không phải bảng tính XLSX hợp lệ (Excel 2007 trở lên)."))
        return result
    header_row, columns = None, {}
    for number, row in enumerate(rows[:20], start=1):
        found = {
            _canonical(cell): i for i, cell in reversed(list(enumerate(row))) if _canonical(cell)
        }
        if "code" in found and "name" in found:
            header_row, columns = number, found
            break
    if header_row is None:
        result.errors.append(
            _("Không tìm thấy dòng tiêu đề có các cột: Mã thủ tục, Tên thủ tục, Lĩnh vực.")
        )
        return result
    for number, row in enumerate(rows[header_row:], start=header_row + 1):
        record = {key: _text(row[i]) if i < len(row) else "" for key, i in columns.items()}
        if any(record.values()):
            result.records.append((number, record))
    return result


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    return nfc(str(value)).strip()


def validate(result, update=False):
    """Check every record; duplicates within the file and codes already stored are errors
    (unless ``update``)."""
    from .models import Procedure

    seen = {}
    codes = [r.get("code", "") for _n, r in result.records]
    stored = dict(Procedure.objects.filter(code__in=codes).values_list("code", "name"))
    for number, record in result.records:
        for error in _record_errors(record):
            result.errors.append(_("Dòng %(row)s: %(error)s") % {"row": number, "error": error})
        code = record.get("code", "")
        if not code:
            continue
        if code in seen:
            result.errors.append(
                _("Dòng %(row)s: mã thủ tục “%(code)s” trùng với dòng %(first)s.")
                % {"row": number, "code": code, "first": seen[code]}
            )
        elif code in stored and not update:
            result.errors.append(
                _(
                    "Dòng %(row)s: mã thủ tục “%(code)s” đã có (“%(name)s”). Chọn “Cập nhật thủ "
                    "tục đã có” nếu muốn ghi đè."
                )
                % {"row": number, "code": code, "name": stored[code]}
            )
        seen.setdefault(code, number)
    if not result.records and not result.errors:
        result.errors.append(_("Tệp không có thủ tục nào."))
    return result


def _record_errors(record):
    errors = []
    missing = [LABELS[key] for key in REQUIRED if not record.get(key)]
    if missing:
        errors.append(_("thiếu %(fields)s.") % {"fields": ", ".join(missing)})
    for key, limit in MAX_LENGTHS.items():
        if len(record.get(key, "")) > limit:
            errors.append(_("“%(key)s” dài quá %(limit)s ký tự.") % {"key": key, "limit": limit})
    if record.get("code"):
        from .models import code_validator

        try:
            code_validator(record["code"])
        except ValidationError as error:
            errors.extend(error.messages)
    for key in URL_KEYS:
        value = record.get(key, "")
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                errors.append(_("liên kết “%(value)s” không hợp lệ.") % {"value": value[:100]})
    return errors


def import_file(data, filename, update=False):
    """Read, validate and (only when every record is good) save, in one transaction."""
    from .models import Procedure, ProcedureField

    reader = read_xlsx if filename.lower().endswith(".xlsx") else read_jsonl
    result = reader(data)
    if result.errors:
        return result
    validate(result, update=update)
    if result.errors:
        return result
    with transaction.atomic():
        fields = {}
        for _number, record in result.records:
            name = record["field"]
            if name not in fields:
                fields[name], _created = ProcedureField.objects.get_or_create(name=name)
            values = {k: v for k, v in record.items() if k not in ("code", "field")}
            procedure, created = Procedure.objects.update_or_create(
                code=record["code"], defaults={**values, "field": fields[name]}
            )
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result
