"""The figures of a business case: net present value and payback, on Decimal kroner."""

from decimal import Decimal as D
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from samskab.finance import calculations
from samskab.finance.calculations import net_present_value, payback_from_net, payback_years

KRONER = st.decimals(min_value=0, max_value=10_000_000, places=2)
FLOWS = st.lists(
    st.decimals(min_value=-10_000_000, max_value=10_000_000, places=2), min_size=1, max_size=12
)
RATES = st.decimals(min_value=0, max_value=50, places=2)


def test_npv_of_the_reference_flows_at_three_and_a_half_percent():
    # -100 + 50/1.035 + 50/1.035² + 50/1.035³
    # = -100 + 48.3092 + 46.6755 + 45.0971 = 40.0818 → 40.08
    assert net_present_value([D(-100), D(50), D(50), D(50)], D("3.5")) == D("40.08")


def test_npv_does_not_discount_year_zero():
    assert net_present_value([D("-1000.55")], D("10")) == D("-1000.55")


def test_npv_at_ten_percent_by_hand():
    # -1000 + 1100/1.1 = -1000 + 1000 = 0
    assert net_present_value([D(-1000), D(1100)], D(10)) == D("0.00")


def test_payback_of_the_reference_flows_is_three_years():
    # cumulative -100, -50, 0, 50: the third year ends at zero.
    assert payback_from_net([D(-100), D(50), D(50), D(50)]) == D("3.00")


def test_payback_is_interpolated_within_the_year():
    # cumulative -100, -40, 20: 40 of the third year's 60 → 2 + 40/60 = 2.67
    assert payback_from_net([D(-100), D(60), D(60)]) == D("2.67")


def test_payback_is_none_when_the_gains_never_cover_the_costs():
    assert payback_from_net([D(-100), D(30), D(30)]) is None


def test_payback_counts_a_second_investment():
    # cumulative -100, 0, -50, 0: negative last in the third year → 3 + 50/50 = 4
    assert payback_from_net([D(-100), D(100), D(-50), D(50)]) == D("4.00")


def test_payback_is_zero_without_costs_ahead_of_the_gains():
    assert payback_from_net([D(10), D(10)]) == D(0)


def test_cumulative_sums_as_it_goes():
    assert calculations.cumulative([D(1), D(2), D(3)]) == [D(1), D(3), D(6)]


def _line(kind, year, low, expected, high):
    return SimpleNamespace(kind=kind, year=year, low=D(low), expected=D(expected), high=D(high))


def _case(lines, first_year=2026, rate="3.5"):
    return SimpleNamespace(
        first_year=first_year,
        discount_rate=D(rate),
        lines=SimpleNamespace(all=lambda: lines),
    )


def test_payback_of_a_case_takes_both_gains_less_both_costs():
    case = _case(
        [
            _line("investment", 2026, 80, 100, 150),
            _line("running", 2027, 10, 10, 10),
            _line("gain_budget", 2027, 30, 40, 50),
            _line("gain_other", 2027, 0, 20, 20),
            _line("gain_budget", 2028, 40, 50, 60),
        ]
    )
    # expected net: -100, 50, 50 → cumulative -100, -50, 0 → 3 years
    assert payback_years(case) == D("3.00")


def test_scenarios_take_low_gains_with_high_costs():
    case = _case([_line("investment", 2026, 80, 100, 150), _line("gain_budget", 2027, 30, 40, 50)])
    assert calculations.case_net_flows(case, "low") == [D(-150), D(30)]
    assert calculations.case_net_flows(case, "high") == [D(-80), D(50)]


def test_a_case_without_lines_has_its_first_year_only():
    assert calculations.case_years(_case([])) == [2026]


@given(FLOWS)
def test_npv_at_zero_percent_is_the_sum(flows):
    assert net_present_value(flows, D(0)) == sum(flows, D(0))


@given(KRONER, st.lists(KRONER, min_size=1, max_size=10), RATES, RATES)
def test_npv_falls_as_the_rate_rises_when_costs_come_first(cost, gains, rate, other):
    flows = [-cost, *gains]
    low, high = sorted([rate, other])
    assert net_present_value(flows, high) <= net_present_value(flows, low)


@given(KRONER.filter(lambda cost: cost > 0), st.lists(KRONER, max_size=10))
def test_payback_is_none_when_gains_never_cover_costs(cost, gains):
    total = sum(gains, D(0))
    flows = [-(cost + total), *gains]  # the gains fall short by ``cost``
    assert payback_from_net(flows) is None


@given(FLOWS)
def test_payback_when_found_is_within_the_years(flows):
    years = payback_from_net(flows)
    if years is not None:
        assert D(0) <= years <= len(flows)
        assert calculations.cumulative(flows)[-1] >= 0
