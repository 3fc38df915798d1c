"""The council report (/overblik/rapport/): what the innovation work did in a period.

For kommunalbestyrelse and direktion, for a period the reader chooses (both days
included): the portfolio and its changes, the decisions taken, the trials and
their effects, the benefits realised against the agreements, the ideas received
and answered, and what was spread. The same figures make the page, its print,
its PDF and its XLSX.

Each section is read in one or two SQL statements whatever the data size:

- portfolio: the tasks open at some time in the period, and their gate, pause and
  resume decisions. A task's phase and status at a date are read back from those
  decisions: the phase before the first gate after the date, the status of the
  last pause or resume on or before it. A task with no such decision (entered
  before Samskab kept them) keeps the phase and status it has now;
- decisions: every decision dated in the period, with its forum (and the forums);
- trials: those that ran in the period (started by its end, ended after its
  start), with their measurements; the effect is computed as on the trial's page
  (``evidence.effects``), the level is the learning card's once concluded;
- benefits: the yearly targets of the signed agreements, pro rata for the days of
  each year the period covers (in whole kroner), against the realisations whose
  period ends in the report's period; only the benefit level of each map counts,
  as in the roll-up;
- ideas: confirmed ideas received in the period by kind and where they are now
  (ideas hidden by moderation are not counted), and the answers given in the
  period by kind and answer.

What was spread comes from the portfolio: Samskab keeps no adoptions yet, so the
report lists the tasks completed in the period and those in phase 7 (spread) at
its end, and says so. Figures are as recorded on the day the report is made.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.benefits.models import BenefitKind, BenefitRealisation, BenefitTarget, ChainLevel
from samskab.benefits.queries import AGREED, Row
from samskab.evidence.effects import Effect, effect_of
from samskab.evidence.models import Advice, Experiment, Measurement
from samskab.governance.models import Decision, Forum
from samskab.ideas.models import Idea, StatusChange
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.phases import LAST, PhaseNumber

ZERO = Decimal("0")
CENT = Decimal("0.01")
Status = InnovationTask.Status
Kind = Decision.Kind


# The period ------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        """The period's first moment, in the municipality's time."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def query(self) -> str:
        return urlencode({"fra": self.start.isoformat(), "til": self.end.isoformat()})

    def file_name(self, extension: str) -> str:
        """A name the municipality's case-handling system files well: the period in ISO dates."""
        return f"samskab-rapport-{self.start:%Y-%m-%d}-{self.end:%Y-%m-%d}.{extension}"


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def last_twelve_months(today: date) -> Period:
    """The default: the twelve months up to and including today."""
    return Period(year_before(today) + timedelta(days=1), today)


def year_so_far(today: date) -> Period:
    return Period(date(today.year, 1, 1), today)


def last_year(today: date) -> Period:
    return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))


def last_quarter(today: date) -> Period:
    """The last whole quarter before today's."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    end = date(today.year, first_month, 1) - timedelta(days=1)
    return Period(date(end.year, end.month - 2, 1), end)


@dataclass(frozen=True)
class Preset:
    label: Promise
    period: Period


def presets(today: date) -> list[Preset]:
    """Periods a report is often asked for, offered as links beside the dates."""
    return [
        Preset(_("The last twelve months"), last_twelve_months(today)),
        Preset(_("This year so far"), year_so_far(today)),
        Preset(_("Last year"), last_year(today)),
        Preset(_("Last quarter"), last_quarter(today)),
    ]


# The portfolio and its changes -----------------------------------------------------


class Change:
    """The kinds of change a task goes through, in the order a day's changes are listed."""

    STARTED = "started"
    PHASE = "phase"
    PAUSED = "paused"
    RESUMED = "resumed"
    STOPPED = "stopped"
    COMPLETED = "completed"
    LABELS = {
        STARTED: _("Started"),
        PHASE: _("Passed a gate"),
        PAUSED: _("Paused"),
        RESUMED: _("Resumed"),
        STOPPED: _("Stopped"),
        COMPLETED: _("Completed"),
    }
    ORDER = tuple(LABELS)


@dataclass(frozen=True)
class TaskChange:
    on: date
    kind: str
    task: InnovationTask
    from_phase: int | None = None
    to_phase: int | None = None

    @property
    def label(self) -> Promise:
        return Change.LABELS[self.kind]


@dataclass
class TaskInPeriod:
    """A task that was open at some time in the period, as it stood at the period's end."""

    task: InnovationTask
    phase_at_start: int | None  # None when it started within the period
    phase_at_end: int
    status_at_end: str

    @property
    def phase_at_start_label(self) -> str:
        return "" if self.phase_at_start is None else PhaseNumber(self.phase_at_start).label

    @property
    def phase_at_end_label(self) -> str:
        return PhaseNumber(self.phase_at_end).label

    @property
    def status_at_end_label(self) -> str:
        return Status(self.status_at_end).label

    @property
    def is_open_at_end(self) -> bool:
        return self.status_at_end in (Status.ACTIVE, Status.PAUSED)


