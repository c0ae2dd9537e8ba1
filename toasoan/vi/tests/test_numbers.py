from decimal import Decimal

from django.test import SimpleTestCase

from toasoan.vi.numbers import format_count, format_money_short, format_number


class TestFormatNumber(SimpleTestCase):
    def test_thousands_use_dots(self):
        self.assertEqual(format_number(1718), "1.718")
        self.assertEqual(format_number(1234567), "1.234.567")
        self.assertEqual(format_number(10**15), "1.000.000.000.000.000")

    def test_small_numbers_have_no_separator(self):
        self.assertEqual(format_number(0), "0")
        self.assertEqual(format_number(999), "999")

    def test_decimals_use_a_comma(self):
        self.assertEqual(format_number(59.4), "59,4")
        self.assertEqual(format_number(1234567.89), "1.234.567,89")

    def test_negative_numbers(self):
        self.assertEqual(format_number(-1234.5), "-1.234,5")

    def test_decimals_argument_rounds_half_up(self):
        self.assertEqual(format_number(1234567.891, decimals=2), "1.234.567,89")
        self.assertEqual(format_number(2.5, decimals=0), "3")
        # 2.675 is 2.67499... as a float; newspapers still expect 2,68.
        self.assertEqual(format_number(2.675, decimals=2), "2,68")

    def test_decimals_argument_pads(self):
        self.assertEqual(format_number(5, decimals=2), "5,00")

    def test_tiny_negative_rounds_to_unsigned_zero(self):
        self.assertEqual(format_number(-0.001, decimals=2), "0,00")

    def test_no_scientific_notation(self):
        self.assertEqual(format_number(1e-7), "0,0000001")
        self.assertEqual(format_number(Decimal("1E+3")), "1.000")

    def test_decimal_keeps_its_digits(self):
        self.assertEqual(format_number(Decimal("1.50")), "1,50")

    def test_numeric_string(self):
        self.assertEqual(format_number("1234.5"), "1.234,5")

    def test_non_numbers_raise_value_error(self):
        for value in ["abc", "", float("nan"), float("inf"), True, None]:
            with self.subTest(value=value), self.assertRaises(ValueError):
                format_number(value)


class TestFormatCount(SimpleTestCase):
    def test_count(self):
        self.assertEqual(format_count(1234), "1.234")
        self.assertEqual(format_count(12), "12")

    def test_none_is_zero(self):
        self.assertEqual(format_count(None), "0")


class TestFormatMoneyShort(SimpleTestCase):
    def test_scales(self):
        cases = [
            (1_200_000_000, "USD", "1,2 tỷ USD"),
            (3_500_000_000_000, "đồng", "3,5 nghìn tỷ đồng"),
            (25_000_000, "đồng", "25 triệu đồng"),
            (950_000_000, "USD", "950 triệu USD"),
            (1_500_000_000_000_000, "USD", "1.500 nghìn tỷ USD"),
            (-2_345_678_901, "USD", "-2,3 tỷ USD"),
        ]
        for value, unit, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(format_money_short(value, unit=unit), expected)

    def test_rounding_moves_up_a_scale(self):
        self.assertEqual(format_money_short(999_960_000), "1 tỷ USD")

    def test_under_a_million_is_written_in_full(self):
        self.assertEqual(format_money_short(960_000, unit="đồng"), "960.000 đồng")

    def test_empty_unit(self):
        self.assertEqual(format_money_short(2_000_000, unit=""), "2 triệu")
