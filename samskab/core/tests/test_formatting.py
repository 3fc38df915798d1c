"""Numbers in the active language's format, without trailing zeros; kroner and per cent."""

from decimal import Decimal

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from samskab.core import formatting

NBSP = "\xa0"


def test_numbers_lose_trailing_zeros_and_keep_the_danish_format():
    with translation.override("da"):
        assert formatting.number(Decimal("12.1000")) == "12,1"
        assert formatting.number(Decimal("12.0000")) == "12"
        assert formatting.number(Decimal("100")) == "100"
        assert formatting.number(Decimal("1234567.25")) == "1.234.567,25"
        assert formatting.number(Decimal("-0.0000")) == "0"
        assert formatting.number(Decimal("2.456"), decimals=2) == "2,46"
        assert formatting.number(None) == ""
    with translation.override("en"):
        assert formatting.number(Decimal("1234.5000")) == "1,234.5"


def test_kroner_have_two_decimals_only_with_oere():
    with translation.override("da"):
        assert formatting.kroner(Decimal("700000.00")) == f"700.000{NBSP}kr."
        assert formatting.kroner(Decimal("30000.5")) == f"30.000,50{NBSP}kr."
        assert formatting.kroner(Decimal("-12.345")) == f"-12,35{NBSP}kr."


def test_percentages_are_rounded_to_one_decimal_not_cut():
    with translation.override("da"):
        assert formatting.percent(Decimal("41.85")) == f"41,9{NBSP}%"
        assert formatting.percent(Decimal("41.8")) == f"41,8{NBSP}%"
        assert formatting.percent(Decimal("25.8333")) == f"25,8{NBSP}%"
        assert formatting.percent(Decimal("99.96")) == f"100{NBSP}%"
        assert formatting.percent(50) == f"50{NBSP}%"


@given(
    st.decimals(
        places=4, allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9
    )
)
def test_a_number_shown_reads_back_as_the_same_number(value):
    with translation.override("da"):
        shown = formatting.number(value)
    assert Decimal(shown.replace(".", "").replace(",", ".")) == value
    assert not ("," in shown and shown.endswith("0"))
