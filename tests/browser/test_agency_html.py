"""The agency pages are valid HTML (Nu HTML Checker): chart, unit, profile, contacts, the
schedule week and the procedures list and detail, the English news (list, section,
article) and a Vietnamese article that has an English translation."""

from pathlib import Path

import pytest

from .test_html_validity import _vnu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_agency_pages_have_no_html_errors(client, tmp_path):
    from toasoan.english import demo as english_demo
    from toasoan.news.models import ArticlePage
    from toasoan.news.tests.factories import make_article, make_home, make_section
    from toasoan.organisation import demo as organisation_demo
    from toasoan.procedures import demo as procedures_demo
    from toasoan.schedule import demo as schedule_demo

    section = make_section(make_home(), title="Thời sự")
    make_article(section, title="Quan hệ lao động ổn định")
    organisation_demo.load(None)
    schedule_demo.load(None)
    procedures_demo.load(None)
    english_demo.load(None)
    translation = ArticlePage.objects.get(locale__language_code="en")
    pages = {
        "about": "/gioi-thieu/",
        "chart": "/gioi-thieu/co-cau-to-chuc/",
        "unit": "/gioi-thieu/don-vi/phong-quan-ly-dau-tu/",
        "person": "/gioi-thieu/can-bo/pham-thu-dung/",
        "contacts": "/gioi-thieu/lien-he/",
        "schedule": "/lich-cong-tac/",
        "schedule-bad-week": "/lich-cong-tac/?tuan=abc",
        "procedures": "/thu-tuc-hanh-chinh/?q=lao+dong",
        "procedure": "/thu-tuc-hanh-chinh/1.000459/",
        "en-home": "/en/",
        "en-chart": "/en/organisation/",
        "en-unit": "/en/units/phong-quan-ly-dau-tu/",
        "en-person": "/en/people/pham-thu-dung/",
        "en-contacts": "/en/contacts/",
        "en-news": "/en/news/",
        "en-article": translation.url,
        "en-section": translation.get_parent().url,
        "vi-article-translated": translation.get_translation(section.locale).url,
    }
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        path = Path(tmp_path) / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    errors = [
        f"{e.get('url', '')}: {e['message']} {e.get('extract', '')}" for e in _vnu_errors(files)
    ]
    assert not errors, "\n".join(errors)
