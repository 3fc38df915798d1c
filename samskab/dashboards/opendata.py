"""Open data (/aabenhed/): the public part of the funnel, the portfolio, decisions, trials and benefits.

What is public, and why (docs/open-data.md lists every field):

- The funnel counts only published public ideas (confirmed, consented to
  publication, approved by the unit, for everyone): ideas for employees only,
  unpublished and hidden ideas are not counted at all. Counts only; no idea,
  title or submitter is named.
- The portfolio: active, paused and completed innovation tasks, as
  municipalities publish their portfolio: title, phase, owning area, status,
  radical or incremental, type, when it started and ended. Not the owner (a
  person), the problem and ambition texts, the closure flag or the learnings,
  which are working texts of the organisation. Stopped tasks are not published:
  rule 7 keeps a stopped task's learnings inside the organisation, and a list of
  stops without them would mislead.
- Decisions: those of direktion and chefforum on a published task that start,
  move, pause, resume, recalibrate or complete it: the date, the kind, the task,
  the phases and the political prioritisation it cites. Not the rationale, the
  evidence or what the forum went despite (internal working texts that may name
  people), nor who recorded it; not decisions to exceed the limit of active
  tasks, recommendations, corrections or decisions that were corrected.
- Trial effects: the concluded trials of published tasks in figures: metric,
  unit, design, the effect with its 95 % interval, the evidence level, whether
  the criterion was met and the advice. Not the hypothesis, the measurements
  themselves or the learning card's texts.
- Realised benefits: what the published tasks realised, summed by task, kind,
  unit and year (the benefit level of each map only, as in the roll-up). Not the
  evidence texts or who recorded them.

Rows are read with a fixed number of SQL statements and kept in the cache for
``funnel.CACHE_SECONDS``; codes are stored, labels are put in the reader's
language when the page or a file is made.
"""

import csv
import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.benefits.models import BenefitKind, BenefitRealisation, ChainLevel
from samskab.core.spreadsheets import csv_row
from samskab.evidence.effects import effect_of
from samskab.evidence.models import Advice, Design, Experiment, Measurement, ValueServed
from samskab.governance.models import Decision, Forum
from samskab.portfolio.models import Category, InnovationTask, Novelty
from samskab.portfolio.phases import PhaseNumber

from . import funnel, funnel_tables

