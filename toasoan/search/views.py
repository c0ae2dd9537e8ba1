"""The reader's search page (/tim-kiem/) and the JSON endpoint (/api/search/)."""

import datetime as dt

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .backends.base import NEWEST, RELEVANCE
from .conf import search_setting
from .engine import MAX_WINDOW, did_you_mean, load_hits, search
from .forms import LATEST_DAY, SearchForm, day_start
from .providers import extra_results


def _sections():
    from toasoan.news.queries import is_restricted, restricted_paths, section_tree

    # The cached section tree (news.queries: one entry per content generation), not a query.
    paths = restricted_paths()
    return [s for s in section_tree().sections if s.live and not is_restricted(s, paths)]


def _section_ids(section_id, sections):
    section = next((s for s in sections if s.pk == section_id), None)
    if section is None:
        return None
    return [s.pk for s in sections if s.path.startswith(section.path)]


def _messages(parsed, raw):
    messages = []
    if parsed.truncated:
        messages.append(
            _("Từ khóa quá dài nên chỉ dùng %(count)s ký tự đầu.")
            % {"count": search_setting("MAX_QUERY_LENGTH")}
        )
    if raw.strip() and parsed.is_empty:
        messages.append(
            _("Từ khóa không có chữ hoặc số nào để tìm. Hãy nhập từ khóa khác, ví dụ: “hà nội”.")
        )
    return messages


class _SearchPaginator(Paginator):
    """A paginator over a count we already know; pages are fetched by the view."""

    def __init__(self, total, per_page):
        super().__init__(range(min(total, MAX_WINDOW)), per_page)


@require_GET
def search_page(request):
    from toasoan.news.middleware import attach_site

    # Every result's URL needs the site and its root paths: from the cache, not a query.
    attach_site(request)
    sections = _sections()
    form = SearchForm(request.GET or None, sections=sections)
    form.is_valid()
    raw = request.GET.get("q", "")
    page_size = search_setting("PAGE_SIZE")
    page_number = request.GET.get("page", 1)
    section_id = form.value("chuyen_muc")
    date_from, date_to = form.value("tu_ngay"), form.value("den_ngay")
    if date_from and date_to and date_from > date_to:
        date_from = date_to = None
    sort = form.value("sap_xep") or RELEVANCE
    filters = {
        "section_ids": _section_ids(section_id, sections) if section_id else None,
        "date_from": day_start(date_from),
        "date_to": day_start(min(date_to, LATEST_DAY) + dt.timedelta(days=1)) if date_to else None,
        "sort": sort,
    }
    try:
        number = max(1, min(int(page_number), MAX_WINDOW // page_size))
    except (TypeError, ValueError):
        number = 1
    results = search(raw, **filters, limit=page_size, offset=(number - 1) * page_size)
    paginator = _SearchPaginator(results.total, page_size)
    page_obj = paginator.get_page(number)
    if results.total and not results.hits:
        # Past the last page: show the last one rather than an empty list.
        results = search(raw, **filters, limit=page_size, offset=page_obj.start_index() - 1)
    parsed = results.query
    keep = {
        k: v
        for k, v in request.GET.items()
        if k in ("q", "chuyen_muc", "tu_ngay", "den_ngay", "sap_xep")
    }
    context = {
        "form": form,
        "search_query": parsed.text,
        "parsed": parsed,
        "total": results.total,
        "total_capped": results.capped,
        "items": load_hits(results, request) if results.hits else [],
        "page_obj": page_obj,
        "messages_list": _messages(parsed, raw),
        "extra_query": urlencode(keep) + "&" if keep else "",
        "sort": sort,
        "relevance_url": "?" + urlencode({**keep, "sap_xep": RELEVANCE}),
        "newest_url": "?" + urlencode({**keep, "sap_xep": NEWEST}),
        "has_filters": bool(section_id or date_from or date_to),
        "unfiltered_url": "?" + urlencode({"q": parsed.text}),
        # "Có phải bạn muốn tìm: …" whenever a word was corrected, with or without results.
        "suggestion": did_you_mean(parsed),
        "extra_blocks": extra_results(request, parsed.text),
        "corrections": parsed.corrections if results.total else {},
    }
    if context["suggestion"]:
        context["suggestion_url"] = "?" + urlencode({"q": context["suggestion"]})
    return render(request, "search/search_page.html", context)


def _int_param(request, name, default, low, high):
    try:
        value = int(request.GET.get(name, default))
    except (TypeError, ValueError):
        return default
    return max(low, min(value, high))


@require_GET
def search_api(request):
    """``{"total": N, "results": [...]}``; a bad parameter is clamped, never an error."""
    limit = _int_param(
        request, "limit", search_setting("PAGE_SIZE"), 0, search_setting("API_MAX_LIMIT")
    )
    offset = _int_param(request, "offset", 0, 0, search_setting("API_MAX_OFFSET"))
    section_ids = None
    section = request.GET.get("section", "").strip()
    if section:
        sections = _sections()
        match = _find_section(section, sections)
        section_ids = _section_ids(match.pk, sections) if match else []
    results = search(request.GET.get("q", ""), section_ids=section_ids, limit=limit, offset=offset)
    payload = {
        "total": results.total,
        # True when there are more matches than "total" (matches are counted up to
        # TOASOAN_SEARCH["COUNT_LIMIT"], 1,000 by default).
        "total_capped": results.capped,
        "results": [
            {
                "external_id": item["external_id"],
                "title": item["title"],
                "url": item["url"],
                "published": (
                    timezone.localtime(item["published"]).isoformat() if item["published"] else None
                ),
                "section": item["section"],
                "snippet": str(item["snippet"]),
            }
            for item in (load_hits(results, request) if results.hits else [])
        ],
    }
    messages = _messages(results.query, request.GET.get("q", ""))
    if not request.GET.get("q", "").strip():
        messages.append(_("Vui lòng nhập từ khóa tìm kiếm."))
    if messages:
        payload["message"] = " ".join(messages)
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


def _find_section(value, sections):
    for s in sections:
        if str(s.pk) == value or s.slug == value:
            return s
    return None
