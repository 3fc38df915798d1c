"""Reads of benefit realisation shared by the task's pages, the panel, the roll-up and the pack."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from samskab.portfolio.models import InnovationTask

from .models import (
    BenefitAgreement,
    BenefitKind,
    BenefitLine,
    BenefitRealisation,
    BenefitTarget,
    ChainLevel,
)

ZERO = Decimal("0")
MONEY = DecimalField(max_digits=16, decimal_places=2)


# One line against its profile ------------------------------------------------------


def expected_to_date(targets: dict[int, Decimal], today: date) -> Decimal:
    """The targets of the years gone by, and of this year's completed months."""
    total = sum((value for year, value in targets.items() if year < today.year), ZERO)
    this_year = targets.get(today.year, ZERO)
    return total + this_year * Decimal(today.month - 1) / Decimal(12)


def is_behind(targets: dict[int, Decimal], realised: Decimal, today: date) -> bool:
    expected = expected_to_date(targets, today)
    return expected > ZERO and realised < expected


def realised_by_lineage(lineages) -> dict:
    """Realised so far per line, counting what its earlier versions realised."""
    rows = (
        BenefitRealisation.objects.filter(line__lineage__in=list(lineages))
        .values("line__lineage")
        .annotate(total=Sum("value"))
    )
    return {row["line__lineage"]: row["total"] or ZERO for row in rows}


@dataclass
class LineView:
    line: BenefitLine
    targets: dict[int, Decimal]
    realised: Decimal
    behind: bool

    @property
    def target_total(self) -> Decimal:
        return sum(self.targets.values(), ZERO)

    def expected(self, today: date) -> Decimal:
        """What the line was expected to realise by ``today``."""
        return expected_to_date(self.targets, today)


@dataclass
class TaskBenefits:
    """What a task's benefit page and panel show."""

    task: InnovationTask
    versions: list[BenefitAgreement]
    lines: list[LineView] = field(default_factory=list)
    realised_by_kind: dict[str, Decimal] = field(default_factory=dict)

    @property
    def current(self) -> BenefitAgreement | None:
        return self.versions[0] if self.versions else None

    @property
    def in_force(self) -> BenefitAgreement | None:
        return next((v for v in self.versions if v.status == v.Status.SIGNED), None)

    @property
    def behind(self) -> list[LineView]:
        return [item for item in self.lines if item.behind]

    @property
    def benefit_map(self) -> list[tuple[str, str, list[LineView]]]:
        return [
            (level.value, level.label, [item for item in self.lines if item.line.level == level])
            for level in ChainLevel
        ]

    @property
    def realised_kinds(self) -> list[tuple[str, str, Decimal]]:
        labels = dict(BenefitKind.choices)
        return [(kind, labels[kind], total) for kind, total in self.realised_by_kind.items()]


def task_benefits(task: InnovationTask, *, today: date | None = None) -> TaskBenefits:
    """The versions of a task's agreement and the lines of its latest, in five queries."""
    today = today or timezone.localdate()
    versions = list(
        task.benefit_agreements.select_related("owner", "signed_by__person").order_by("-version")
    )
    result = TaskBenefits(task=task, versions=versions)
    if not versions:
        return result
    lines = list(
        versions[0]
        .lines.select_related("responsible", "leads_to")
        .prefetch_related(Prefetch("targets", queryset=BenefitTarget.objects.order_by("year")))
    )
    realised = realised_by_lineage(line.lineage for line in lines)
    for line in lines:
        targets = {target.year: target.value for target in line.targets.all()}
        total = realised.get(line.lineage, ZERO)
        result.lines.append(LineView(line, targets, total, is_behind(targets, total, today)))
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for item in result.lines:
        if item.line.level == ChainLevel.BENEFIT:
            by_kind[item.line.kind] += item.realised
    result.realised_by_kind = dict(by_kind)
    return result


def realisations_of(lines: list[BenefitLine]):
    return (
        BenefitRealisation.objects.filter(line__lineage__in=[line.lineage for line in lines])
        .select_related("line", "recorded_by__person")
        .order_by("-period_end", "-pk")
    )


# The roll-up ---------------------------------------------------------------------

AGREED = Q(line__agreement__status=BenefitAgreement.Status.SIGNED, line__level=ChainLevel.BENEFIT)