PUBLISHED_TASKS = (
    InnovationTask.Status.ACTIVE,
    InnovationTask.Status.PAUSED,
    InnovationTask.Status.COMPLETED,
)
PUBLIC_DECISIONS = (
    Decision.Kind.START,
    Decision.Kind.GATE_GO,
    Decision.Kind.PAUSE,
    Decision.Kind.RESUME,
    Decision.Kind.RECALIBRATE,
    Decision.Kind.COMPLETE,
)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Field:
    name: str
    description: Promise


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Promise
    description: Promise
    fields: tuple[Field, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def names(self) -> list[str]:
        return [field.name for field in self.fields]


PERIOD_FIELDS = (
    Field(
        "period", _("“current”: the last twelve months up to today; “previous”: the twelve before.")
    ),
    Field("period_start", _("The first day of the period (YYYY-MM-DD).")),
    Field("period_end", _("The last day of the period (YYYY-MM-DD).")),
)
DATASETS = (
    Dataset(
        "funnel",
        _("The funnel of public ideas"),
        _(
            "The published public ideas received in each period, and how many had reached each "
            "step, or a later one, by the period's end."
        ),
        (
            *PERIOD_FIELDS,
            Field("position", _("The step's place in the funnel, from 1.")),
            Field(
                "step",
                _(
                    "The step's code: received, answered, assessed, proposed, task, phase2, phase3, phase4, scaled, phase6, spread."
                ),
            ),
            Field("step_label", _("The step's name.")),
            Field("step_rule", _("What the step counts.")),
            Field("ideas", _("Ideas that had reached the step or a later one.")),
            Field(
                "conversion_percent",
                _(
                    "The ideas of the step in per cent of the step before, to one decimal; empty for the first step or when the step before has none."
                ),
            ),
            Field(
                "tasks",
                _(
                    "Different innovation tasks those ideas are part of; empty before the step “task”."
                ),
            ),
        ),
    ),
    Dataset(
        "response_times",
        _("Response times of public ideas"),
        _(
            "How long the published public ideas received in each period waited, in days, "
            "against the answer deadline."
        ),
        (
            *PERIOD_FIELDS,
            Field(
                "wait",
                _(
                    "response: from receipt to the first change of status; assessment: from the first response to the answer; answer: from receipt to the answer."
                ),
            ),
            Field("wait_label", _("The wait's name.")),
            Field("ended", _("Waits that ended by the period's end.")),
            Field("median_days", _("Their median, in days, to one decimal.")),
            Field("p90_days", _("Their 90th percentile (nearest rank), in days, to one decimal.")),
            Field(
                "within_deadline_percent",
                _(
                    "The share of them within the deadline, in per cent; empty for the whole wait for an answer."
                ),
            ),
            Field("still_waiting", _("Ideas still waiting at the period's end.")),
            Field(
                "deadline_days",
                _("The answer deadline: days an idea may wait without a change of status."),
            ),
        ),
    ),
    Dataset(
        "portfolio",
        _("The portfolio"),
        _("The active, paused and completed innovation tasks."),
        (
            Field("task_id", _("The task's number in Samskab.")),
            Field("title", _("The task's title.")),
            Field("status", _("active, paused or completed.")),
            Field("status_label", _("The status's name.")),
            Field("phase", _("The phase the task is in, 1 to 7.")),
            Field("phase_label", _("The phase's name.")),
            Field("area", _("The owning area of the municipality.")),
            Field("novelty", _("radical or incremental.")),
            Field("novelty_label", _("Radical or incremental, in words.")),
            Field(
                "category",
                _(
                    "The type of innovation: service, process, organisation or communication (the innovation barometer's types)."
                ),
            ),
            Field("category_label", _("The type's name.")),
            Field(
                "started_on", _("The day direktion and chefforum started the task (YYYY-MM-DD).")
            ),
            Field("ended_on", _("The day it was completed; empty while it runs.")),
        ),
    ),
    Dataset(
        "decisions",
        _("Decisions"),
        _(
            "The decisions of direktion and chefforum that started, moved, paused, resumed, "
            "recalibrated or completed a task of the portfolio."
        ),
        (
            Field("decision_id", _("The decision's number in Samskab.")),
            Field("decided_on", _("The day of the decision (YYYY-MM-DD).")),
            Field("kind", _("start, gate_go, pause, resume, recalibrate or complete.")),
            Field("kind_label", _("The kind's name.")),
            Field("task_id", _("The task's number (see the portfolio).")),
            Field("task_title", _("The task's title.")),
            Field("from_phase", _("The phase the task left, for a gate or a completion.")),
            Field("to_phase", _("The phase the task entered, for a start or a gate.")),
            Field(
                "political_reference",
                _(
                    "The political prioritisation the decision cites, e.g. a case number of the municipal council."
                ),
            ),
        ),
    ),
    Dataset(
        "trials",
        _("Trial effects"),
        _("The concluded trials of the portfolio's tasks, in figures."),
        (
            Field("trial_id", _("The trial's number in Samskab.")),
            Field("task_id", _("The task's number (see the portfolio).")),
            Field("task_title", _("The task's title.")),
            Field("title", _("The trial's title.")),
            Field("metric", _("What was measured.")),
            Field("unit", _("The metric's unit.")),
            Field("direction", _("higher or lower: which way is better.")),
            Field("design", _("before_after, comparison or randomised.")),
            Field("design_label", _("The design's name.")),
            Field(
                "value_served", _("The value the trial serves (the innovation barometer's values).")
            ),
            Field("value_served_label", _("The value's name.")),
            Field("starts_on", _("The trial's first day (YYYY-MM-DD).")),
            Field("ends_on", _("The trial's last day (YYYY-MM-DD).")),
            Field("baseline", _("The metric before the trial.")),
            Field(
                "effect_against",
                _(
                    "baseline: the effect is the trial group's mean less the baseline; comparison: less the comparison group's mean."
                ),
            ),
            Field("effect", _("The effect in the metric's unit.")),
            Field(
                "effect_low",
                # xgettext:no-python-format
                _("The lower bound of its 95 % confidence interval; empty without one."),
            ),
            Field(
                "effect_high",
                # xgettext:no-python-format
                _("The upper bound of its 95 % confidence interval; empty without one."),
            ),
            Field("improvement", _("The effect turned so that a positive number is better.")),
            Field("measurements", _("Measurements (rows) the effect rests on.")),
            Field("observations", _("Cases, citizens or answers behind those measurements.")),
            Field("evidence_level", _("The evidence level, 1 to 5, when the trial was concluded.")),
            Field(
                "criterion_met",
                _(
                    "true when the trial met its success criterion, false when not, empty when it could not tell."
                ),
            ),
            Field("advice", _("go, adjust or stop: the advice the evidence gave.")),
            Field("advice_label", _("The advice in words.")),
        ),
    ),
    Dataset(
        "benefits",
        _("Realised benefits"),
        _(
            "What the portfolio's tasks have realised, summed by task, kind, unit and year (the "
            "benefit level of each benefit map only)."
        ),
        (
            Field("task_id", _("The task's number (see the portfolio).")),
            Field("task_title", _("The task's title.")),
            Field("kind", _("economic (DKK), hours, quality or citizen.")),
            Field("kind_label", _("The kind's name.")),
            Field("unit", _("The unit of the benefit lines, e.g. kr. or hours.")),
            Field("year", _("The year the realised periods ended.")),
            Field("realised", _("The realised benefit, summed.")),
        ),
    ),
)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}


