"""Public pages under /gioi-thieu/: the agency, its chart, units, leaders and contacts."""

from django.shortcuts import get_object_or_404, render
from wagtail.models import Site

from .chart import build_chart, contacts
from .models import AgencyProfile, Person, Unit


def _profile(request):
    site = Site.find_for_request(request)
    return AgencyProfile.for_site(site) if site else None


def index(request):
    return render(
        request,
        "organisation/index.html",
        {"profile": _profile(request), "chart": build_chart()},
    )


def chart(request):
    return render(request, "organisation/chart.html", {"chart": build_chart()})


def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    positions = list(unit.current_positions())
    return render(
        request,
        "organisation/unit.html",
        {
            "unit": unit,
            "heads": [p for p in positions if p.role == p.Role.HEAD],
            "deputies": [p for p in positions if p.role == p.Role.DEPUTY],
            "officials": [p for p in positions if p.role == p.Role.OFFICIAL],
            "children": unit.children.all(),
        },
    )


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    return render(
        request,
        "organisation/person.html",
        {
            "person": person,
            "current": person.current_positions(),
            "past": person.past_positions().order_by("-end_date"),
        },
    )


def contact_list(request):
    return render(request, "organisation/contacts.html", {"contacts": contacts()})