@dataclass
class PhaseCount:
    phase: int
    label: str
    active: int = 0
    paused: int = 0

    @property
    def total(self) -> int:
        return self.active + self.paused


@dataclass
class PortfolioSection:
    tasks: list[TaskInPeriod]
    changes: list[TaskChange]

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    @property
    def change_counts(self) -> list[tuple[str, Promise, int]]:
        return [(kind, label, self.count(kind)) for kind, label in Change.LABELS.items()]

    @property
    def by_phase_at_end(self) -> list[PhaseCount]:
        """The open tasks at the period's end, by phase, active and paused."""
        rows = {number: PhaseCount(number, label) for number, label in PhaseNumber.choices}
        for item in self.tasks:
            if item.status_at_end == Status.ACTIVE:
                rows[item.phase_at_end].active += 1
            elif item.status_at_end == Status.PAUSED:
                rows[item.phase_at_end].paused += 1
        return list(rows.values())

    @property
    def open_at_end(self) -> list[TaskInPeriod]:
        return [item for item in self.tasks if item.is_open_at_end]

    @property
    def active_at_end(self) -> int:
        return sum(1 for item in self.tasks if item.status_at_end == Status.ACTIVE)

    @property
    def paused_at_end(self) -> int:
        return sum(1 for item in self.tasks if item.status_at_end == Status.PAUSED)


def _phase_after(task: InnovationTask, gates: list[Decision], day: date) -> int:
    """The task's phase at the end of ``day``: before the first gate decided after it."""
    for gate in gates:
        if gate.decided_on > day:
            if gate.from_phase is not None:
                return gate.from_phase
            return max((gate.to_phase or task.phase) - 1, 1)
    return task.phase


def _status_at(task: InnovationTask, pauses: list[Decision], day: date) -> str:
    """The task's status at the end of ``day`` (it had started by then)."""
    if task.ended_on is not None and task.ended_on <= day:
        return task.status
    before = [d for d in pauses if d.decided_on <= day]
    if before:
        return Status.PAUSED if before[-1].kind == Kind.PAUSE else Status.ACTIVE
    after = [d for d in pauses if d.decided_on > day]
    if after:
        return Status.PAUSED if after[0].kind == Kind.RESUME else Status.ACTIVE
    return Status.PAUSED if task.status == Status.PAUSED else Status.ACTIVE


def portfolio_section(period: Period) -> PortfolioSection:
    """The tasks open at some time in the period and what happened to them in it (2 queries)."""
    overlapping = InnovationTask.objects.filter(started_on__lte=period.end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start)
    )
    tasks = list(
        overlapping.select_related("owning_area")
        .only(
            "id",
            "title",
            "phase",
            "status",
            "started_on",
            "ended_on",
            "novelty",
            "owning_area__name",
        )
        .order_by("title", "pk")
    )
    decisions: dict[int, list[Decision]] = defaultdict(list)
    for decision in (
        Decision.objects.filter(
            kind__in=[Kind.GATE_GO, Kind.PAUSE, Kind.RESUME],
            task__in=overlapping.values("pk"),
        )
        .only("id", "kind", "task_id", "decided_on", "recorded_at", "from_phase", "to_phase")
        .order_by("decided_on", "recorded_at", "pk")
    ):
        decisions[decision.task_id].append(decision)

    rows, changes = [], []
    for task in tasks:
        own = decisions.get(task.pk, [])
        gates = [d for d in own if d.kind == Kind.GATE_GO]
        pauses = [d for d in own if d.kind != Kind.GATE_GO]
        started_before = task.started_on < period.start
        rows.append(
            TaskInPeriod(
                task=task,
                phase_at_start=(
                    _phase_after(task, gates, period.start - timedelta(days=1))
                    if started_before
                    else None
                ),
                phase_at_end=_phase_after(task, gates, period.end),
                status_at_end=_status_at(task, pauses, period.end),
            )
        )
        if not started_before:
            changes.append(TaskChange(task.started_on, Change.STARTED, task, to_phase=1))
        for decision in own:
            if decision.decided_on not in period:
                continue
            if decision.kind == Kind.GATE_GO:
                changes.append(
                    TaskChange(
                        decision.decided_on,
                        Change.PHASE,
                        task,
                        decision.from_phase,
                        decision.to_phase,
                    )
                )
            else:
                kind = Change.PAUSED if decision.kind == Kind.PAUSE else Change.RESUMED
                changes.append(TaskChange(decision.decided_on, kind, task))
        if task.ended_on in period:
            kind = Change.COMPLETED if task.status == Status.COMPLETED else Change.STOPPED
            changes.append(TaskChange(task.ended_on, kind, task, from_phase=task.phase))
    changes.sort(key=lambda c: (c.on, Change.ORDER.index(c.kind), c.task.title, c.task.pk))
    return PortfolioSection(tasks=rows, changes=changes)


