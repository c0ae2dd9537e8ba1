"""The Decree 42 checklist: missing, empty, stale and fresh categories, aliases of keys that
other apps chose, a failing provider, and the dashboard panel with the admin's threshold."""

import datetime as dt

import pytest
from django.utils import timezone

from toasoan.core import portal
from toasoan.decree42 import checklist
from toasoan.decree42.models import ChecklistSettings
from toasoan.decree42.requirements import REQUIREMENTS

NOW = timezone.make_aware(dt.datetime(2026, 12, 8, 10, 0))


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the apps' real registrations are restored after."""
    monkeypatch.setattr(portal, "_CATEGORIES", {})
    return portal


def _status(rows):
    return {r.key: r.status for r in rows}


def test_nothing_registered_means_every_required_category_is_missing(registry):
    rows = checklist.build(30, now=NOW)
    assert [r.key for r in rows] == [r.key for r in REQUIREMENTS]
    assert set(_status(rows).values()) == {checklist.MISSING}


def test_empty_stale_fresh_and_aliases(registry):
    registry.register_category("procedures", "TTHC", lambda: None)
    registry.register_category("schedule", "Lịch", lambda: NOW - dt.timedelta(days=31))
    registry.register_category("organisation", "Tổ chức", lambda: NOW - dt.timedelta(days=2))
    registry.register_category("consultations", "Góp ý", lambda: NOW - dt.timedelta(days=1))
    registry.register_category("photos", "Ảnh", lambda: NOW)
    rows = checklist.build(30, now=NOW)
    status = _status(rows)
    assert status["procedures"] == checklist.EMPTY
    assert status["schedule"] == checklist.STALE
    assert status["organisation"] == checklist.OK
    assert status["consultation"] == checklist.OK  # matched through its alias
    assert "consultations" not in status
    extra = [r for r in rows if not r.required]
    assert [(r.key, r.status) for r in extra] == [("photos", checklist.OK)]
    assert _status(checklist.build(40, now=NOW))["schedule"] == checklist.OK


def test_a_failing_provider_does_not_break_the_checklist(registry):
    def broken():
        raise RuntimeError("bug")

    registry.register_category("news", "Tin", broken)
    assert _status(checklist.build(30, now=NOW))["news"] == checklist.BROKEN


def test_two_providers_of_one_category_take_the_newest(registry):
    registry.register_category("contacts", "Danh bạ", lambda: NOW - dt.timedelta(days=90))
    registry.register_category("contact", "Liên hệ", lambda: NOW - dt.timedelta(days=3))
    row = next(r for r in checklist.build(30, now=NOW) if r.key == "contacts")
    assert row.status == checklist.OK and row.last_updated == NOW - dt.timedelta(days=3)


def test_our_apps_register_their_categories():
    keys = {c.key for c in portal.categories()}
    assert {"organisation", "contacts", "schedule", "procedures", "news"} <= keys


@pytest.mark.django_db
def test_dashboard_panel_shows_missing_categories_and_threshold(admin_client):
    from toasoan.organisation.models import Unit

    Unit.objects.create(name="Văn phòng", slug="vp")
    settings = ChecklistSettings.load()
    settings.stale_after_days = 45
    settings.save()
    html = admin_client.get("/quan-tri/").content.decode()
    assert "Thông tin bắt buộc theo Nghị định 42/2022/NĐ-CP" in html
    assert 'data-category="plans" data-status="missing"' in html
    assert 'data-category="organisation" data-status="ok"' in html
    assert 'data-category="procedures" data-status="empty"' in html
    assert "Ngưỡng cảnh báo: 45 ngày" in html
