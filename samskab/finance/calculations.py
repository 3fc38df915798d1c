"""Figures of a business case (the state's business-case model).

``payback_years``: how long until the expected gains, both the budget-effective and the
not budget-effective, have paid back the investment and the running costs.
"""

from collections import defaultdict
from decimal import Decimal

from .models import BusinessCaseLine

ZERO = Decimal("0")


def payback_years(case) -> Decimal | None:
    """Years from the start of the case's first year until the cumulative expected gains
    minus the cumulative costs turn non-negative, or None if they never do within the case.

    An investment is spent at the start of its year; running costs and gains come evenly
    through the year, so the turning point is interpolated linearly within it. A case that
    is never below zero pays back at once (0). Reads ``case.lines.all()`` (prefetch it).
    """
    investment: dict[int, Decimal] = defaultdict(lambda: ZERO)
    net: dict[int, Decimal] = defaultdict(lambda: ZERO)  # gains minus running costs
    for line in case.lines.all():
        if line.kind == BusinessCaseLine.Kind.INVESTMENT:
            investment[line.year] += line.expected
        elif line.kind == BusinessCaseLine.Kind.RUNNING:
            net[line.year] -= line.expected
        else:
            net[line.year] += line.expected
    years = set(investment) | set(net)
    if not years:
        return None
    first = min(min(years), case.first_year) if case.first_year else min(years)
    cumulative = ZERO
    ever_negative = False
    for offset, year in enumerate(range(first, max(years) + 1)):
        start = cumulative - investment[year]
        end = start + net[year]
        if start < 0:
            ever_negative = True
            if end >= 0:
                return (Decimal(offset) + (-start) / (end - start)).quantize(Decimal("0.01"))
        if end < 0:
            ever_negative = True
        cumulative = end
    if not ever_negative:
        return Decimal("0.00")
    return None