# Reading ---------------------------------------------------------------------------


def published_tasks():
    return InnovationTask.objects.filter(status__in=PUBLISHED_TASKS)


def _one_decimal(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TENTH)


def _funnel_rows(result: funnel.Funnel) -> tuple[list[dict], list[dict]]:
    steps, waits = [], []
    for label, figures in (("current", result.current), ("previous", result.previous)):
        period = {
            "period": label,
            "period_start": figures.period.start,
            "period_end": figures.period.end,
        }
        for index, key in enumerate(funnel.STEPS):
            steps.append(
                {
                    **period,
                    "position": index + 1,
                    "step": key,
                    "ideas": figures.steps[index],
                    "conversion_percent": _one_decimal(
                        funnel_tables.share(figures.steps[index], figures.steps[index - 1])
                        if index
                        else None
                    ),
                    "tasks": figures.tasks[index] if index >= funnel.TASK else None,
                }
            )
        for key in ("response", "assessment", "answer"):
            times: funnel.StatusTimes = getattr(figures, key)
            waits.append(
                {
                    **period,
                    "wait": key,
                    "ended": times.done.count,
                    "median_days": funnel_tables.in_days(times.done.median),
                    "p90_days": funnel_tables.in_days(times.done.p90),
                    "within_deadline_percent": _one_decimal(
                        funnel_tables.share(times.in_time, times.done.count)
                    ),
                    "still_waiting": times.waiting,
                    "deadline_days": result.deadline_days,
                }
            )
    return steps, waits


def _portfolio() -> list[dict]:
    tasks = (
        published_tasks()
        .select_related("owning_area")
        .only(
            "id",
            "title",
            "status",
            "phase",
            "novelty",
            "category",
            "started_on",
            "ended_on",
            "owning_area__name",
        )
        .order_by("phase", "title", "pk")
    )
    return [
        {
            "task_id": task.pk,
            "title": task.title,
            "status": task.status,
            "phase": task.phase,
            "area": task.owning_area.name,
            "novelty": task.novelty,
            "category": task.category,
            "started_on": task.started_on,
            "ended_on": task.ended_on,
        }
        for task in tasks
    ]


