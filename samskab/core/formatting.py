"""Numbers as Samskab shows them, in the active language's format: 1.234,5 in Danish.

A number keeps the decimals it has and no more: a measurement stored as
12.1000 is shown as 12,1. Kroner have two decimals when they have øre, and
"kr." after them; a share in per cent is rounded (not cut) to one decimal.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats

NBSP = "\u00a0"  # between a figure and its unit, so that a line never breaks there


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _rounded(number: Decimal, decimals: int) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _format(number: Decimal, decimals: int) -> str:
    return formats.number_format(number, decimals, use_l10n=True, force_grouping=True)


def number(value, *, decimals: int | None = None) -> str:
    """The number without trailing zeros, rounded to at most ``decimals`` if given: 12.1000 → 12,1."""
    parsed = _decimal(value)
    if parsed is None:
        return ""
    if decimals is not None:
        parsed = _rounded(parsed, decimals)
    if parsed == 0:
        return "0"
    parsed = parsed.normalize()
    return _format(parsed, max(-parsed.as_tuple().exponent, 0))


def kroner(value) -> str:
    """An amount of kroner: 1.234 kr., or 1.234,50 kr. when it has øre."""
    parsed = _decimal(value)
    if parsed is None:
        return ""
    parsed = _rounded(parsed, 2)
    whole = parsed == parsed.to_integral_value()
    return f"{_format(parsed, 0 if whole else 2)}{NBSP}kr."


def percent(value) -> str:
    """A share given in per cent, to one decimal where it has one: 41,8 %, 50 %."""
    parsed = _decimal(value)
    if parsed is None:
        return ""
    return f"{number(parsed, decimals=1)}{NBSP}%"
