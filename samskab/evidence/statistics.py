"""The statistics behind an experiment's effect, in plain Python (floats).

Student's t distribution through the regularised incomplete beta function
(continued fraction, as in Numerical Recipes §6.4), its quantile by bisection,
and the two intervals the effect needs: a one-sample interval of a mean against
a fixed baseline, and Welch's interval of the difference of two means with
unequal variances (Welch-Satterthwaite degrees of freedom).
"""

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

CONFIDENCE = 0.95
_EPS = 1e-15
_TINY = 1e-300


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def variance(values: Sequence[float]) -> float:
    """The sample variance (n - 1 in the denominator)."""
    centre = mean(values)
    return math.fsum((value - centre) ** 2 for value in values) / (len(values) - 1)


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h


def regularized_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularised incomplete beta function."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` (not necessarily whole) degrees of freedom."""
    tail = 0.5 * regularized_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


@functools.lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The t with P(T <= t) = p, by bisection on the distribution function.

    Kept for each (p, df) once computed: a bisection costs a quarter of a millisecond,
    and the task page shows the intervals of every concluded trial.
    """
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12 * max(1.0, high):
            break
    return (low + high) / 2.0


@dataclass(frozen=True)
class Interval:
    """An estimate with its confidence interval."""

    estimate: float
    low: float
    high: float
    df: float | None  # None when there is no spread at all (every value the same)

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def mean_against(values: Sequence[float], baseline: float) -> Interval:
    """The mean of ``values`` less ``baseline``, with a one-sample t interval (n >= 2)."""
    if len(values) < 2:
        raise ValueError("an interval needs at least two values")
    estimate = mean(values) - baseline
    se = math.sqrt(variance(values) / len(values))
    df = len(values) - 1
    if se == 0:
        return Interval(estimate, estimate, estimate, None)
    margin = t_quantile(1 - (1 - CONFIDENCE) / 2, df) * se
    return Interval(estimate, estimate - margin, estimate + margin, float(df))


def welch(trial: Sequence[float], comparison: Sequence[float]) -> Interval:
    """The difference of the means (trial less comparison) with Welch's interval (n >= 2 each)."""
    if len(trial) < 2 or len(comparison) < 2:
        raise ValueError("each group needs at least two values")
    estimate = mean(trial) - mean(comparison)
    a = variance(trial) / len(trial)
    b = variance(comparison) / len(comparison)
    if a + b == 0:
        return Interval(estimate, estimate, estimate, None)
    df = (a + b) ** 2 / (a * a / (len(trial) - 1) + b * b / (len(comparison) - 1))
    margin = t_quantile(1 - (1 - CONFIDENCE) / 2, df) * math.sqrt(a + b)
    return Interval(estimate, estimate - margin, estimate + margin, df)
