"""`toasoan import --format documents FILE.jsonl`: documents from JSON Lines.

One document per line: ``id`` (kept as ``external_id``; re-running updates, never
duplicates), ``number``, ``type``, ``issuer``, ``signer``, ``issued``, ``effective``
(``YYYY-MM-DD``, ``effective`` may be null), ``abstract``, ``fields`` (names) and
``attachments`` (paths relative to the JSONL file). Unknown types, bodies and fields are
created. Each line is its own transaction: a bad record is reported with its line number and
leaves nothing behind, and the rest goes on.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from toasoan.vi.text import nfc

from .models import Document, DocumentAttachment, DocumentField, DocumentType, IssuingBody
from .uploads import check_attachment

# The command speaks English (CLI); the admin shows check_attachment's Vietnamese messages.
_ATTACHMENT_ERRORS = {
    "type": "not an allowed type (PDF, DOC, DOCX, XLS, XLSX, ZIP)",
    "size": "file too large",
    "content": "content does not match the extension (disguised file)",
}
REQUIRED = ("id", "number", "type", "issuer", "issued", "abstract")


class RecordError(Exception):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    failures: list = field(default_factory=list)  # "FILE:LINE: message"

    @property
    def failed(self):
        return len(self.failures)


def _date(record, name, required):
    value = record.get(name)
    if value in (None, ""):
        if required:
            raise RecordError(f"'{name}' is required (YYYY-MM-DD)")
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise RecordError(f"'{name}' is not a date YYYY-MM-DD: {value!r}") from error


def _text(record, name, limit):
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"'{name}' must be a string")
    value = nfc(value).strip().replace("\x00", "")
    if len(value) > limit:
        raise RecordError(f"'{name}' is longer than {limit} characters")
    return value


def _named(model, name, cache):
    key = (model, name.casefold())
    if key not in cache:
        found = model.objects.filter(name__iexact=name).first()
        cache[key] = found or model.objects.create(name=name)
    return cache[key]


def _parse(record):
    if not isinstance(record, dict):
        raise RecordError("a line must be a JSON object")
    missing = [name for name in REQUIRED if record.get(name) in (None, "")]
    if missing:
        raise RecordError("missing " + ", ".join(f"'{m}'" for m in missing))
    fields = record.get("fields") or []
    attachments = record.get("attachments") or []
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise RecordError("'fields' must be a list of names")
    if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
        raise RecordError("'attachments' must be a list of file paths")
    return {
        "external_id": str(record["id"])[:100],
        "number": _text(record, "number", 100),
        "type": _text(record, "type", 200),
        "issuer": _text(record, "issuer", 200),
        "signer": _text(record, "signer", 200),
        "issued": _date(record, "issued", True),
        "effective": _date(record, "effective", False),
        "expiry": _date(record, "expiry", False),
        "abstract": _text(record, "abstract", 20_000),
        "fields": [nfc(f).strip() for f in fields if f.strip()],
        "attachments": attachments,
    }


def _attachment_files(folder, paths):
    files = []
    for relative in paths:
        path = (folder / relative).resolve()
        if not path.is_file():
            raise RecordError(f"attachment not found: {relative}")
        handle = path.open("rb")
        wrapped = File(handle, name=path.name)
        try:
            check_attachment(wrapped)
        except ValidationError as error:
            handle.close()
            reason = _ATTACHMENT_ERRORS.get(error.code, "refused")
            raise RecordError(f"attachment {relative}: {reason}") from error
        files.append(wrapped)
    return files


def _write(data, folder, cache):
    files = _attachment_files(folder, data["attachments"])
    try:
        document = Document.objects.filter(external_id=data["external_id"]).first()
        created = document is None
        if created:
            document = Document(external_id=data["external_id"])
        document.number = data["number"]
        document.doc_type = _named(DocumentType, data["type"], cache)
        document.issuer = _named(IssuingBody, data["issuer"], cache)
        document.signer = data["signer"]
        document.issued = data["issued"]
        document.effective = data["effective"]
        document.expiry = data["expiry"]
        document.abstract = data["abstract"]
        document.live = True
        document.has_unpublished_changes = False
        document.fields.set([_named(DocumentField, name, cache) for name in data["fields"]])
        document.save()  # ParentalManyToManyField values are written on save
        if files or not created:
            existing = {a.display_name: a for a in document.attachments.all()}
            wanted = {f.name for f in files}
            for name, attachment in existing.items():
                if name not in wanted:
                    attachment.file.delete(save=False)
                    attachment.delete()
            for order, wrapped in enumerate(files):
                if wrapped.name in existing:
                    continue
                DocumentAttachment(
                    document=document, title=wrapped.name, file=wrapped, sort_order=order
                ).save()
            document.refresh_index()
        return created
    finally:
        for wrapped in files:
            wrapped.close()


def import_jsonl(path, *, log=None):
    """Import one JSON Lines file; returns an ImportReport. ``log(line)`` gets progress."""
    path = Path(path)
    report = ImportReport()
    cache = {}
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        report.failures.append(f"{path}: cannot open: {error.strerror or error}")
        return report
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                data = _parse(record)
                with transaction.atomic():
                    created = _write(data, path.parent, cache)
            except json.JSONDecodeError as error:
                report.failures.append(f"{path}:{number}: invalid JSON: {error.msg}")
                cache.clear()
                continue
            except (RecordError, ValidationError) as error:
                message = " ".join(error.messages) if isinstance(error, ValidationError) else error
                report.failures.append(f"{path}:{number}: {message}")
                cache.clear()  # rows created in a rolled-back transaction are gone
                continue
            except UnicodeDecodeError as error:
                report.failures.append(f"{path}:{number}: not UTF-8 text: {error.reason}")
                cache.clear()
                continue
            if created:
                report.created += 1
            else:
                report.updated += 1
            if log:
                log(f"{'created' if created else 'updated'}: {path}:{number}: {data['number']}")
    return report


def import_documents_command(paths, stdout, stderr, verbosity=1):
    """The ``toasoan import --format documents`` command body; CommandError when any failed."""
    from django.core.management.base import CommandError

    created = updated = 0
    failures = []
    for path in paths:
        report = import_jsonl(path, log=stdout.write if verbosity >= 2 else None)
        created, updated = created + report.created, updated + report.updated
        failures.extend(report.failures)
    for failure in failures:
        stderr.write(f"failed: {failure}")
    stdout.write(f"documents: {created} created, {updated} updated, {len(failures)} failed")
    if failures:
        raise CommandError(f"{len(failures)} failure(s); see the list above", returncode=1)