def public_decisions():
    return Decision.objects.filter(
        forum__kind=Forum.Kind.EXECUTIVE,
        kind__in=PUBLIC_DECISIONS,
        task__status__in=PUBLISHED_TASKS,
        corrections__isnull=True,
    )


def _decisions() -> list[dict]:
    rows = public_decisions().order_by("-decided_on", "-recorded_at", "-pk")
    return [
        {
            "decision_id": pk,
            "decided_on": decided_on,
            "kind": kind,
            "task_id": task_id,
            "task_title": task_title,
            "from_phase": from_phase,
            "to_phase": to_phase,
            "political_reference": reference,
        }
        for pk, decided_on, kind, task_id, task_title, from_phase, to_phase, reference in (
            rows.values_list(
                "pk",
                "decided_on",
                "kind",
                "task_id",
                "task__title",
                "from_phase",
                "to_phase",
                "political_reference",
            )
        )
    ]


# A concluded trial takes no more measurements, so its effect stays as it was: the
# figures of every trial are kept in one cache entry for a day (an interval takes some
# milliseconds to compute) and only a trial changed since is computed again.
EFFECTS_KEY = "dashboards:trial-effects"
EFFECTS_SECONDS = 24 * 3600


def _stamp(experiment: Experiment) -> float:
    return max(experiment.updated_at, experiment.learning_card.updated_at).timestamp()


def _effect_figures(experiment: Experiment, measurements: list[Measurement]) -> dict:
    effect = effect_of(experiment, measurements)
    interval = effect.difference if experiment.has_comparison else effect.change_interval
    estimate = interval.estimate if interval else effect.change
    return {
        "effect_against": "comparison" if experiment.has_comparison else "baseline",
        "effect": _figure(estimate),
        "effect_low": _figure(interval.low) if interval else None,
        "effect_high": _figure(interval.high) if interval else None,
        "improvement": _figure(effect.improvement),
        "measurements": effect.trial.rows + effect.comparison.rows,
        "observations": effect.trial.observations + effect.comparison.observations,
    }


def _trials() -> list[dict]:
    experiments = list(
        Experiment.objects.filter(task__status__in=PUBLISHED_TASKS, learning_card__isnull=False)
        .select_related("task", "learning_card", "repeats")
        .order_by("-ends_on", "-pk")
    )
    known = cache.get(EFFECTS_KEY) or {}
    missing = [e for e in experiments if known.get(e.pk, (None,))[0] != _stamp(e)]
    if missing:
        measured: dict[int, list[Measurement]] = defaultdict(list)
        for measurement in Measurement.objects.filter(experiment__in=missing).only(
            "experiment_id", "group", "value", "observations"
        ):
            measured[measurement.experiment_id].append(measurement)
        for experiment in missing:
            figures = _effect_figures(experiment, measured[experiment.pk])
            known[experiment.pk] = (_stamp(experiment), figures)
        cache.set(EFFECTS_KEY, {e.pk: known[e.pk] for e in experiments}, EFFECTS_SECONDS)
    rows = []
    for experiment in experiments:
        card = experiment.learning_card
        rows.append(
            {
                "trial_id": experiment.pk,
                "task_id": experiment.task_id,
                "task_title": experiment.task.title,
                "title": experiment.title,
                "metric": experiment.metric,
                "unit": experiment.unit,
                "direction": experiment.direction,
                "design": experiment.design,
                "value_served": experiment.value_served,
                "starts_on": experiment.starts_on,
                "ends_on": experiment.ends_on,
                "baseline": _trim(experiment.baseline),
                **known[experiment.pk][1],
                "evidence_level": card.evidence_level,
                "criterion_met": card.criterion_met,
                "advice": card.advice,
            }
        )
    return rows


