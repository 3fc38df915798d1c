"""The cost of the team's time: allocation × hours a year × the share of each year's days
× the role's hourly rate."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from samskab.finance.queries_task import by_year, time_costs

RATES = {"specialist": Decimal("500.00")}


@dataclass
class Membership:
    """A membership as the calculation reads it, without the database."""

    role: str
    allocation: int
    starts_on: date
    ends_on: date | None
    task_id: int = 1


@override_settings(SAMSKAB_HOURS_PER_YEAR=1924)
def test_a_whole_year_at_half_time_costs_half_the_working_hours_at_the_rate():
    member = Membership("specialist", 50, date(2025, 1, 1), date(2026, 1, 1))
    (row,) = time_costs([member], RATES, until=date(2026, 6, 1))
    assert (row.year, row.days, row.hours, row.cost) == (
        2025,
        365,
        Decimal("962.00"),
        Decimal("481000.00"),
    )


@override_settings(SAMSKAB_HOURS_PER_YEAR=1924)
def test_a_membership_across_new_year_splits_by_the_days_in_each_year():
    # 1 December 2025 to 31 January 2026: 31 days in each year, at full time.
    member = Membership("specialist", 100, date(2025, 12, 1), date(2026, 2, 1))
    rows = time_costs([member], RATES, until=date(2026, 6, 1))
    assert [(row.year, row.days) for row in rows] == [(2025, 31), (2026, 31)]
    assert rows[0].hours == rows[1].hours == (Decimal(1924) * 31 / 365).quantize(Decimal("0.01"))


def test_an_open_membership_counts_until_today_and_a_future_one_nothing():
    today = date(2026, 3, 31)
    running = Membership("specialist", 100, date(2026, 1, 1), None)
    future = Membership("specialist", 100, date(2026, 4, 1), None)
    rows = time_costs([running, future], RATES, until=today)
    assert [(row.year, row.days) for row in rows] == [(2026, 90)]


def test_a_role_without_a_rate_costs_nothing_and_says_so():
    member = Membership("citizen", 20, date(2026, 1, 1), date(2026, 2, 1))
    (row,) = time_costs([member], RATES, until=date(2026, 6, 1))
    assert row.rate is None and row.cost == 0 and row.hours > 0


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(
    start=days,
    length=st.integers(min_value=0, max_value=4000),
    allocation=st.integers(min_value=0, max_value=100),
    until=days,
)
def test_the_sums_per_year_add_up_to_the_total_and_the_days_to_the_membership(
    start, length, allocation, until
):
    end = start + timedelta(days=length)
    member = Membership("specialist", allocation, start, end)
    rows = time_costs([member], RATES, until=until)
    per_year = by_year(rows)
    assert sum(per_year.values(), Decimal(0)) == sum((row.cost for row in rows), Decimal(0))
    counted = max(0, (min(end, until + timedelta(days=1)) - start).days)
    assert sum(row.days for row in rows) == counted
    assert len({row.year for row in rows}) == len(rows)  # one row per year
    for row in rows:
        assert row.cost == (row.hours * RATES["specialist"]).quantize(Decimal("0.01"))
        assert 0 <= row.hours <= Decimal(allocation) / 100 * 1924 + Decimal("0.01")
