from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.test import SimpleTestCase, override_settings
from django.utils import timezone, translation

from toasoan.vi.dates import (
    VIETNAM_TZ,
    WEEKDAYS,
    ParsedDate,
    long_date,
    parse_vietnamese_date,
    relative_time,
    short_date,
    short_datetime,
    today_local,
    weekday_name,
)

# 2020-07-03 17:30 UTC is 00:30 on Saturday 4 July in Hà Nội.
SATURDAY_JUST_AFTER_MIDNIGHT_UTC = datetime(2020, 7, 3, 17, 30, tzinfo=UTC)


class TestWeekdayName(SimpleTestCase):
    def test_every_weekday_has_its_vietnamese_name(self):
        expected = [
            (date(2020, 6, 29), "Thứ Hai"),
            (date(2020, 6, 30), "Thứ Ba"),
            (date(2020, 7, 1), "Thứ Tư"),
            (date(2020, 7, 2), "Thứ Năm"),
            (date(2020, 7, 3), "Thứ Sáu"),
            (date(2020, 7, 4), "Thứ Bảy"),
            (date(2020, 7, 5), "Chủ Nhật"),
        ]
        for day, name in expected:
            with self.subTest(day=day):
                self.assertEqual(weekday_name(day), name)

    def test_weekdays_tuple_is_indexed_by_date_weekday(self):
        self.assertEqual(len(WEEKDAYS), 7)
        self.assertEqual(str(WEEKDAYS[0]), "Thứ Hai")
        self.assertEqual(str(WEEKDAYS[6]), "Chủ Nhật")

    def test_django_vi_catalogue_is_not_used(self):
        # Django's own vi translation says "Thứ 7" for Saturday; the masthead must not.
        with translation.override("vi"):
            self.assertEqual(weekday_name(date(2020, 7, 4)), "Thứ Bảy")

    def test_aware_datetime_uses_vietnam_date(self):
        self.assertEqual(weekday_name(SATURDAY_JUST_AFTER_MIDNIGHT_UTC), "Thứ Bảy")

    def test_naive_datetime_is_taken_as_vietnam_time(self):
        self.assertEqual(weekday_name(datetime(2020, 7, 3, 23, 59)), "Thứ Sáu")


class TestLongDate(SimpleTestCase):
    def test_masthead_format(self):
        self.assertEqual(long_date(date(2020, 7, 4)), "Thứ Bảy, ngày 4 tháng 7 năm 2020")

    def test_day_and_month_are_not_zero_padded(self):
        self.assertEqual(long_date(date(2021, 1, 5)), "Thứ Ba, ngày 5 tháng 1 năm 2021")

    def test_two_digit_day_and_month(self):
        self.assertEqual(long_date(date(2020, 12, 31)), "Thứ Năm, ngày 31 tháng 12 năm 2020")

    def test_sunday(self):
        self.assertEqual(long_date(date(2020, 7, 5)), "Chủ Nhật, ngày 5 tháng 7 năm 2020")

    def test_aware_datetime_is_converted_to_vietnam_time(self):
        self.assertEqual(
            long_date(SATURDAY_JUST_AFTER_MIDNIGHT_UTC), "Thứ Bảy, ngày 4 tháng 7 năm 2020"
        )

    @override_settings(TIME_ZONE="UTC")
    def test_site_time_zone_does_not_change_the_date(self):
        with timezone.override("UTC"):
            self.assertEqual(
                long_date(SATURDAY_JUST_AFTER_MIDNIGHT_UTC), "Thứ Bảy, ngày 4 tháng 7 năm 2020"
            )


class TestShortDate(SimpleTestCase):
    def test_zero_padded_day_month_year(self):
        self.assertEqual(short_date(date(2020, 7, 4)), "04/07/2020")

    def test_aware_datetime_is_converted_to_vietnam_time(self):
        self.assertEqual(short_date(SATURDAY_JUST_AFTER_MIDNIGHT_UTC), "04/07/2020")

    def test_naive_datetime_keeps_its_date(self):
        self.assertEqual(short_date(datetime(2020, 12, 31, 23, 59)), "31/12/2020")


class TestShortDatetime(SimpleTestCase):
    def test_vietnam_time_is_shown_as_is(self):
        value = datetime(2020, 7, 4, 8, 30, tzinfo=VIETNAM_TZ)
        self.assertEqual(short_datetime(value), "04/07/2020 08:30")

    def test_utc_is_converted_to_vietnam_time(self):
        self.assertEqual(
            short_datetime(datetime(2020, 7, 4, 1, 30, tzinfo=UTC)), "04/07/2020 08:30"
        )

    def test_conversion_can_cross_midnight(self):
        self.assertEqual(short_datetime(SATURDAY_JUST_AFTER_MIDNIGHT_UTC), "04/07/2020 00:30")

    def test_other_zones_are_converted_too(self):
        paris = datetime(2020, 7, 4, 3, 30, tzinfo=ZoneInfo("Europe/Paris"))
        self.assertEqual(short_datetime(paris), "04/07/2020 08:30")

    def test_naive_datetime_is_shown_as_is(self):
        self.assertEqual(short_datetime(datetime(2020, 7, 4, 8, 5)), "04/07/2020 08:05")

    @override_settings(TIME_ZONE="UTC")
    def test_site_time_zone_does_not_change_the_output(self):
        with timezone.override("UTC"):
            self.assertEqual(
                short_datetime(datetime(2020, 7, 4, 1, 30, tzinfo=UTC)), "04/07/2020 08:30"
            )