# Decisions -------------------------------------------------------------------------


@dataclass
class KindCount:
    kind: str
    label: str
    by_forum: list[int]

    @property
    def total(self) -> int:
        return sum(self.by_forum)


@dataclass
class DecisionsSection:
    forums: list[Forum]
    decisions: list[Decision]

    @property
    def by_kind(self) -> list[KindCount]:
        """A row per kind of decision taken in the period, a column per forum."""
        column = {forum.pk: index for index, forum in enumerate(self.forums)}
        rows: dict[str, list[int]] = {}
        for decision in self.decisions:
            counts = rows.setdefault(decision.kind, [0] * len(self.forums))
            counts[column[decision.forum_id]] += 1
        return [KindCount(kind, label, rows[kind]) for kind, label in Kind.choices if kind in rows]

    @property
    def by_forum(self) -> list[int]:
        totals = [0] * len(self.forums)
        for row in self.by_kind:
            totals = [a + b for a, b in zip(totals, row.by_forum, strict=True)]
        return totals


def decisions_section(period: Period) -> DecisionsSection:
    """Every decision dated in the period, oldest first, and the forums (2 queries)."""
    decisions = list(
        Decision.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end)
        .select_related("forum", "task", "proposal")
        .order_by("decided_on", "recorded_at", "pk")
    )
    return DecisionsSection(forums=list(Forum.objects.order_by("pk")), decisions=decisions)


# Trials ------------------------------------------------------------------------------


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


# Benefits ----------------------------------------------------------------------------


@dataclass
class TaskBenefit:
    """What one task was expected to realise of one kind in the period, and realised."""

    task_id: int
    title: str
    area: str
    kind: str
    expected: Decimal = ZERO
    realised: Decimal = ZERO
    taken_home: Decimal = ZERO

    @property
    def kind_label(self) -> str:
        return BenefitKind(self.kind).label

    @property
    def label(self) -> str:
        return self.title

    @property
    def share(self) -> Decimal | None:
        return None if not self.expected else self.realised * 100 / self.expected


@dataclass
class BenefitsSection:
    by_task: list[TaskBenefit]

    @property
    def by_kind(self) -> list[Row]:
        rows = {kind: Row(kind, label) for kind, label in BenefitKind.choices}
        for item in self.by_task:
            row = rows[item.kind]
            row.expected += item.expected
            row.realised += item.realised
            row.taken_home += item.taken_home
        return [row for row in rows.values() if row.expected or row.realised]

    @property
    def economic(self) -> list[TaskBenefit]:
        return [item for item in self.by_task if item.kind == BenefitKind.ECONOMIC]

    def total(self, kind: str = BenefitKind.ECONOMIC) -> Row | None:
        return next((row for row in self.by_kind if row.key == kind), None)


def share_of_year(period: Period, year: int) -> Decimal:
    """How much of ``year`` the period covers, as a fraction of the year's days."""
    first = max(period.start, date(year, 1, 1))
    last = min(period.end, date(year, 12, 31))
    if last < first:
        return ZERO
    return Decimal((last - first).days + 1) / Decimal(366 if calendar.isleap(year) else 365)


