"""The funnel's figures as the rows of its tables and charts, in the reader's language."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from samskab.portfolio.phases import PHASES

from . import flow, funnel_charts
from .funnel import (
    ANSWERED,
    ASSESSED,
    CATEGORIES,
    NOVELTIES,
    PROPOSED,
    RECEIVED,
    SCALED,
    SPREAD,
    STEPS,
    SUBMITTERS,
    TASK,
    Figures,
    Funnel,
    StatusTimes,
    step_label,
    step_rule,
)

TENTH = Decimal("0.1")


def share(part: int | None, whole: int | None) -> Decimal | None:
    """``part`` in per cent of ``whole``; None when there is no whole."""
    if part is None or not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def in_days(value) -> Decimal | None:
    """A duration in days, to one decimal."""
    number = flow.days(value)
    if number is None:
        return None
    return Decimal(str(number)).quantize(TENTH, rounding=ROUND_HALF_UP)


# The funnel ------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRow:
    index: int
    key: str
    label: str
    rule: str
    count: int
    conversion: Decimal | None  # from the step before, in per cent
    of_received: Decimal | None
    tasks: int | None
    previous: int
    previous_conversion: Decimal | None

    @property
    def change(self) -> int:
        return self.count - self.previous


def step_rows(result: Funnel) -> list[StepRow]:
    current, previous = result.current, result.previous
    rows = []
    for index, key in enumerate(STEPS):
        before = index - 1
        rows.append(
            StepRow(
                index=index,
                key=key,
                label=step_label(index),
                rule=step_rule(index),
                count=current.steps[index],
                conversion=share(current.steps[index], current.steps[before]) if index else None,
                of_received=share(current.steps[index], current.steps[RECEIVED]),
                tasks=current.tasks[index] if index >= TASK else None,
                previous=previous.steps[index],
                previous_conversion=share(previous.steps[index], previous.steps[before])
                if index
                else None,
            )
        )
    return rows


def funnel_chart(rows: list[StepRow]) -> funnel_charts.Chart:
    return funnel_charts.paired_bars(
        funnel_charts.Pair(row.label, row.count, row.previous) for row in rows
    )


# Waits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitRow:
    key: str
    label: str
    short: str  # in the chart
    explanation: str
    done: int
    median: Decimal | None
    p90: Decimal | None
    in_time: Decimal | None  # share of those done within the deadline, in per cent
    waiting: int
    waiting_late: int | None
    previous_median: Decimal | None
    previous_p90: Decimal | None


def wait_rows(result: Funnel) -> list[WaitRow]:
    waits = (
        (
            "response",
            _("Received, waiting for a response"),
            _("To the first response"),
            _("From receipt to the first change of status."),
        ),
        (
            "assessment",
            _("Responded to, waiting for the answer"),
            _("From response to answer"),
            _("From the first response (usually: under assessment) to the answer."),
        ),
        (
            "answer",
            _("From receipt to the answer"),
            _("From receipt to answer"),
            _("The whole wait for an answer."),
        ),
    )
    rows = []
    for key, label, short, explanation in waits:
        now: StatusTimes = getattr(result.current, key)
        before: StatusTimes = getattr(result.previous, key)
        rows.append(
            WaitRow(
                key=key,
                label=label,
                short=short,
                explanation=explanation,
                done=now.done.count,
                median=in_days(now.done.median),
                p90=in_days(now.done.p90),
                in_time=share(now.in_time, now.done.count),
                waiting=now.waiting,
                waiting_late=now.waiting_late,
                previous_median=in_days(before.done.median),
                previous_p90=in_days(before.done.p90),
            )
        )
    return rows


def wait_chart(rows: list[WaitRow], deadline_days: int) -> funnel_charts.Chart:
    return funnel_charts.paired_bars(
        (funnel_charts.Pair(row.short, row.median, row.p90) for row in rows),
        decimals=1,
        marker=deadline_days,
        marker_label=_("Deadline: %(days)d days") % {"days": deadline_days},
    )


@dataclass(frozen=True)
class PhaseRow:
    number: int
    label: str
    done: int
    median: Decimal | None
    p90: Decimal | None
    running: int
    previous_median: Decimal | None
    previous_p90: Decimal | None


def phase_rows(result: Funnel) -> list[PhaseRow]:
    rows = []
    for phase in PHASES:
        now = result.current.phases.get(phase.number)
        before = result.previous.phases.get(phase.number)
        if now is None or before is None:
            continue
        rows.append(
            PhaseRow(
                number=phase.number,
                label=f"{phase.number}. {phase.name}",
                done=now.done.count,
                median=in_days(now.done.median),
                p90=in_days(now.done.p90),
                running=now.running,
                previous_median=in_days(before.done.median),
                previous_p90=in_days(before.done.p90),
            )
        )
    return rows


def phase_chart(rows: list[PhaseRow]) -> funnel_charts.Chart:
    return funnel_charts.paired_bars(
        (funnel_charts.Pair(row.label, row.median, row.p90) for row in rows), decimals=1
    )


@dataclass(frozen=True)
class NoveltyRow:
    label: str
    cells: list[tuple[int, Decimal | None, Decimal | None]]  # per novelty: done, median, p90


def novelty_phase_rows(figures: Figures) -> tuple[list[str], list[NoveltyRow]]:
    novelties = list(NOVELTIES)
    rows = []
    for phase in PHASES:
        cells = []
        for novelty in novelties:
            times = figures.phases_by_novelty.get(novelty, {}).get(phase.number)
            if times is None:
                cells.append((0, None, None))
            else:
                cells.append(
                    (times.done.count, in_days(times.done.median), in_days(times.done.p90))
                )
        rows.append(NoveltyRow(f"{phase.number}. {phase.name}", cells))
    return [str(NOVELTIES[n]) for n in novelties], rows


# Breakdowns ----------------------------------------------------------------------

# The steps a breakdown shows: every step of the ideas, then the two that matter most.
IDEA_COLUMNS = (RECEIVED, ANSWERED, ASSESSED, PROPOSED, TASK, SCALED, SPREAD)
CLASS_COLUMNS = (ASSESSED, PROPOSED, TASK, SCALED, SPREAD)


@dataclass(frozen=True)
class GroupRow:
    label: str
    counts: list[int]
    to_task: Decimal | None  # part of a task, of the first column's ideas, in per cent
    median_response: Decimal | None = None
    responses: int | None = None


def column_labels(columns) -> list[str]:
    return [step_label(index) for index in columns]


def group_rows(
    counts: dict, labels: dict, columns, *, medians: dict | None = None, every: bool = False
):
    """A row per group, in the order of ``labels`` (then the others by name).

    ``every``: a row for each group of ``labels`` also when it has no ideas.
    """
    order = list(labels)
    keys = set(counts) | (set(labels) if every else set())
    keys = sorted(keys, key=lambda key: (order.index(key) if key in order else len(order), key))
    rows = []
    for key in keys:
        values = counts.get(key) or [0] * len(STEPS)
        spread = (medians or {}).get(key)
        rows.append(
            GroupRow(
                label=str(labels.get(key) or key or _("Not classified")),
                counts=[values[index] for index in columns],
                to_task=share(values[TASK], values[columns[0]]),
                median_response=in_days(spread.median) if spread else None,
                responses=spread.count if spread else None,
            )
        )
    return rows


def breakdowns(figures: Figures) -> list[dict]:
    """The four breakdowns of the page: area, submitter, type and novelty."""
    areas = {name: name for name in sorted(figures.by_area, key=str.lower)}
    return [
        {
            "id": "area",
            "title": _("By area"),
            "caption": _("The funnel by the areas the ideas concern"),
            "note": _(
                "An idea may concern several areas, or none: the rows need not add up to the total."
            ),
            "first": _("Area"),
            "columns": column_labels(IDEA_COLUMNS),
            "rows": group_rows(
                figures.by_area, areas, IDEA_COLUMNS, medians=figures.response_by_area
            ),
            "medians": True,
        },
        {
            "id": "submitter",
            "title": _("By kind of submitter"),
            "caption": _("The funnel by who brought the ideas"),
            "note": _(
                "From the submitter's profile; ideas sent without an account are citizens' "
                "unless they name an association or company they are brought for."
            ),
            "first": _("Submitter"),
            "columns": column_labels(IDEA_COLUMNS),
            "rows": group_rows(
                figures.by_submitter,
                SUBMITTERS,
                IDEA_COLUMNS,
                medians=figures.response_by_submitter,
            ),
            "medians": True,
        },
        {
            "id": "category",
            "title": _("By type of innovation"),
            "caption": _("The funnel by type of innovation, from the assessment on"),
            "note": _(
                "An idea gets its type when it is assessed; the type is that of its task, "
                "proposal or assessment."
            ),
            "first": _("Type of innovation"),
            "columns": column_labels(CLASS_COLUMNS),
            "rows": group_rows(figures.by_category, CATEGORIES, CLASS_COLUMNS, every=True),
            "medians": False,
        },
        {
            "id": "novelty",
            "title": _("Radical against incremental"),
            "caption": _(
                "The funnel of radical and incremental innovation, from the assessment on"
            ),
            "note": _("Classed when the idea is assessed, as its type."),
            "first": _("Radical or incremental"),
            "columns": column_labels(CLASS_COLUMNS),
            "rows": group_rows(figures.by_novelty, NOVELTIES, CLASS_COLUMNS, every=True),
            "medians": False,
        },
    ]
