"""The ticks of the SVG charts: round values that cover the data, and few of them."""

import itertools
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from samskab.core.charts import MOST_TICKS, nice_ticks

values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


def test_odd_values_get_round_ticks():
    assert nice_ticks(9.5, 11.5) == [Decimal("9.5"), 10, Decimal("10.5"), 11, Decimal("11.5")]
    assert nice_ticks(0, 700_000) == [0, 200_000, 400_000, 600_000, 800_000]
    assert nice_ticks(0, 935) == [0, 200, 400, 600, 800, 1000]
    assert nice_ticks(0, 9.37) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(20, 20) == [18, 19, 20, 21, 22]
    assert nice_ticks(0, 0) == [-1, Decimal("-0.5"), 0, Decimal("0.5"), 1]


@given(values, values)
def test_ticks_are_nice_cover_the_data_and_are_few(low, high):
    ticks = nice_ticks(low, high)

    assert 2 <= len(ticks) <= MOST_TICKS
    assert ticks[0] <= Decimal(str(min(low, high)))
    assert ticks[-1] >= Decimal(str(max(low, high)))
    step = ticks[1] - ticks[0]
    assert all(b - a == step for a, b in itertools.pairwise(ticks))
    assert step.scaleb(-step.adjusted()).normalize() in {1, 2, Decimal("2.5"), 5}
    assert all((tick / step) == (tick / step).to_integral_value() for tick in ticks)
    if low != high:  # no tick is wasted beyond the data on either side
        assert ticks[1] > Decimal(str(min(low, high)))
        assert ticks[-2] < Decimal(str(max(low, high)))