def benefits_section(period: Period) -> BenefitsSection:
    """Expected (pro rata) against realised, by task and kind (2 queries)."""
    task = "line__agreement__task"
    names = (task, f"{task}__title", f"{task}__owning_area__name", "line__kind")
    rows: dict[tuple[int, str], TaskBenefit] = {}

    def row(task_id, title, area, kind) -> TaskBenefit:
        return rows.setdefault((task_id, kind), TaskBenefit(task_id, title, area or "", kind))

    targets = (
        BenefitTarget.objects.filter(AGREED, year__gte=period.start.year, year__lte=period.end.year)
        .values_list(*names, "year")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for task_id, title, area, kind, year, total in targets:
        row(task_id, title, area, kind).expected += (total or ZERO) * share_of_year(period, year)
    realised = (
        BenefitRealisation.objects.filter(
            line__level=ChainLevel.BENEFIT,
            period_end__gte=period.start,
            period_end__lte=period.end,
        )
        .values_list(*names)
        .annotate(
            total=Sum("value"),
            taken=Coalesce(Sum("value", filter=Q(taken_home=True)), ZERO),
        )
        .order_by()
    )
    for task_id, title, area, kind, total, taken in realised:
        item = row(task_id, title, area, kind)
        item.realised += total or ZERO
        item.taken_home += taken or ZERO
    for item in rows.values():
        # Whole kroner: a pro rata share of a yearly target has no meaningful øre.
        whole = Decimal(1) if item.kind == BenefitKind.ECONOMIC else CENT
        item.expected = item.expected.quantize(whole, rounding=ROUND_HALF_UP)
    order = list(BenefitKind.values)
    return BenefitsSection(
        by_task=sorted(
            rows.values(),
            key=lambda r: (order.index(r.kind), -r.expected, r.title.lower(), r.task_id),
        )
    )


# Ideas -------------------------------------------------------------------------------


@dataclass
class IdeaKindRow:
    kind: str
    label: str
    received: int = 0
    waiting: int = 0  # still received, not yet under assessment
    assessing: int = 0
    answered: int = 0


@dataclass
class AnswerRow:
    answer: str
    label: str
    by_kind: list[int]

    @property
    def total(self) -> int:
        return sum(self.by_kind)


@dataclass
class IdeasSection:
    kinds: list[IdeaKindRow]
    answers: list[AnswerRow]

    @property
    def received(self) -> int:
        return sum(row.received for row in self.kinds)

    @property
    def answered_of_received(self) -> int:
        return sum(row.answered for row in self.kinds)

    @property
    def answers_given(self) -> int:
        return sum(row.total for row in self.answers)

    @property
    def answers_by_kind(self) -> list[int]:
        return [sum(row.by_kind[i] for row in self.answers) for i in range(len(self.kinds))]

    @property
    def totals(self) -> IdeaKindRow:
        total = IdeaKindRow("", str(_("Total")))
        for row in self.kinds:
            total.received += row.received
            total.waiting += row.waiting
            total.assessing += row.assessing
            total.answered += row.answered
        return total


def ideas_section(period: Period) -> IdeasSection:
    """Ideas received in the period by kind and status now; answers given in it (2 queries)."""
    kinds = {kind: IdeaKindRow(kind, label) for kind, label in Idea.Kind.choices}
    received = (
        Idea.objects.filter(confirmed_at__gte=period.since, confirmed_at__lt=period.until)
        .exclude(moderation=Idea.Moderation.HIDDEN)
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    field_of = {
        Idea.Status.RECEIVED: "waiting",
        Idea.Status.UNDER_ASSESSMENT: "assessing",
        Idea.Status.ANSWERED: "answered",
    }
    for kind, status, n in received:
        row = kinds[kind]
        row.received += n
        setattr(row, field_of[status], getattr(row, field_of[status]) + n)

    column = {kind: index for index, kind in enumerate(kinds)}
    answers = {
        answer: AnswerRow(answer, label, [0] * len(kinds)) for answer, label in Idea.Answer.choices
    }
    given = (
        StatusChange.objects.filter(
            status=Idea.Status.ANSWERED, created_at__gte=period.since, created_at__lt=period.until
        )
        .exclude(idea__moderation=Idea.Moderation.HIDDEN)
        .values_list("idea__kind", "answer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for kind, answer, n in given:
        if answer in answers:
            answers[answer].by_kind[column[kind]] += n
    return IdeasSection(kinds=list(kinds.values()), answers=list(answers.values()))


# What was spread -----------------------------------------------------------------------


@dataclass
class SpreadSection:
    completed: list[TaskChange]
    spreading: list[TaskInPeriod]  # in phase 7 and open at the period's end


def spread_section(portfolio: PortfolioSection) -> SpreadSection:
    return SpreadSection(
        completed=[c for c in portfolio.changes if c.kind == Change.COMPLETED],
        spreading=[
            item for item in portfolio.tasks if item.is_open_at_end and item.phase_at_end == LAST
        ],
    )


# The report ------------------------------------------------------------------------------


@dataclass
class CouncilReport:
    period: Period
    made_at: datetime
    portfolio: PortfolioSection
    decisions: DecisionsSection
    trials: TrialsSection
    benefits: BenefitsSection
    ideas: IdeasSection
    spread: SpreadSection = field(init=False)

    def __post_init__(self) -> None:
        self.spread = spread_section(self.portfolio)


def council_report(period: Period, *, now: datetime | None = None) -> CouncilReport:
    """The whole report for ``period``, in ten queries whatever the amount of data."""
    now = now or timezone.now()
    return CouncilReport(
        period=period,
        made_at=now,
        portfolio=portfolio_section(period),
        decisions=decisions_section(period),
        trials=trials_section(period, today=timezone.localdate(now)),
        benefits=benefits_section(period),
        ideas=ideas_section(period),
    )
