from datetime import UTC, date, datetime
from decimal import Decimal

import time_machine
from django.template import Context, Template
from django.test import SimpleTestCase

SATURDAY_JUST_AFTER_MIDNIGHT_UTC = datetime(2020, 7, 3, 17, 30, tzinfo=UTC)


def render(source, **context):
    return Template("{% load vi_tags %}" + source).render(Context(context))


class TestDateFilters(SimpleTestCase):
    def test_long_date(self):
        self.assertEqual(
            render("{{ d|vi_long_date }}", d=SATURDAY_JUST_AFTER_MIDNIGHT_UTC),
            "Thứ Bảy, ngày 4 tháng 7 năm 2020",
        )

    def test_short_date(self):
        self.assertEqual(
            render("{{ d|vi_short_date }}", d=SATURDAY_JUST_AFTER_MIDNIGHT_UTC), "04/07/2020"
        )

    def test_short_datetime(self):
        self.assertEqual(
            render("{{ d|vi_short_datetime }}", d=SATURDAY_JUST_AFTER_MIDNIGHT_UTC),
            "04/07/2020 00:30",
        )

    def test_short_datetime_of_a_plain_date(self):
        self.assertEqual(render("{{ d|vi_short_datetime }}", d=date(2020, 7, 4)), "04/07/2020")

    @time_machine.travel(datetime(2020, 7, 4, 3, 0, tzinfo=UTC), tick=False)
    def test_relative(self):
        self.assertEqual(
            render("{{ d|vi_relative }}", d=datetime(2020, 7, 4, 1, 0, tzinfo=UTC)), "2 giờ trước"
        )

    def test_missing_or_wrong_values_render_empty(self):
        for name in ["vi_long_date", "vi_short_date", "vi_short_datetime", "vi_relative"]:
            for value in [None, "", "2020-07-04", 42]:
                with self.subTest(filter=name, value=value):
                    self.assertEqual(render(f"[{{{{ d|{name} }}}}]", d=value), "[]")


class TestNumberFilter(SimpleTestCase):
    def test_integer(self):
        self.assertEqual(render("{{ n|vi_number }}", n=1234), "1.234")

    def test_decimals_argument(self):
        self.assertEqual(render("{{ n|vi_number:2 }}", n=1234567.891), "1.234.567,89")
        self.assertEqual(render('{{ n|vi_number:"1" }}', n=Decimal("59.44")), "59,4")

    def test_bad_values_render_empty(self):
        for value in [None, "", "abc"]:
            with self.subTest(value=value):
                self.assertEqual(render("[{{ n|vi_number }}]", n=value), "[]")

    def test_bad_argument_renders_empty(self):
        self.assertEqual(render('[{{ n|vi_number:"x" }}]', n=5), "[]")


class TestTodayTags(SimpleTestCase):
    @time_machine.travel(SATURDAY_JUST_AFTER_MIDNIGHT_UTC, tick=False)
    def test_vi_today_is_the_vietnam_date(self):
        self.assertEqual(render("{% vi_today %}"), "Thứ Bảy, ngày 4 tháng 7 năm 2020")

    @time_machine.travel(datetime(2020, 7, 4, 17, 0, tzinfo=UTC), tick=False)
    def test_vi_today_turns_over_at_vietnam_midnight(self):
        self.assertEqual(render("{% vi_today %}"), "Chủ Nhật, ngày 5 tháng 7 năm 2020")

    @time_machine.travel(SATURDAY_JUST_AFTER_MIDNIGHT_UTC, tick=False)
    def test_vi_today_iso(self):
        self.assertEqual(render("{% vi_today_iso as d %}<{{ d }}>"), "<2020-07-04>")