def _figure(value: float | None) -> Decimal | None:
    """A computed figure to four decimals, as the measurements are kept."""
    if value is None:
        return None
    return _trim(Decimal(str(round(value, 4))))


def _trim(value: Decimal) -> Decimal:
    """Without trailing zeros, and never in exponent form: 10.0000 is 10, 1.2500 is 1.25."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _benefits() -> list[dict]:
    rows = (
        BenefitRealisation.objects.filter(
            line__level=ChainLevel.BENEFIT,
            line__agreement__task__status__in=PUBLISHED_TASKS,
        )
        .annotate(year=ExtractYear("period_end"))
        .values_list(
            "line__agreement__task_id",
            "line__agreement__task__title",
            "line__kind",
            "line__unit",
            "year",
        )
        .annotate(realised=Sum("value"))
        .order_by("line__agreement__task__title", "line__agreement__task_id", "line__kind", "year")
    )
    return [
        {
            "task_id": task_id,
            "task_title": title,
            "kind": kind,
            "unit": unit,
            "year": year,
            "realised": realised,
        }
        for task_id, title, kind, unit, year, realised in rows
    ]


@dataclass
class OpenData:
    rows: dict[str, list[dict]]
    result: funnel.Funnel
    made_at: object


def cache_key(today: date) -> str:
    return f"dashboards:open-data:{funnel.CACHE_VERSION}:{today}"


def open_data(*, now=None) -> OpenData:
    """Every dataset, from the cache when recent; otherwise 23 SQL statements at most."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    key = cache_key(today)
    found = cache.get(key)
    if found is not None:
        return found
    result = funnel.funnel(funnel.Period.last_year(today), public=True, breakdowns=False, now=now)
    steps, waits = _funnel_rows(result)
    data = OpenData(
        rows={
            "funnel": steps,
            "response_times": waits,
            "portfolio": _portfolio(),
            "decisions": _decisions(),
            "trials": _trials(),
            "benefits": _benefits(),
        },
        result=result,
        made_at=now,
    )
    cache.set(key, data, funnel.CACHE_SECONDS)
    return data


# The page: what it shows of the rows, kept apart from them --------------------------------

SHOWN = 25  # rows of the longer lists on the page; the files have them all


@dataclass
class PageData:
    result: funnel.Funnel
    running: list[dict]  # active and paused tasks, by phase
    completed: list[dict]  # the latest completed tasks
    completed_count: int
    decisions: list[dict]
    decision_count: int
    trials: list[dict]
    trial_count: int
    benefits: list[dict]  # realised by kind, unit and year, every task together
    made_at: object = None


def page_data(*, now=None) -> PageData:
    """What /aabenhed/ shows: a small cache entry, so that a visit reads little."""
    now = now or timezone.now()
    key = f"dashboards:open-data-page:{funnel.CACHE_VERSION}:{timezone.localdate(now)}"
    found = cache.get(key)
    if found is not None:
        return found
    data = open_data(now=now)
    tasks = data.rows["portfolio"]
    completed = sorted(
        (task for task in tasks if task["status"] == InnovationTask.Status.COMPLETED),
        key=lambda task: (task["ended_on"], task["task_id"]),
        reverse=True,
    )
    page = PageData(
        result=data.result,
        running=[task for task in tasks if task["status"] != InnovationTask.Status.COMPLETED],
        completed=completed[:SHOWN],
        completed_count=len(completed),
        decisions=data.rows["decisions"][:SHOWN],
        decision_count=len(data.rows["decisions"]),
        trials=data.rows["trials"][:SHOWN],
        trial_count=len(data.rows["trials"]),
        benefits=_benefit_totals(data.rows["benefits"]),
        made_at=data.made_at,
    )
    cache.set(key, page, funnel.CACHE_SECONDS)
    return page


