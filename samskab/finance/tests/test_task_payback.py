"""Payback of a business case: the years until the expected gains have covered the costs."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samskab.finance.calculations import payback_years
from samskab.finance.models import BusinessCaseLine as Line


class Case:
    """A business case as ``payback_years`` reads it."""

    def __init__(self, first_year, lines):
        self.first_year = first_year
        self._lines = [Line(kind=kind, year=year, expected=Decimal(v)) for kind, year, v in lines]

    @property
    def lines(self):
        return self

    def all(self):
        return self._lines


INV, RUN, GAIN, OTHER = (
    Line.Kind.INVESTMENT,
    Line.Kind.RUNNING,
    Line.Kind.GAIN_BUDGET,
    Line.Kind.GAIN_OTHER,
)


def test_an_investment_paid_back_half_way_through_the_second_year():
    case = Case(2026, [(INV, 2026, "150"), (GAIN, 2026, "100"), (OTHER, 2027, "100")])
    assert payback_years(case) == Decimal("1.50")


def test_running_costs_count_against_the_gains():
    case = Case(
        2026, [(INV, 2026, "100"), (GAIN, 2026, "60"), (RUN, 2026, "10"), (GAIN, 2027, "100")]
    )
    assert payback_years(case) == Decimal("1.50")


def test_a_case_that_never_pays_back_has_no_payback():
    assert payback_years(Case(2026, [(INV, 2026, "100"), (GAIN, 2027, "10")])) is None
    assert payback_years(Case(2026, [])) is None


def test_a_case_without_costs_pays_back_at_once():
    assert payback_years(Case(2026, [(GAIN, 2026, "10")])) == Decimal("0.00")


@pytest.mark.parametrize("years", [1, 3, 7])
def test_an_even_gain_pays_back_in_investment_over_gain_years(years):
    lines = [(INV, 2026, str(100 * years))] + [(GAIN, 2026 + n, "100") for n in range(10)]
    assert payback_years(Case(2026, lines)) == Decimal(years)


amounts = st.integers(min_value=0, max_value=10**6)


@given(st.lists(st.tuples(amounts, amounts, amounts), min_size=1, max_size=8))
def test_payback_lies_within_the_case_or_is_none(years):
    lines = []
    for offset, (investment, running, gain) in enumerate(years):
        lines += [(INV, 2026 + offset, investment), (RUN, 2026 + offset, running)]
        lines.append((GAIN, 2026 + offset, gain))
    result = payback_years(Case(2026, lines))
    assert result is None or Decimal(0) <= result <= len(years)
