"""Public URLs of the organisation app (included at the site root by toasoan/urls.py).

They take /gioi-thieu/ before Wagtail's page tree does, so a page of that slug is shadowed.
"""

from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("gioi-thieu/", views.index, name="index"),
    path("gioi-thieu/co-cau-to-chuc/", views.chart, name="chart"),
    path("gioi-thieu/lien-he/", views.contact_list, name="contacts"),
    path("gioi-thieu/don-vi/<slug:slug>/", views.unit_detail, name="unit"),
    path("gioi-thieu/can-bo/<slug:slug>/", views.person_detail, name="person"),
    # The English version (docs/decisions/english.md): the same views, rendered in English.
    path("en/", views.english(views.index), name="en_index"),
    path("en/organisation/", views.english(views.chart), name="en_chart"),
    path("en/contacts/", views.english(views.contact_list), name="en_contacts"),
    path("en/units/<slug:slug>/", views.english(views.unit_detail), name="en_unit"),
    path("en/people/<slug:slug>/", views.english(views.person_detail), name="en_person"),
]