class TestTodayLocal(SimpleTestCase):
    @time_machine.travel(SATURDAY_JUST_AFTER_MIDNIGHT_UTC, tick=False)
    def test_vietnam_is_already_saturday_while_utc_is_friday(self):
        self.assertEqual(today_local(), date(2020, 7, 4))
        self.assertEqual(long_date(today_local()), "Thứ Bảy, ngày 4 tháng 7 năm 2020")

    @time_machine.travel(datetime(2020, 7, 4, 16, 59, 59, tzinfo=UTC), tick=False)
    def test_still_saturday_one_second_before_vietnam_midnight(self):
        self.assertEqual(long_date(today_local()), "Thứ Bảy, ngày 4 tháng 7 năm 2020")

    @time_machine.travel(datetime(2020, 7, 4, 17, 0, tzinfo=UTC), tick=False)
    def test_sunday_at_vietnam_midnight(self):
        self.assertEqual(long_date(today_local()), "Chủ Nhật, ngày 5 tháng 7 năm 2020")

    @override_settings(TIME_ZONE="UTC")
    @time_machine.travel(SATURDAY_JUST_AFTER_MIDNIGHT_UTC, tick=False)
    def test_ignores_site_time_zone(self):
        with timezone.override("America/New_York"):
            self.assertEqual(today_local(), date(2020, 7, 4))

    @override_settings(USE_TZ=False)
    @time_machine.travel(SATURDAY_JUST_AFTER_MIDNIGHT_UTC, tick=False)
    def test_works_without_use_tz(self):
        self.assertEqual(today_local(), date(2020, 7, 4))


class TestRelativeTime(SimpleTestCase):
    now = datetime(2020, 7, 4, 10, 0, tzinfo=VIETNAM_TZ)

    def ago(self, **kwargs):
        return relative_time(self.now - timedelta(**kwargs), now=self.now)

    def test_under_a_minute_is_just_now(self):
        self.assertEqual(self.ago(seconds=0), "vừa xong")
        self.assertEqual(self.ago(seconds=59), "vừa xong")

    def test_minutes(self):
        self.assertEqual(self.ago(seconds=60), "1 phút trước")
        self.assertEqual(self.ago(minutes=5), "5 phút trước")
        self.assertEqual(self.ago(minutes=59, seconds=59), "59 phút trước")

    def test_hours(self):
        self.assertEqual(self.ago(hours=1), "1 giờ trước")
        self.assertEqual(self.ago(hours=2, minutes=59), "2 giờ trước")
        self.assertEqual(self.ago(hours=23, minutes=59), "23 giờ trước")

    def test_days_up_to_seven(self):
        self.assertEqual(self.ago(days=1), "1 ngày trước")
        self.assertEqual(self.ago(days=3), "3 ngày trước")
        self.assertEqual(self.ago(days=7), "7 ngày trước")

    def test_beyond_seven_days_is_the_short_date(self):
        self.assertEqual(self.ago(days=7, seconds=1), "27/06/2020")
        self.assertEqual(self.ago(days=400), "31/05/2019")

    def test_future_is_the_short_date(self):
        self.assertEqual(relative_time(self.now + timedelta(minutes=5), now=self.now), "04/07/2020")

    def test_short_date_fallback_uses_vietnam_date(self):
        # 17:30 UTC on 20 June is already 21 June in Vietnam.
        old = datetime(2020, 6, 20, 17, 30, tzinfo=UTC)
        self.assertEqual(relative_time(old, now=self.now), "21/06/2020")

    def test_naive_values_are_taken_as_vietnam_time(self):
        self.assertEqual(
            relative_time(datetime(2020, 7, 4, 8, 0), now=datetime(2020, 7, 4, 10, 15)),
            "2 giờ trước",
        )
        self.assertEqual(relative_time(datetime(2020, 7, 4, 8, 0), now=self.now), "2 giờ trước")

    def test_plain_date_is_the_short_date(self):
        self.assertEqual(relative_time(date(2020, 7, 4), now=self.now), "04/07/2020")

    @time_machine.travel(datetime(2020, 7, 4, 3, 0, tzinfo=UTC), tick=False)
    def test_defaults_to_the_current_time(self):
        self.assertEqual(relative_time(datetime(2020, 7, 4, 2, 55, tzinfo=UTC)), "5 phút trước")
        self.assertEqual(
            relative_time(datetime(2020, 7, 4, 9, 0, tzinfo=VIETNAM_TZ)), "1 giờ trước"
        )