def _benefit_totals(rows: list[dict]) -> list[dict]:
    """What every published task realised together, by kind, unit and year."""
    totals: dict[tuple, dict] = {}
    for row in rows:
        key = (row["kind"], row["unit"].strip().lower(), row["year"])
        total = totals.setdefault(
            key,
            {
                "kind": row["kind"],
                "unit": row["unit"],
                "year": row["year"],
                "realised": 0,
                "tasks": set(),
            },
        )
        total["realised"] += row["realised"]
        total["tasks"].add(row["task_id"])
    order = list(BenefitKind.values)
    ordered = sorted(
        totals.values(), key=lambda row: (order.index(row["kind"]), row["unit"], row["year"])
    )
    return [{**row, "tasks": len(row["tasks"])} for row in ordered]


# Labels, in the reader's language -------------------------------------------------------

BENEFIT_KINDS = dict(BenefitKind.choices)
WAIT_LABELS = {
    "response": _("Received, waiting for a response"),
    "assessment": _("Responded to, waiting for the answer"),
    "answer": _("From receipt to the answer"),
}
LABELS = {
    "status_label": ("status", dict(InnovationTask.Status.choices)),
    "phase_label": ("phase", dict(PhaseNumber.choices)),
    "novelty_label": ("novelty", dict(Novelty.choices)),
    "category_label": ("category", dict(Category.choices)),
    "kind_label": ("kind", {**dict(Decision.Kind.choices), **dict(BenefitKind.choices)}),
    "design_label": ("design", dict(Design.choices)),
    "value_served_label": ("value_served", dict(ValueServed.choices)),
    "advice_label": ("advice", dict(Advice.choices)),
    "wait_label": ("wait", WAIT_LABELS),
}


def labelled(name: str, rows: list[dict]) -> list[dict]:
    """The rows of a dataset with every field in order, labels in the active language."""
    dataset = BY_NAME[name]
    result = []
    for row in rows:
        values = dict(row)
        for field in dataset.names:
            if field == "step_label":
                values[field] = funnel.step_label(funnel.STEPS.index(row["step"]))
            elif field == "step_rule":
                values[field] = funnel.step_rule(funnel.STEPS.index(row["step"]))
            elif field in LABELS:
                source, labels = LABELS[field]
                label = labels.get(row[source])
                values[field] = str(label) if label is not None else ""
        result.append({field: values.get(field) for field in dataset.names})
    return result


# Files -------------------------------------------------------------------------------


def _plain(value):
    """A value as CSV and JSON carry it: booleans as true and false, numbers as they are."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def as_csv(name: str, rows: list[dict]) -> bytes:
    """One dataset as CSV: UTF-8 with a byte order mark, commas, text never read as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(BY_NAME[name].names))
    for row in labelled(name, rows):
        writer.writerow(csv_row(_plain(value) for value in row.values()))
    return buffer.getvalue().encode("utf-8-sig")


def fields_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["dataset", "field", "description"])
    for dataset in DATASETS:
        for field in dataset.fields:
            writer.writerow(csv_row([dataset.name, field.name, field.description]))
    return buffer.getvalue().encode("utf-8-sig")


def as_zip(data: OpenData) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for dataset in DATASETS:
            archive.writestr(dataset.filename, as_csv(dataset.name, data.rows[dataset.name]))
        archive.writestr("fields.csv", fields_csv())
    return buffer.getvalue()


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def as_json(data: OpenData, *, source: str) -> bytes:
    document = {
        "source": source,
        "made_at": timezone.localtime(data.made_at).isoformat(timespec="seconds"),
        "datasets": {
            dataset.name: {
                "title": str(dataset.title),
                "description": str(dataset.description),
                "fields": {field.name: str(field.description) for field in dataset.fields},
                "rows": labelled(dataset.name, data.rows[dataset.name]),
            }
            for dataset in DATASETS
        },
    }
    return json.dumps(document, default=_json_value, ensure_ascii=False, indent=1).encode()