def _targets(kind: str | None = None):
    rows = BenefitTarget.objects.filter(AGREED)
    return rows.filter(line__kind=kind) if kind else rows


def _realisations(kind: str | None = None):
    rows = BenefitRealisation.objects.filter(line__level=ChainLevel.BENEFIT)
    return rows.filter(line__kind=kind) if kind else rows


@dataclass
class Row:
    key: object
    label: str
    expected: Decimal = ZERO
    realised: Decimal = ZERO
    taken_home: Decimal = ZERO

    @property
    def share(self) -> Decimal | None:
        """Realised in per cent of expected, unrounded (pages round it to one decimal)."""
        if not self.expected:
            return None
        return self.realised * 100 / self.expected


def _merge(expected, realised, *, label_of=str, taken_home=()) -> list[Row]:
    rows: dict = {}
    for key, value in expected:
        rows.setdefault(key, Row(key, label_of(key))).expected = value or ZERO
    for key, value in realised:
        rows.setdefault(key, Row(key, label_of(key))).realised = value or ZERO
    for key, value in taken_home:
        rows.setdefault(key, Row(key, label_of(key))).taken_home = value or ZERO
    return list(rows.values())


def rollup_by_kind() -> list[Row]:
    labels = dict(BenefitKind.choices)
    expected = _targets().values_list("line__kind").annotate(total=Sum("value"))
    realised = _realisations().values_list("line__kind").annotate(total=Sum("value"))
    taken = (
        _realisations()
        .filter(taken_home=True)
        .values_list("line__kind")
        .annotate(total=Sum("value"))
    )
    rows = _merge(expected, realised, taken_home=taken, label_of=lambda key: labels[key])
    order = list(labels)
    return sorted(rows, key=lambda row: order.index(row.key))


def rollup_by_year(kind: str) -> list[Row]:
    expected = _targets(kind).values_list("year").annotate(total=Sum("value"))
    realised = (
        _realisations(kind)
        .annotate(year=ExtractYear("period_end"))
        .values_list("year")
        .annotate(total=Sum("value"))
    )
    return sorted(_merge(expected, realised), key=lambda row: row.key)


def rollup_by_area(kind: str) -> list[Row]:
    area = "line__agreement__task__owning_area__name"
    expected = _targets(kind).values_list(area).annotate(total=Sum("value"))
    realised = _realisations(kind).values_list(area).annotate(total=Sum("value"))
    return sorted(_merge(expected, realised), key=lambda row: row.label.lower())


def rollup_by_task(kind: str):
    """Tasks with benefits of the kind, largest expectation first, for pagination."""
    expected = (
        _targets(kind)
        .filter(line__agreement__task=OuterRef("pk"))
        .values("line__agreement__task")
        .annotate(total=Sum("value"))
        .values("total")
    )
    realised = (
        _realisations(kind)
        .filter(line__agreement__task=OuterRef("pk"))
        .values("line__agreement__task")
        .annotate(total=Sum("value"))
        .values("total")
    )
    zero = Value(ZERO, output_field=MONEY)
    return (
        InnovationTask.objects.filter(
            benefit_agreements__lines__kind=kind,
            benefit_agreements__lines__level=ChainLevel.BENEFIT,
        )
        .distinct()
        .annotate(
            expected=Coalesce(Subquery(expected, output_field=MONEY), zero),
            realised=Coalesce(Subquery(realised, output_field=MONEY), zero),
        )
        .select_related("owning_area")
        .only("id", "title", "phase", "status", "owning_area__name")
        .order_by("-expected", "title", "pk")
    )


def tasks_without_agreement():
    """Open tasks past phase 3 that have no benefit agreement at all (seed §4.5a)."""
    return (
        InnovationTask.objects.filter(
            status__in=[InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED], phase__gt=3
        )
        .exclude(benefit_agreements__isnull=False)
        .select_related("owning_area", "owner")
        .order_by("phase", "title", "pk")
    )


# What needs following up: signatures, lines behind, realisations due ---------------

OPEN_TASKS = (InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED)
CADENCE_MONTHS = {
    BenefitAgreement.Cadence.MONTHLY: 1,
    BenefitAgreement.Cadence.QUARTERLY: 3,
    BenefitAgreement.Cadence.HALF_YEARLY: 6,
    BenefitAgreement.Cadence.YEARLY: 12,
}


