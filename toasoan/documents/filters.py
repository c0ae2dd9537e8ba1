"""Reading the list and API filters from a query string; every bad value gets a message.

The HTML list and the JSON API share this: a value that is malformed (``nam=abc``) or names
nothing (``loai=khong-co``) is reported in Vietnamese and the filter is not applied.
"""

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.utils.translation import gettext as _

from toasoan.search.text import key

from .models import Document, DocumentField, DocumentType, IssuingBody, Status
from .numbers import FIRST_YEAR
from .search import EFFECTIVE, ISSUED, RELEVANCE

SORTS = (RELEVANCE, ISSUED, EFFECTIVE)
MAX_PARAM_LENGTH = 200


@dataclass
class Filters:
    query: str = ""
    doc_type: DocumentType | None = None
    issuer: IssuingBody | None = None
    field: DocumentField | None = None
    year: int | None = None
    status: str = ""
    sort: str = ""
    errors: list = dataclass_field(default_factory=list)

    def apply(self, qs):
        if self.doc_type:
            qs = qs.filter(doc_type=self.doc_type)
        if self.issuer:
            qs = qs.filter(issuer=self.issuer)
        if self.field:
            qs = qs.filter(fields=self.field)
        if self.year:
            qs = qs.filter(issued__year=self.year)
        if self.status:
            qs = qs.with_status(self.status)
        return qs


def _clean(value):
    value = (value or "").replace("\x00", "")
    return " ".join(value.split())[:MAX_PARAM_LENGTH]


def _find(model, value):
    """A type, body or field by slug, id or name (accents and case ignored)."""
    found = model.objects.filter(slug=value).first()
    if found is None and value.isdigit():
        found = model.objects.filter(pk=int(value)).first()
    if found is None:
        wanted = key(value)
        for candidate in model.objects.all():
            if key(candidate.name) == wanted or (
                getattr(candidate, "code", "") and key(candidate.code) == wanted
            ):
                return candidate
    return found


def read_filters(params, names):
    """``names`` maps each filter to its parameter: {"type": "loai", …}."""
    filters = Filters(query=_clean(params.get(names["q"], "")))
    labels = {
        "type": (DocumentType, "doc_type", _("loại văn bản")),
        "issuer": (IssuingBody, "issuer", _("cơ quan ban hành")),
        "field": (DocumentField, "field", _("lĩnh vực")),
    }
    for name, (model, attr, label) in labels.items():
        value = _clean(params.get(names[name], ""))
        if not value:
            continue
        found = _find(model, value)
        if found is None:
            filters.errors.append(
                _("Không có %(label)s “%(value)s”; bộ lọc này đã được bỏ qua.")
                % {"label": label, "value": value}
            )
        setattr(filters, attr, found)
    year = _clean(params.get(names["year"], ""))
    if year:
        last = dt.date.today().year + 1
        if year.isdigit() and FIRST_YEAR <= int(year) <= last:
            filters.year = int(year)
        else:
            filters.errors.append(
                _(
                    "Năm “%(value)s” không hợp lệ: hãy nhập năm gồm 4 chữ số, "
                    "từ %(first)s đến %(last)s."
                )
                % {"value": year, "first": FIRST_YEAR, "last": last}
            )
    status = _clean(params.get(names["status"], ""))
    if status:
        if status in Status.values:
            filters.status = status
        else:
            filters.errors.append(
                _("Tình trạng hiệu lực “%(value)s” không hợp lệ; chọn một trong: %(choices)s.")
                % {"value": status, "choices": ", ".join(Status.values)}
            )
    sort = _clean(params.get(names.get("sort", "sap-xep"), ""))
    if sort:
        if sort in SORTS:
            filters.sort = sort
        else:
            filters.errors.append(
                _("Cách sắp xếp “%(value)s” không hợp lệ; chọn một trong: %(choices)s.")
                % {"value": sort, "choices": ", ".join(SORTS)}
            )
    return filters


def year_choices():
    return [d.year for d in Document.objects.public().dates("issued", "year", order="DESC")]
