"""Numbers the Vietnamese way: "." groups thousands, "," marks decimals ("1.234.567,89").

The separators are fixed rather than taken from the active locale, because the site prints
Vietnamese figures whatever language a reader's browser asks for.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SCALES = (
    (Decimal(10) ** 6, "triệu"),
    (Decimal(10) ** 9, "tỷ"),
    (Decimal(10) ** 12, "nghìn tỷ"),
)

Number = int | float | Decimal | str


def format_number(n: Number, decimals: int | None = None) -> str:
    """Return ``n`` with Vietnamese separators, rounded half up when ``decimals`` is given.

    Without ``decimals`` an int has none and a float or Decimal keeps the digits it has.
    Raises ``ValueError`` for values that are not finite numbers.

    >>> format_number(1234567.891, decimals=2)
    '1.234.567,89'
    >>> format_number(59.4)
    '59,4'
    """
    value = _to_decimal(n)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    # "-0,00" after rounding a tiny negative would read as a real negative figure.
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def format_count(n: int | None) -> str:
    """Return a view or comment count; ``None`` counts as zero.

    >>> format_count(1234)
    '1.234'
    """
    return format_number(int(n or 0))


def format_money_short(value: Number, unit: str = "USD") -> str:
    """Return an amount as newspapers write it: in triệu, tỷ or nghìn tỷ with one decimal.

    Amounts under a million are written in full.

    >>> format_money_short(1_200_000_000)
    '1,2 tỷ USD'
    >>> format_money_short(3_500_000_000_000, unit="đồng")
    '3,5 nghìn tỷ đồng'
    """
    amount = _to_decimal(value)
    if abs(amount) < _SCALES[0][0]:
        return f"{format_number(amount)} {unit}".strip()
    scaled, word = _in_words(amount)
    return f"{format_number(scaled)} {word} {unit}".strip()


def _in_words(amount: Decimal) -> tuple[Decimal, str]:
    # Smallest scale first, moving up while the rounded figure reaches 1.000, so that
    # 999.960.000 reads "1 tỷ" rather than "1.000 triệu".
    for scale, word in _SCALES[:-1]:
        scaled = _one_decimal(amount / scale)
        if abs(scaled) < 1000:
            return scaled, word
    scale, word = _SCALES[-1]
    return _one_decimal(amount / scale), word


def _one_decimal(value: Decimal) -> Decimal:
    # normalize() drops a trailing ",0": "1 tỷ", not "1,0 tỷ".
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()


def _to_decimal(n: Number) -> Decimal:
    if isinstance(n, bool):
        raise ValueError(f"not a number: {n!r}")
    try:
        # str() first: Decimal(0.1) would carry the float's binary noise into the output.
        value = n if isinstance(n, Decimal) else Decimal(str(n).strip())
    except InvalidOperation as error:
        raise ValueError(f"not a number: {n!r}") from error
    if not value.is_finite():
        raise ValueError(f"not a finite number: {n!r}")
    return value
