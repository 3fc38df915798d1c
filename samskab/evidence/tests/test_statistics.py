"""The statistics against reference values, and the properties an effect must have.

The reference numbers were computed once with SciPy 1.17.1 on the same data:
scipy.stats.ttest_ind(trial, comparison, equal_var=False).confidence_interval(0.95)
and .df, scipy.stats.ttest_1samp(trial, baseline).confidence_interval(0.95),
scipy.stats.t.ppf(p, df) and scipy.special.betainc(a, b, x).
"""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samskab.evidence import statistics

TRIAL = [12.1, 14.3, 11.8, 15.2, 13.9, 12.7, 14.8]
COMPARISON = [10.2, 11.5, 9.8, 12.9, 10.7, 11.1]


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.975, 1, 12.706204736174694),
        (0.975, 4, 2.7764451051977934),
        (0.975, 10.987, 2.2013029354023463),
        (0.95, 29.5, 1.6981776388380057),
        (0.975, 120, 1.9799304050824402),
    ],
)
def test_t_quantile_matches_scipy(p, df, expected):
    assert statistics.t_quantile(p, df) == pytest.approx(expected, rel=1e-9)
    assert statistics.t_quantile(1 - p, df) == pytest.approx(-expected, rel=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "x", "expected"),
    [
        (2.5, 0.5, 0.3, 0.018927124071945658),
        (10, 3, 0.8, 0.5583457484800002),
        (0.5, 0.5, 0.1, 0.20483276469913345),
    ],
)
def test_regularised_incomplete_beta_matches_scipy(a, b, x, expected):
    assert statistics.regularized_beta(a, b, x) == pytest.approx(expected, rel=1e-10)


def test_welch_interval_matches_scipy():
    result = statistics.welch(TRIAL, COMPARISON)
    assert result.estimate == pytest.approx(2.509523809523813, rel=1e-12)
    assert result.low == pytest.approx(1.0171569117942314, rel=1e-9)
    assert result.high == pytest.approx(4.001890707253395, rel=1e-9)
    assert result.df == pytest.approx(10.987221990154309, rel=1e-12)
    assert result.excludes_zero


def test_welch_interval_of_a_lower_is_better_metric_matches_scipy():
    waiting_with = [31, 28, 35, 30, 27, 33, 29, 26]
    waiting_without = [41, 38, 45, 36, 44]
    result = statistics.welch(waiting_with, waiting_without)
    assert result.estimate == pytest.approx(-10.924999999999997, rel=1e-12)
    assert result.low == pytest.approx(-15.693161104574507, rel=1e-9)
    assert result.high == pytest.approx(-6.156838895425486, rel=1e-9)
    assert result.df == pytest.approx(7.139918126587256, rel=1e-12)


def test_one_sample_interval_against_the_baseline_matches_scipy():
    result = statistics.mean_against(TRIAL, 10.0)
    # scipy's interval of the mean, less the baseline 10.
    assert result.low == pytest.approx(2.298768128071538, rel=1e-9)
    assert result.high == pytest.approx(4.786946157642751, rel=1e-9)


def test_no_spread_gives_a_point_interval():
    result = statistics.welch([5, 5, 5], [3, 3])
    assert (result.estimate, result.low, result.high, result.df) == (2, 2, 2, None)


def test_an_interval_needs_two_values_in_each_group():
    with pytest.raises(ValueError):
        statistics.welch([1.0], [1.0, 2.0])


values = st.lists(
    st.integers(min_value=-10_000, max_value=10_000).map(lambda v: v / 10),
    min_size=2,
    max_size=30,
).filter(lambda xs: len(set(xs)) > 1)
shifts = st.integers(min_value=-1_000, max_value=1_000).map(lambda v: v / 4)


@settings(max_examples=200, deadline=None)
@given(trial=values, comparison=values, shift=shifts)
def test_a_constant_shift_of_the_trial_group_moves_the_difference_by_exactly_that(
    trial, comparison, shift
):
    before = statistics.welch(trial, comparison)
    after = statistics.welch([value + shift for value in trial], comparison)
    assert after.estimate - before.estimate == pytest.approx(shift, abs=1e-9)
    # The spread is the same, so the interval moves with it and keeps its width.
    assert (after.high - after.low) == pytest.approx(before.high - before.low, rel=1e-9, abs=1e-9)
    assert after.low - before.low == pytest.approx(shift, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(trial=values, comparison=values, times=st.integers(min_value=2, max_value=5))
def test_the_interval_narrows_as_the_number_of_observations_grows(trial, comparison, times):
    few = statistics.welch(trial, comparison)
    many = statistics.welch(trial * times, comparison * times)
    assert many.estimate == pytest.approx(few.estimate, abs=1e-9)
    assert many.high - many.low < few.high - few.low
    assert many.low <= many.estimate <= many.high


@settings(max_examples=100, deadline=None)
@given(
    df=st.floats(min_value=0.5, max_value=500),
    p=st.floats(min_value=0.01, max_value=0.99),
)
def test_the_quantile_inverts_the_distribution_function(df, p):
    assert statistics.t_cdf(statistics.t_quantile(p, df), df) == pytest.approx(p, abs=1e-9)
    assert not math.isnan(statistics.t_quantile(p, df))
