import pytest

from toasoan.documents.numbers import parse_query, parse_symbol

ISSUERS = {"cp", "ubnd", "bql"}


@pytest.mark.parametrize(
    "symbol, expected",
    [
        ("42/2022/NĐ-CP", ("42", 2022, "nd", ["cp"])),
        ("1234/QĐ-UBND", ("1234", None, "qd", ["ubnd"])),
        ("59/2020/QH14", ("59", 2020, "", ["qh14"])),
        ("567/BQL-VP", ("567", None, "", ["bql", "vp"])),
        ("045/TB-BQL", ("45", None, "tb", ["bql"])),
    ],
)
def test_official_numbers(symbol, expected):
    parts = parse_symbol(symbol)
    assert (parts.number, parts.year, parts.type_code, parts.issuer_codes) == expected


@pytest.mark.parametrize(
    "typed, number, year, type_code, issuers",
    [
        ("nd 42/2022", "42", 2022, "nd", []),
        ("NĐ-CP 42", "42", None, "nd", ["cp"]),
        ("42/2022", "42", 2022, "", []),
        ("nghi dinh 42 2022", "42", 2022, "nd", []),
        ("Nghị định số 42/2022", "42", 2022, "nd", []),
        ("qd 1234 ubnd", "1234", None, "qd", ["ubnd"]),
        ("thông báo 45 bql", "45", None, "tb", ["bql"]),
        ("42/2022/nd-cp", "42", 2022, "nd", ["cp"]),
        ("42nd 2022", "42", 2022, "nd", []),
    ],
)
def test_loosely_typed_numbers(typed, number, year, type_code, issuers):
    parts = parse_query(typed, ISSUERS)
    assert (parts.number, parts.year, parts.type_code, parts.issuer_codes) == (
        number,
        year,
        type_code,
        issuers,
    )


def test_lone_year_like_number_is_tried_both_ways():
    parts = parse_query("2022")
    assert parts.number == "2022" and parts.year == 2022 and parts.number_or_year


def test_words_are_kept_apart_from_the_number():
    parts = parse_query("quyết định 1234 khu công nghiệp", ISSUERS)
    assert parts.number == "1234" and parts.type_code == "qd"
    assert parts.words == ["khu", "cong", "nghiep"]
