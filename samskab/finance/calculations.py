"""The figures of a business case, in the vocabulary of the Danish state's business case model.

Digitaliseringsstyrelsen's business case model (and the Ministry of Finance's guidance on
socio-economic analysis, "Vejledning i samfundsøkonomiske konsekvensvurderinger") states a
project as yearly flows: investment and running costs against gains that are
budget-effective (they can be taken home in a budget) or not. From these come the net present
value and the payback period. Every function here takes plain sequences of ``Decimal`` and
returns ``Decimal``: kroner are never floats.

Years are counted from the case's first year: flow 0 is the first year's.
"""

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
ORE = Decimal("0.01")
HUNDRED = Decimal("100")

# The three estimates of a line, and which of them make a scenario: the low case is the
# pessimistic one (low gains, high costs), the high case the optimistic one.
ESTIMATES = ("low", "expected", "high")
COST_ESTIMATE_OF = {"low": "high", "expected": "expected", "high": "low"}


def to_ore(amount: Decimal) -> Decimal:
    """The amount rounded to øre, half up, as kroner are shown and stored."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def discount_factor(year: int, rate_percent: Decimal) -> Decimal:
    """What a krone ``year`` years from now is worth today: 1 / (1 + r)^t."""
    return Decimal(1) / (Decimal(1) + Decimal(rate_percent) / HUNDRED) ** year


def net_present_value(flows: Sequence[Decimal], rate_percent: Decimal) -> Decimal:
    """The net present value of yearly ``flows`` (year 0 first), to øre.

    NPV = Σ_t F_t / (1 + r)^t, t = 0 … n, the standard formula of the Ministry of
    Finance's guidance on socio-economic analysis and of Digitaliseringsstyrelsen's
    business case model; r is the discount rate (``rate_percent`` / 100) and year 0 is not
    discounted.
    """
    total = sum(
        (Decimal(flow) * discount_factor(year, rate_percent) for year, flow in enumerate(flows)),
        ZERO,
    )
    return to_ore(total)


def cumulative(values: Iterable[Decimal]) -> list[Decimal]:
    """The running totals: 1, 2, 3 → 1, 3, 6."""
    totals, running = [], ZERO
    for value in values:
        running += value
        totals.append(running)
    return totals


def payback_from_net(net_flows: Sequence[Decimal]) -> Decimal | None:
    """Years from the start of the first year until the cumulative net turns non-negative for good.

    Each year's net flow is taken as spread evenly over the year, so the point within the
    year where the cumulative crosses zero is found by linear interpolation: -100, 50, 50, 50
    is paid back after 3 years, -100, 60, 60 after 2.67. 0 when the cumulative is never
    negative; None when it is still negative at the end of the last year.
    """
    totals = cumulative(net_flows)
    negative = [index for index, total in enumerate(totals) if total < ZERO]
    if not negative:
        return ZERO
    last = negative[-1]
    if last == len(totals) - 1:
        return None
    before, after = totals[last], totals[last + 1]
    fraction = -before / (after - before)
    return (Decimal(last + 1) + fraction).quantize(ORE, rounding=ROUND_HALF_UP)


def net_flows(
    *,
    investment: Sequence[Decimal],
    running: Sequence[Decimal],
    gain_budget: Sequence[Decimal],
    gain_other: Sequence[Decimal],
) -> list[Decimal]:
    """Each year's gains (both kinds) less its costs (investment and running)."""
    return [
        gb + go - inv - run
        for inv, run, gb, go in zip(investment, running, gain_budget, gain_other, strict=True)
    ]


# Of a business case's lines ----------------------------------------------------------


def case_years(case) -> list[int]:
    """The years of the case, from its first year to the last year that has a line."""
    years = [case.first_year, *(line.year for line in case.lines.all())]
    return list(range(min(years), max(years) + 1))


def case_flows(case, estimate: str = "expected") -> dict[str, list[Decimal]]:
    """The case's figures per kind and year (``case_years``), as the given scenario has them.

    ``estimate`` is the scenario: "low" takes the low gains and the high costs, "high" the
    high gains and the low costs, "expected" the expected of both.
    """
    years = case_years(case)
    index = {year: position for position, year in enumerate(years)}
    flows = {kind: [ZERO] * len(years) for kind in ("investment", "running")}
    flows |= {kind: [ZERO] * len(years) for kind in ("gain_budget", "gain_other")}
    for line in case.lines.all():
        column = COST_ESTIMATE_OF[estimate] if line.kind in ("investment", "running") else estimate
        flows[line.kind][index[line.year]] += getattr(line, column)
    return flows


def case_net_flows(case, estimate: str = "expected") -> list[Decimal]:
    return net_flows(**case_flows(case, estimate))


def case_net_present_value(case, estimate: str = "expected") -> Decimal:
    return net_present_value(case_net_flows(case, estimate), case.discount_rate)


def payback_years(case) -> Decimal | None:
    """Years until the expected gains (both kinds) have covered investment and running costs.

    Counted from the start of the case's first year, interpolated linearly within the year;
    None if the gains never cover the costs within the years of the case.
    """
    return payback_from_net(case_net_flows(case, "expected"))
