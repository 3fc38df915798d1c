"""An experiment's effect, its evidence level and the stop/go advice, from its measurements.

Each measurement row is one observation (models.py says what value and n mean).

- Change against the baseline: the trial group's mean less the baseline, with a
  95 % one-sample t interval when the trial group has two or more rows.
- Difference (designs with a comparison group): the trial group's mean less the
  comparison group's, with Welch's 95 % interval; needs two rows in each group.
- Improvement: the change (before/after) or the difference (comparison designs),
  turned so that a positive number is better whatever the metric's direction.
- The criterion is met when the improvement is positive and at least the card's
  target; for a comparison design the interval must also exclude zero.
- Evidence level, each level needing the one below it:
  1 the logic is described (every experiment has its hypothesis);
  2 the data show a change in the hoped-for direction against the baseline;
  3 a comparison group shows a difference: the interval excludes zero, in the
    hoped-for direction;
  4 the design is randomised, or the trial repeats an earlier one that reached 3;
  5 it has been repeated at scale or evaluated independently.
- Advice: go when the criterion is met, adjust and test again when the data
  improve without meeting it (or there is no documented effect yet), stop when
  the data show no improvement.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from . import statistics
from .models import Advice, Direction, Experiment, Measurement


@dataclass(frozen=True)
class GroupSummary:
    rows: int
    observations: int  # the sum of n
    mean: float | None


@dataclass(frozen=True)
class Effect:
    trial: GroupSummary
    comparison: GroupSummary
    baseline: float
    change: float | None
    change_percent: float | None
    change_interval: statistics.Interval | None
    difference: statistics.Interval | None
    improvement: float | None
    documented: bool
    criterion_met: bool | None
    level: int
    advice: str

    @property
    def advice_label(self) -> str:
        return Advice(self.advice).label


def _summary(values: list[float], ns: list[int]) -> GroupSummary:
    return GroupSummary(
        rows=len(values),
        observations=sum(ns),
        mean=statistics.mean(values) if values else None,
    )


def effect_of(experiment: Experiment, measurements: Iterable[Measurement]) -> Effect:
    trial, comparison, trial_n, comparison_n = [], [], [], []
    for measurement in measurements:
        if measurement.group == Measurement.Group.COMPARISON:
            comparison.append(float(measurement.value))
            comparison_n.append(measurement.observations)
        else:
            trial.append(float(measurement.value))
            trial_n.append(measurement.observations)
    sign = 1.0 if experiment.direction == Direction.HIGHER else -1.0
    baseline = float(experiment.baseline)
    target = float(experiment.target_change)

    trial_summary = _summary(trial, trial_n)
    change = change_percent = change_interval = None
    if trial:
        change = trial_summary.mean - baseline
        change_percent = 100.0 * change / abs(baseline) if baseline else None
        if len(trial) >= 2:
            change_interval = statistics.mean_against(trial, baseline)

    difference = None
    if experiment.has_comparison and len(trial) >= 2 and len(comparison) >= 2:
        difference = statistics.welch(trial, comparison)

    if experiment.has_comparison:
        documented = difference is not None
        improvement = sign * difference.estimate if difference else None
        shows_difference = (
            difference is not None and sign * (difference.low if sign > 0 else difference.high) > 0
        )
        criterion_met = (
            None
            if not documented
            else improvement > 0 and improvement >= target and shows_difference
        )
    else:
        documented = change is not None
        improvement = sign * change if change is not None else None
        shows_difference = False
        criterion_met = None if not documented else improvement > 0 and improvement >= target

    level = 1
    if change is not None and sign * change > 0:
        level = 2
        if shows_difference:
            level = 3
            repeated = experiment.repeats_id is not None and (
                experiment.repeats is not None and experiment.repeats.evidence_level >= 3
            )
            if experiment.design == "randomised" or repeated:
                level = 4
                if experiment.validation:
                    level = 5

    if criterion_met:
        advice = Advice.GO
    elif documented and improvement is not None and improvement <= 0:
        advice = Advice.STOP
    else:
        advice = Advice.ADJUST

    return Effect(
        trial=trial_summary,
        comparison=_summary(comparison, comparison_n),
        baseline=baseline,
        change=change,
        change_percent=change_percent,
        change_interval=change_interval,
        difference=difference,
        improvement=improvement,
        documented=documented,
        criterion_met=criterion_met,
        level=level,
        advice=advice,
    )
