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
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from samskab.core import formatting
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
    # What each line realised per calendar year, by lineage (every version counts).
    realised_by_year: dict = field(default_factory=dict)

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


def agreements_of(task: InnovationTask) -> list[BenefitAgreement]:
    """The versions of the task's agreement, newest first.

    Read once per task object: the task page's panel and its story share the query
    (a second prefetch of the same relation reads nothing).
    """
    prefetch_related_objects(
        [task],
        Prefetch(
            "benefit_agreements",
            queryset=BenefitAgreement.objects.select_related("owner", "signed_by__person").order_by(
                "-version"
            ),
        ),
    )
    return list(task.benefit_agreements.all())


def _lines_with_targets(agreement: BenefitAgreement) -> list[BenefitLine]:
    return list(
        agreement.lines.select_related("responsible", "leads_to").prefetch_related(
            Prefetch("targets", queryset=BenefitTarget.objects.order_by("year"))
        )
    )


def realised_by_year(task: InnovationTask) -> dict:
    """What each line of the task realised per calendar year, by lineage, in one query.

    A period lies within one calendar year; what a line realised in its earlier
    versions counts for the line.
    """
    rows = (
        BenefitRealisation.objects.filter(line__agreement__task=task)
        .annotate(year=ExtractYear("period_end"))
        .values("line__lineage", "year")
        .annotate(total=Sum("value"))
        .order_by()
    )
    result: dict = defaultdict(dict)
    for row in rows:
        result[row["line__lineage"]][row["year"]] = row["total"] or ZERO
    return dict(result)


def task_benefits(task: InnovationTask, *, today: date | None = None) -> TaskBenefits:
    """The versions of a task's agreement and the lines of its latest, in four queries."""
    today = today or timezone.localdate()
    versions = agreements_of(task)
    result = TaskBenefits(task=task, versions=versions)
    if not versions:
        return result
    lines = _lines_with_targets(versions[0])
    result.realised_by_year = realised_by_year(task)
    for line in lines:
        targets = {target.year: target.value for target in line.targets.all()}
        total = sum(result.realised_by_year.get(line.lineage, {}).values(), ZERO)
        result.lines.append(LineView(line, targets, total, is_behind(targets, total, today)))
    by_kind: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for item in result.lines:
        if item.line.level == ChainLevel.BENEFIT:
            by_kind[item.line.kind] += item.realised
    result.realised_by_kind = dict(by_kind)
    return result


# The benefit curve -----------------------------------------------------------------


@dataclass(frozen=True)
class CurvePoint:
    on: date  # the last day of a year, or today
    expected: Decimal  # expected in all by the day: the targets, this year's by completed months
    realised: Decimal | None  # realised in all by the day; None for a day still to come
    is_today: bool = False


@dataclass(frozen=True)
class CurveRow:
    point: CurvePoint
    expected: str
    realised: str


@dataclass
class Curve:
    """Expected against realised in all, over the years, for the benefit lines of one kind
    and unit: kroner add up with kroner and hours with hours, never with each other."""

    kind: str
    unit: str
    is_kroner: bool
    lines: list[BenefitLine]
    points: list[CurvePoint]  # oldest first: the end of each year, and today

    @property
    def label(self) -> str:
        """The kind, with the unit unless the kind's name says it: "Frigjorte timer (%)"."""
        label = str(BenefitKind(self.kind).label)
        shown = "kr" if self.is_kroner else self.unit.lower().rstrip(".")
        return label if shown in label.lower() else f"{label} ({self.unit})"

    @property
    def first_year(self) -> int:
        return self.points[0].on.year

    @property
    def last_year(self) -> int:
        return self.points[-1].on.year

    @property
    def today(self) -> CurvePoint | None:
        return next((point for point in self.points if point.is_today), None)

    @property
    def behind(self) -> bool:
        now = self.today
        return now is not None and now.expected > ZERO and now.realised < now.expected

    def amount(self, value: Decimal | None) -> str:
        if value is None:
            return ""
        if self.is_kroner:
            return formatting.kroner(value)
        return f"{formatting.number(value, decimals=2)}{formatting.NBSP}{self.unit}"

    @property
    def rows(self) -> list[CurveRow]:
        """The points with their amounts as shown: the chart's table."""
        return [
            CurveRow(point, self.amount(point.expected), self.amount(point.realised))
            for point in self.points
        ]

    @property
    def latest(self) -> CurveRow | None:
        """Where it stands: today, or the end of the last year gone by; None before it begins."""
        known = [row for row in self.rows if row.point.realised is not None]
        return known[-1] if known else None


def _curve_key(line: BenefitLine) -> tuple[str, str]:
    return (line.kind, "kr." if line.is_kroner else line.unit.strip().lower())


def benefit_curves(benefits: TaskBenefits, *, today: date | None = None) -> list[Curve]:
    """The curves of the agreement in force, one per kind and unit of its benefit lines.

    Expected comes from the signed agreement's yearly targets, in all by the end of
    each year and, for this year, by today as the profile counts it (the years gone
    by and this year's completed months: ``expected_to_date``); realised from what
    was recorded for the lines (and their earlier versions), by the year its period
    ends. Outputs and effects lead to the benefits and are measured, not added up,
    so they have no curve. No agreement in force, no curve; no query when the
    version in force is the latest, two when a newer draft is open.
    """
    today = today or timezone.localdate()
    in_force = benefits.in_force
    if in_force is None:
        return []
    if benefits.current is not None and in_force.pk == benefits.current.pk:
        lines = [(item.line, item.targets) for item in benefits.lines]
    else:
        lines = [
            (line, {target.year: target.value for target in line.targets.all()})
            for line in _lines_with_targets(in_force)
        ]
    groups: dict[tuple[str, str], list[tuple[BenefitLine, dict[int, Decimal]]]] = {}
    for line, targets in lines:
        if line.level == ChainLevel.BENEFIT:
            groups.setdefault(_curve_key(line), []).append((line, targets))
    curves = []
    for (kind, _unit), members in groups.items():
        expected: dict[int, Decimal] = defaultdict(lambda: ZERO)
        realised: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for line, targets in members:
            for year, value in targets.items():
                expected[year] += value
            for year, value in benefits.realised_by_year.get(line.lineage, {}).items():
                realised[year] += value
        years = set(expected) | set(realised)
        if not years:
            continue
        first = members[0][0]
        curves.append(
            Curve(
                kind=kind,
                unit="kr." if first.is_kroner else first.unit.strip(),
                is_kroner=first.is_kroner,
                lines=[line for line, _targets in members],
                points=_points(dict(expected), dict(realised), min(years), max(years), today),
            )
        )
    return sorted(curves, key=lambda curve: (list(BenefitKind).index(curve.kind), curve.unit))


def _points(expected, realised, first: int, last: int, today: date) -> list[CurvePoint]:
    points = []
    expected_total = realised_total = ZERO
    for year in range(first, last + 1):
        expected_total += expected.get(year, ZERO)
        if year < today.year:
            realised_total += realised.get(year, ZERO)
            points.append(CurvePoint(date(year, 12, 31), expected_total, realised_total))
            continue
        if year == today.year:
            realised_total += realised.get(year, ZERO)
            points.append(
                CurvePoint(today, expected_to_date(expected, today), realised_total, is_today=True)
            )
        points.append(CurvePoint(date(year, 12, 31), expected_total, None))
    return points


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
