"""Organisation pages: chart as nested lists with headings, unit pages, profiles, history,
contacts, and the admin form refusing a person without a unit."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from toasoan.news.tests.factories import make_home
from toasoan.organisation import demo
from toasoan.organisation.chart import build_chart
from toasoan.organisation.models import Person, Position, Unit, last_updated


@pytest.fixture(autouse=True)
def _site(db):
    cache.clear()
    make_home()
    yield
    cache.clear()


@pytest.fixture
def org(db):
    root = Unit.objects.create(name="Lãnh đạo Ban", slug="lanh-dao", phone="0274 1")
    office = Unit.objects.create(name="Văn phòng", slug="van-phong", parent=root, sort_order=1)
    invest = Unit.objects.create(name="Phòng Đầu tư", slug="dau-tu", parent=root, sort_order=2)
    head = Person.objects.create(full_name="Nguyễn Văn An", slug="an", phone="0274 3822 110")
    Position.objects.create(person=head, unit=root, title="Trưởng ban", role=1)
    deputy = Person.objects.create(full_name="Trần Thị Bình", slug="binh", email="b@x.vn")
    Position.objects.create(person=deputy, unit=root, title="Phó Trưởng ban", role=2)
    return {"root": root, "office": office, "invest": invest, "head": head, "deputy": deputy}


def test_chart_is_a_tree_with_heading_levels(org):
    roots = build_chart()
    assert [n.unit.slug for n in roots] == ["lanh-dao"]
    assert [c.unit.slug for c in roots[0].children] == ["van-phong", "dau-tu"]
    assert roots[0].heading_level == 3 and roots[0].children[0].heading_level == 4
    assert [p.person.full_name for p in roots[0].heads] == ["Nguyễn Văn An"]


def test_chart_page_is_nested_html_lists(client, org):
    html = client.get(reverse("organisation:chart")).content.decode()
    assert '<ul class="org-chart"' in html
    assert '<h3 class="org-chart__unit"><a href="/gioi-thieu/don-vi/lanh-dao/">Lãnh đạo Ban' in html
    assert '<h4 class="org-chart__unit"><a href="/gioi-thieu/don-vi/van-phong/">' in html
    assert "Nguyễn Văn An" in html and "<img" not in html.split('class="org-chart"')[1]


def test_gioi_thieu_is_served_by_the_app_even_with_a_page_of_that_slug(client, org):
    from wagtail.models import Site

    from toasoan.news.tests.factories import make_standard_page

    make_standard_page(Site.objects.get().root_page, title="Giới thiệu", slug="gioi-thieu")
    response = client.get("/gioi-thieu/")
    assert response.status_code == 200
    assert "organisation/index.html" in [t.name for t in response.templates]


def test_unit_page_shows_head_deputies_and_contact(client, org):
    html = client.get("/gioi-thieu/don-vi/lanh-dao/").content.decode()
    assert html.index("Nguyễn Văn An") < html.index("Trần Thị Bình")
    assert "0274 3822 110" in html and "mailto:b@x.vn" in html
    assert "Văn phòng" in html  # sub-unit listed


def test_unknown_unit_is_404(client, org):
    assert client.get("/gioi-thieu/don-vi/khong-co/").status_code == 404


def test_move_between_units_keeps_history(client, org):
    person = org["deputy"]
    Position.objects.filter(person=person).update(
        start_date=dt.date(2019, 1, 1), end_date=dt.date(2023, 12, 31)
    )
    Position.objects.create(
        person=person,
        unit=org["office"],
        title="Chánh Văn phòng",
        role=1,
        start_date=dt.date(2024, 1, 1),
    )
    assert [p.unit.slug for p in person.current_positions()] == ["van-phong"]
    assert [p.unit.slug for p in person.past_positions()] == ["lanh-dao"]
    html = client.get("/gioi-thieu/can-bo/binh/").content.decode()
    assert "Quá trình công tác" in html and "Phó Trưởng ban, Lãnh đạo Ban" in html
    root_page = client.get("/gioi-thieu/don-vi/lanh-dao/").content.decode()
    assert "Trần Thị Bình" not in root_page


def test_contacts_list_people_with_phone_or_email(client, org):
    html = client.get("/gioi-thieu/lien-he/").content.decode()
    assert "Nguyễn Văn An" in html and "b@x.vn" in html


def test_empty_organisation_has_no_last_update_and_pages_say_so(client, db):
    assert last_updated() is None
    html = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert "Chưa có thông tin về cơ cấu tổ chức." in html


def test_unit_cannot_be_its_own_ancestor(org):
    from django.core.exceptions import ValidationError

    root = org["root"]
    root.parent = org["office"]
    with pytest.raises(ValidationError):
        root.full_clean()


def test_demo_loader_is_idempotent(db):
    assert demo.load(None)
    assert demo.load(None) is None
    assert Unit.objects.count() == len(demo.UNITS)
    assert Person.objects.count() == len(demo.PEOPLE)
    assert Person.objects.filter(photo__isnull=False).count() == len(demo.PEOPLE)


def test_admin_refuses_a_person_without_a_unit(admin_client, org):
    url = reverse("wagtailsnippets_organisation_person:add")
    data = {
        "full_name": "Hồ Văn Cư",
        "slug": "cu",
        "bio": "",
        "phone": "",
        "email": "",
        "positions-TOTAL_FORMS": "0",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Cán bộ chưa thuộc đơn vị nào" in response.content.decode()
    assert not Person.objects.filter(slug="cu").exists()
    data.update(
        {
            "positions-TOTAL_FORMS": "1",
            "positions-0-unit": str(org["office"].pk),
            "positions-0-title": "Chuyên viên",
            "positions-0-role": "3",
            "positions-0-start_date": "",
            "positions-0-end_date": "",
            "positions-0-ORDER": "1",
            "positions-0-id": "",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Person.objects.get(slug="cu").positions.get().unit == org["office"]
