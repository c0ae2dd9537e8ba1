"""Public pages under /gioi-thieu/: the agency, its chart, units, leaders and contacts."""

import functools

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from .chart import build_chart, contacts
from .models import AgencyProfile, Person, Unit, is_english

# Vietnamese URL name -> English URL name (the alternates of every organisation page).
_PAIRS = {
    "index": "en_index",
    "chart": "en_chart",
    "contacts": "en_contacts",
    "unit": "en_unit",
    "person": "en_person",
}


def english(view):
    """Serve ``view`` in English: UI strings from the English catalogue, English fields of
    the models (toasoan/organisation/models.py, ``is_english``)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override("en"):
            request.LANGUAGE_CODE = "en"
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        response["Content-Language"] = "en"
        return response

    return wrapper


def render_page(request, template_name, context):
    """render() that gives English pages the agency's English name and the English home as
    the logo's link (used by every /en/ view, the English news too)."""
    if is_english():
        profile = _profile(request)
        context.update(
            site_name_en=(profile.name_en if profile else "") or None,
            home_url=reverse("organisation:en_index"),
        )
    return render(request, template_name, context)


def _alternates(name, *args, english_exists=True):
    """{"vi": url, "en": url or None} for the language switcher and hreflang links."""
    return {
        "vi": reverse(f"organisation:{name}", args=args),
        "en": reverse(f"organisation:{_PAIRS[name]}", args=args) if english_exists else None,
    }


def _profile(request):
    site = Site.find_for_request(request)
    return AgencyProfile.for_site(site) if site else None


def index(request):
    return render_page(
        request,
        "organisation/index.html",
        {
            "profile": _profile(request),
            "chart": build_chart(),
            "alternates": _alternates("index"),
        },
    )


def chart(request):
    return render_page(
        request,
        "organisation/chart.html",
        {"chart": build_chart(), "alternates": _alternates("chart")},
    )


def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    if is_english() and not unit.has_english:
        raise Http404("This unit has no English version.")
    positions = list(unit.current_positions())
    return render_page(
        request,
        "organisation/unit.html",
        {
            "unit": unit,
            "heads": [p for p in positions if p.role == p.Role.HEAD],
            "deputies": [p for p in positions if p.role == p.Role.DEPUTY],
            "officials": [p for p in positions if p.role == p.Role.OFFICIAL],
            "children": unit.children.all(),
            "alternates": _alternates("unit", slug, english_exists=unit.has_english),
        },
    )


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    return render_page(
        request,
        "organisation/person.html",
        {
            "person": person,
            "current": person.current_positions(),
            "past": person.past_positions().order_by("-end_date"),
            "alternates": _alternates("person", slug),
        },
    )


def contact_list(request):
    return render_page(
        request,
        "organisation/contacts.html",
        {"contacts": contacts(), "alternates": _alternates("contacts")},
    )
