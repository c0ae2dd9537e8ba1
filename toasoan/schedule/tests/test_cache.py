"""Schedule and organisation pages are served from the full-page cache and are fresh again
right after an editor's change (watch_models in the apps' ready())."""

import datetime as dt

import pytest
import time_machine

from toasoan.news.tests.factories import make_home
from toasoan.ops import pagecache
from toasoan.ops.tests.conftest import pagecache_on  # noqa: F401 (fixture)
from toasoan.organisation.models import Unit
from toasoan.schedule.models import ScheduleItem


@pytest.mark.django_db(transaction=True)
def test_cached_pages_change_with_the_schedule_and_the_units(client, pagecache_on):  # noqa: F811
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    make_home()
    with time_machine.travel(dt.datetime(2026, 12, 8, 3, 0, tzinfo=dt.UTC), tick=False):
        ScheduleItem.objects.create(date=dt.date(2026, 12, 8), content="Giao ban")
        # The first render creates the site's settings rows (a change): warm up, then measure.
        client.get("/lich-cong-tac/")
        client.get("/lich-cong-tac/")
        second = client.get("/lich-cong-tac/")
        assert second[pagecache.HEADER] == "hit"
        item = ScheduleItem.objects.get()
        item.place = "Phòng họp số 2"
        item.save()
        fresh = client.get("/lich-cong-tac/")
        assert fresh[pagecache.HEADER] == "miss"
        assert "Phòng họp số 2" in fresh.content.decode() and "Điều chỉnh" in fresh.content.decode()

        client.get("/gioi-thieu/co-cau-to-chuc/")
        assert client.get("/gioi-thieu/co-cau-to-chuc/")[pagecache.HEADER] == "hit"
        Unit.objects.create(name="Phòng Thanh tra", slug="thanh-tra")
        assert "Phòng Thanh tra" in client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