def months_from(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), or the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def _in_areas(rows, path: str, areas):
    return rows if areas is None else rows.filter(**{f"{path}__in": list(areas)})


def drafts_awaiting_signature(*, areas=None):
    """Draft agreements of open tasks, waiting for their owner (the area's manager) to
    sign, the oldest first; ``areas``: only tasks owned by these units."""
    rows = BenefitAgreement.objects.filter(
        status=BenefitAgreement.Status.DRAFT, task__status__in=OPEN_TASKS
    )
    return (
        _in_areas(rows, "task__owning_area_id", areas)
        .select_related("task", "owner")
        .order_by("created_at", "pk")
    )


def unsigned_past_phase_3(*, areas=None):
    """Open tasks past phase 3 without an agreement in force (seed §4.5a): none at all, or a
    draft not yet signed, whose owner is ``draft_owner``."""
    signed = BenefitAgreement.objects.filter(
        task=OuterRef("pk"), status=BenefitAgreement.Status.SIGNED
    )
    draft_owner = BenefitAgreement.objects.filter(
        task=OuterRef("pk"), status=BenefitAgreement.Status.DRAFT
    ).values("owner__name")[:1]
    rows = InnovationTask.objects.filter(status__in=OPEN_TASKS, phase__gt=3).exclude(Exists(signed))
    return (
        _in_areas(rows, "owning_area_id", areas)
        .annotate(draft_owner=Subquery(draft_owner))
        .select_related("owning_area")
        .order_by("phase", "title", "pk")
    )


LINES_READ = 2_000  # lines in force of open tasks read at most: 5 tasks have a few dozen


def _lines_in_force(areas=None) -> list[BenefitLine]:
    """The lines of the agreements in force of the open tasks (one query): few, since the
    portfolio holds few open tasks (rule 1), read whole and judged in Python."""
    rows = BenefitLine.objects.filter(
        agreement__status=BenefitAgreement.Status.SIGNED,
        agreement__task__status__in=OPEN_TASKS,
    )
    return list(
        _in_areas(rows, "agreement__task__owning_area_id", areas)
        .select_related("agreement__task")
        .only(
            "id",
            "lineage",
            "kpi",
            "unit",
            "position",
            "agreement__signed_on",
            "agreement__review_cadence",
            "agreement__task__id",
            "agreement__task__title",
            "agreement__task__phase",
        )
        .order_by("agreement__task__phase", "agreement__task__title", "position", "pk")[:LINES_READ]
    )


def lines_behind(*, today: date | None = None, areas=None) -> list[LineView]:
    """The lines of the agreements in force of open tasks whose realisations so far are
    behind the profile of their targets, as the task's page judges them (``is_behind``,
    counting what earlier versions of a line realised). Three queries."""
    today = today or timezone.localdate()
    lines = _lines_in_force(areas)
    targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for line_id, year, value in BenefitTarget.objects.filter(
        line__in=[line.pk for line in lines]
    ).values_list("line_id", "year", "value"):
        targets[line_id][year] = value
    realised = realised_by_lineage(line.lineage for line in lines) if lines else {}
    views = []
    for line in lines:
        total = realised.get(line.lineage, ZERO)
        if is_behind(targets[line.pk], total, today):
            views.append(LineView(line, targets[line.pk], total, True))
    return views


def realisations_due(*, today: date | None = None, areas=None) -> list[BenefitLine]:
    """The lines of the agreements in force of open tasks whose next realisation is due: a
    whole review period (the agreement's cadence) has passed since the last period recorded
    for the line or its earlier versions, or since the agreement was signed. Each line has
    ``last_end`` (None: nothing recorded yet) and ``due_since``. Two queries."""
    today = today or timezone.localdate()
    lines = _lines_in_force(areas)
    last = {}
    if lines:
        last = dict(
            BenefitRealisation.objects.filter(line__lineage__in=[line.lineage for line in lines])
            .values("line__lineage")
            .annotate(last=Max("period_end"))
            .values_list("line__lineage", "last")
        )
    due = []
    for line in lines:
        line.last_end = last.get(line.lineage)
        base = line.last_end or line.agreement.signed_on
        months = CADENCE_MONTHS.get(line.agreement.review_cadence)
        if base is None or months is None:
            continue
        line.due_since = months_from(base, months)
        if line.due_since < today:
            due.append(line)
    return due
