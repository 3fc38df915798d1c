"""The trials that ran in the period, with their effects and evidence levels."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.evidence.effects import Effect, effect_of
from samskab.evidence.models import Advice, Experiment, Measurement

from .period import Period


@dataclass
class TrialRow:
    experiment: Experiment
    effect: Effect
    today: date

    @property
    def card(self):
        return getattr(self.experiment, "learning_card", None)

    @property
    def is_concluded(self) -> bool:
        return self.card is not None

    @property
    def state(self) -> Promise:
        if self.is_concluded:
            return _("Concluded")
        if self.experiment.ends_on < self.today:
            return _("Ended, awaiting its learning card")
        return _("Running")

    @property
    def level(self) -> int:
        """The evidence level: the learning card's once concluded, else as it stands."""
        return self.card.evidence_level if self.card else self.effect.level

    @property
    def criterion_met(self) -> bool | None:
        return self.card.criterion_met if self.card else self.effect.criterion_met

    @property
    def advice_label(self) -> str:
        return Advice(self.card.advice).label if self.card else ""

    @property
    def against_comparison(self) -> bool:
        return self.experiment.has_comparison and self.effect.difference is not None

    @property
    def estimate(self) -> float | None:
        """The effect: the difference from the comparison group, else the change from the baseline."""
        if self.against_comparison:
            return self.effect.difference.estimate
        return self.effect.change

    @property
    def interval(self):
        return self.effect.difference if self.against_comparison else self.effect.change_interval


@dataclass
class TrialsSection:
    trials: list[TrialRow]

    @property
    def concluded(self) -> int:
        return sum(1 for row in self.trials if row.is_concluded)

    @property
    def met(self) -> int:
        return sum(1 for row in self.trials if row.criterion_met)

    @property
    def by_level(self) -> list[tuple[int, int]]:
        counts = dict.fromkeys(range(1, 6), 0)
        for row in self.trials:
            counts[row.level] += 1
        return list(counts.items())


def trials_section(period: Period, *, today: date) -> TrialsSection:
    """The trials that ran in the period, with their effects (2 queries)."""
    experiments = (
        Experiment.objects.filter(starts_on__lte=period.end, ends_on__gte=period.start)
        .select_related("task", "learning_card", "repeats")
        .prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.only(
                    "id", "experiment_id", "group", "value", "observations"
                ),
            )
        )
        .order_by("task__title", "task_id", "starts_on", "pk")
    )
    return TrialsSection(
        trials=[
            TrialRow(experiment, effect_of(experiment, experiment.measurements.all()), today)
            for experiment in experiments
        ]
    )