class TestParseVietnameseDate(SimpleTestCase):
    saturday = date(2020, 7, 4)

    def assertParses(self, text, expected_date, expected_time=None):
        parsed = parse_vietnamese_date(text)
        self.assertIsNotNone(parsed, text)
        self.assertEqual((parsed.date, parsed.time), (expected_date, expected_time), text)

    def test_long_form(self):
        self.assertParses("Thứ Bảy, ngày 4 tháng 7 năm 2020", self.saturday)

    def test_long_form_variants(self):
        for text in [
            "ngày 4 tháng 7 năm 2020",
            "ngày 04 tháng 07 năm 2020",
            "4 tháng 7, 2020",
            "THỨ BẢY, NGÀY 4 THÁNG 7 NĂM 2020",
            "Hà Nội, ngày 4 tháng 7 năm 2020",
        ]:
            with self.subTest(text=text):
                self.assertParses(text, self.saturday)

    def test_numeric_forms(self):
        for text in ["ngày 4/7/2020", "04/07/2020", "4-7-2020", "04-07-2020", "4.7.2020"]:
            with self.subTest(text=text):
                self.assertParses(text, self.saturday)

    def test_date_with_time(self):
        for text in [
            "04/07/2020 08:30",
            "08:30 04/07/2020",
            "Cập nhật: 04/07/2020 08:30",
            "Thứ bảy, 04/07/2020, 08:30 (GMT+7)",
            "Thứ Bảy, 4/7/2020 - 08:30",
            "8h30 ngày 4/7/2020",
            "Thứ Bảy, ngày 4 tháng 7 năm 2020 08:30",
        ]:
            with self.subTest(text=text):
                self.assertParses(text, self.saturday, time(8, 30))

    def test_seconds_are_kept(self):
        self.assertParses("04/07/2020 08:30:15", self.saturday, time(8, 30, 15))

    def test_weekday_words_in_any_case_are_accepted(self):
        for text in [
            "thứ bảy, 04/07/2020",
            "Thứ 7, 04/07/2020",
            "T7, 04/07/2020",
            "THỨ BẢY 04/07/2020",
        ]:
            with self.subTest(text=text):
                self.assertParses(text, self.saturday)

    def test_sunday_spellings(self):
        for text in ["Chủ nhật, 05/07/2020", "Chủ Nhật, ngày 5 tháng 7 năm 2020", "CN, 5/7/2020"]:
            with self.subTest(text=text):
                self.assertParses(text, date(2020, 7, 5))

    def test_decomposed_input(self):
        nfd = "Thu\u031b\u0301 Ba\u0309y, nga\u0300y 4 tha\u0301ng 7 na\u0306m 2020"
        self.assertParses(nfd, self.saturday)

    def test_date_inside_a_longer_text(self):
        self.assertParses(
            "(Tòa soạn) - Sáng 4/7/2020, Hội nghị khai mạc lúc 8h30.", self.saturday, time(8, 30)
        )

    def test_nothing_found_is_none(self):
        for text in ["", None, "Tin tức", "ngày 4 tháng 7", "4/7", "04/07/20", "2020"]:
            with self.subTest(text=text):
                self.assertIsNone(parse_vietnamese_date(text))

    def test_out_of_range_day_or_month_is_none(self):
        for text in [
            "32/01/2020",
            "31/02/2020",
            "00/07/2020",
            "04/13/2020",
            "04/00/2020",
            "29/02/2019",
            "ngày 31 tháng 4 năm 2020",
        ]:
            with self.subTest(text=text):
                self.assertIsNone(parse_vietnamese_date(text))

    def test_leap_day_is_valid(self):
        self.assertParses("29/02/2020", date(2020, 2, 29))

    def test_first_valid_date_wins(self):
        self.assertParses("31/02/2020 hoặc 04/07/2020", self.saturday)
        self.assertParses("03/07/2020, cập nhật 04/07/2020", date(2020, 7, 3))

    def test_invalid_time_is_dropped(self):
        self.assertParses("04/07/2020 25:30", self.saturday, None)
        self.assertParses("04/07/2020 08:75", self.saturday, None)

    def test_offset_is_not_read_as_time(self):
        parsed = parse_vietnamese_date("04/07/2020 (GMT+07:00) 08:30")
        self.assertEqual(parsed.time, time(8, 30))
        self.assertEqual(parsed.utc_offset, timedelta(hours=7))

    def test_offset_is_optional(self):
        self.assertIsNone(parse_vietnamese_date("04/07/2020 08:30").utc_offset)

    def test_value_is_a_date_without_time(self):
        self.assertEqual(parse_vietnamese_date("04/07/2020").value, self.saturday)

    def test_value_is_an_aware_datetime_in_vietnam_time(self):
        value = parse_vietnamese_date("04/07/2020 08:30").value
        self.assertTrue(timezone.is_aware(value))
        self.assertEqual(value, datetime(2020, 7, 4, 1, 30, tzinfo=UTC))

    def test_named_offset_is_used_for_the_datetime(self):
        value = parse_vietnamese_date("04/07/2020 08:30 GMT+0").value
        self.assertEqual(value, datetime(2020, 7, 4, 8, 30, tzinfo=UTC))

    def test_to_datetime_without_time_is_vietnam_midnight(self):
        self.assertEqual(
            ParsedDate(self.saturday).to_datetime(),
            datetime(2020, 7, 3, 17, 0, tzinfo=UTC),
        )
