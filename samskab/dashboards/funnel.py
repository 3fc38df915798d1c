"""The funnel: how far the ideas received in a period came by its end, and how long they waited.

The funnel follows the ideas received in a period (for an idea sent without an
account: once its submitter confirmed the e-mail address, ``Idea.confirmed_at``)
and counts, at each step, the ideas that had reached that step or a later one by
the end of the period:

- received: every idea received in the period;
- answered: the innovation unit responded, by a status change after receipt (the
  idea went under assessment or got its answer: ``Idea.responded_at``);
- assessed: part of an assessment (triage) begun by the end;
- proposed: part of a task proposal to direktion and chefforum made by the end;
- part of a task: part of an innovation task started by the end (phase 1);
- past phase 1 … past phase 6: the idea's task had passed the gate out of the
  phase by the end (``flow.TaskRecord.phase_on``). Past phase 4, in phase 5, is
  *scaled*; past phase 6, in phase 7, is *spread*. Samskab has no record of
  adoptions yet (a later spread app will add them): until then a solution counts
  as spread when its task reached phase 7, Spread (seed §4: to other areas and
  municipalities), which every completed task has.

Counting "reached this step or a later one" keeps every step within the one
before it, so that the conversion from a step to the next is a share of the
same ideas. The period before is as long and ends the day before; its figures
are counted the same way, by its own end.

Times (``flow``): how long ideas received in the period waited in "received" for
the first response, and from the first response to their answer (mostly under
assessment), both against the answer deadline ``SAMSKAB_IDEA_ANSWER_DAYS``;
durations that ended by the period's end count, those still running are counted
apart and checked against the deadline. The tasks' stays in each phase that
ended in the period, and those still running at its end.

Everything here runs a fixed number of SQL statements whatever the number of
ideas (each step is a count in the database, or read from the small tables of
assessments, proposals and tasks), and a page's figures are kept in the cache
for ``CACHE_SECONDS``.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.ideas.models import Audience, Idea
from samskab.organisation.models import Person
from samskab.portfolio.models import Assessment, Category, InnovationTask, Novelty, TaskProposal
from samskab.portfolio.phases import phase as phase_named

from . import flow

CACHE_SECONDS = 300
CACHE_VERSION = 1

# The steps, in order; "reached step k" means reached it or any later one.
STEPS = (
    "received",
    "answered",
    "assessed",
    "proposed",
    "task",
    "phase2",
    "phase3",
    "phase4",
    "scaled",
    "phase6",
    "spread",
)
RECEIVED, ANSWERED, ASSESSED, PROPOSED, TASK = range(5)
SCALED, SPREAD = STEPS.index("scaled"), STEPS.index("spread")


def step_of_phase(phase: int) -> int:
    """The step of an idea whose task is in ``phase``: phase 1 is "part of a task"."""
    return TASK + phase - 1


def step_label(index: int) -> str:
    key = STEPS[index]
    labels = {
        "received": _("Received"),
        "answered": _("Answered"),
        "assessed": _("Assessed"),
        "proposed": _("Proposed as a task"),
        "task": _("Part of a task"),
        "scaled": _("Scaled (phase 5)"),
        "spread": _("Spread (phase 7)"),
    }
    if key in labels:
        return str(labels[key])
    return _("Past phase %(number)d") % {"number": index - TASK}


def step_rule(index: int) -> str:
    """What the step counts, in a sentence for the page and the open data."""
    key = STEPS[index]
    rules = {
        "received": _(
            "Ideas received in the period; an idea sent without an account counts once its "
            "submitter has confirmed the e-mail address."
        ),
        "answered": _(
            "The innovation unit has responded to the idea by a change of its status: it is "
            "under assessment or has its answer."
        ),
        "assessed": _("The idea is part of an assessment (triage) by the innovation unit."),
        "proposed": _("The idea is part of a task proposal to direktion and chefforum."),
        "task": _("The idea is part of an innovation task started by direktion and chefforum."),
        "spread": _(
            "The idea's task has reached phase 7, Spread: to other areas and municipalities. "
            "Samskab does not yet record each adoption, so a completed task counts as spread."
        ),
    }
    if key in rules:
        return str(rules[key])
    phase = index - TASK + 1
    return _("The idea's task has passed the gate into phase %(number)d, %(name)s.") % {
        "number": phase,
        "name": phase_named(phase).name,
    }


# Who brought the idea --------------------------------------------------------------

SUBMITTERS = {
    "citizen": _("Citizen"),
    "employee": _("Employee"),
    "company": _("Company"),
    "association": _("Association"),
    "researcher": _("Researcher"),
    "organisation": _("On behalf of an association or company"),
    "elected": _("Elected member"),
}


def submitter_kind(prefix: str = ""):
    """The kind of submitter, from the author's person and the idea's "on behalf of".

    The person's kind when the author has one (an entrepreneur counts as a company);
    otherwise a citizen, or "on behalf of an association or company" when the idea
    names one (the form does not say which). Ideas sent without an account are
    citizens' unless they name an organisation.
    """
    kind = f"{prefix}author__person__kind"
    return Case(
        When(**{kind: Person.Kind.EMPLOYEE}, then=Value("employee")),
        When(
            **{f"{kind}__in": [Person.Kind.COMPANY, Person.Kind.ENTREPRENEUR]},
            then=Value("company"),
        ),
        When(**{kind: Person.Kind.ASSOCIATION}, then=Value("association")),
        When(**{kind: Person.Kind.RESEARCHER}, then=Value("researcher")),
        When(**{kind: Person.Kind.POLITICIAN}, then=Value("elected")),
        When(~Q(**{f"{prefix}on_behalf_of": ""}), then=Value("organisation")),
        default=Value("citizen"),
    )


# Periods ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    @classmethod
    def last_year(cls, today: date) -> "Period":
        """The twelve months up to and including today."""
        try:
            year_before = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_before = today.replace(year=today.year - 1, day=28)
        return cls(year_before + timedelta(days=1), today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """As long, ending the day before."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    @property
    def start_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.start, dt.time.min))

    @property
    def end_at(self) -> dt.datetime:
        """The first moment after the period."""
        return timezone.make_aware(dt.datetime.combine(self.end + timedelta(days=1), dt.time.min))


# What is counted -------------------------------------------------------------------


@dataclass
class StatusTimes:
    """One kind of wait of the ideas received in a period."""

    done: flow.Spread = field(default_factory=flow.Spread)
    in_time: int | None = None  # of those done, how many within the deadline
    waiting: int = 0  # still waiting at the end of the period
    waiting_late: int | None = None  # of those, how many past the deadline


@dataclass
class Figures:
    """The funnel of one period: counts per step, overall and broken down, and the waits."""

    period: Period
    steps: list[int]
    tasks: list[int]  # distinct tasks at each step from "part of a task" on
    by_submitter: dict[str, list[int]] = field(default_factory=dict)
    by_area: dict[str, list[int]] = field(default_factory=dict)
    by_category: dict[str, list[int]] = field(default_factory=dict)
    by_novelty: dict[str, list[int]] = field(default_factory=dict)
    response: StatusTimes = field(default_factory=StatusTimes)
    assessment: StatusTimes = field(default_factory=StatusTimes)
    answer: StatusTimes = field(default_factory=StatusTimes)
    response_by_submitter: dict[str, flow.Spread] = field(default_factory=dict)
    response_by_area: dict[str, flow.Spread] = field(default_factory=dict)
    phases: dict[int, flow.PhaseTimes] = field(default_factory=dict)
    phases_by_novelty: dict[str, dict[int, flow.PhaseTimes]] = field(default_factory=dict)


def _empty() -> list[int]:
    return [0] * len(STEPS)


def idea_filter(period: Period, *, public: bool, prefix: str = "") -> Q:
    """The ideas received in ``period`` (only the published public ones if ``public``)."""
    condition = Q(
        **{
            f"{prefix}confirmed_at__gte": period.start_at,
            f"{prefix}confirmed_at__lt": period.end_at,
        }
    )
    if public:
        condition &= Q(
            **{
                f"{prefix}consent_to_publish": True,
                f"{prefix}moderation": Idea.Moderation.APPROVED,
                f"{prefix}audience": Audience.PUBLIC,
            }
        )
    return condition


def answer_deadline() -> timedelta:
    return timedelta(days=settings.SAMSKAB_IDEA_ANSWER_DAYS)


def period_figures(
    period: Period, *, book: flow.TaskBook, public: bool, breakdowns: bool, now: dt.datetime
) -> Figures:
    """The funnel and waits of ``period``: 8 SQL statements, 11 with the breakdowns."""
    today = timezone.localdate(now)
    end_at = period.end_at
    deadline = answer_deadline()
    # An idea still waiting at the end of the period that came in before this has waited too long.
    late = min(end_at, now) - deadline
    ideas = Idea.objects.filter(idea_filter(period, public=public)).order_by()

    responded = Q(responded_at__lt=end_at)
    not_responded = Q(responded_at__isnull=True) | Q(responded_at__gte=end_at)
    assessing = responded & (Q(answered_at__isnull=True) | Q(answered_at__gt=F("responded_at")))
    assessed_done = Q(answered_at__lt=end_at, answered_at__gt=F("responded_at"))
    answered = Q(answered_at__lt=end_at)
    rows = (
        ideas.annotate(submitter=submitter_kind())
        .values("submitter")
        .annotate(
            received=Count("pk"),
            responded=Count("pk", filter=responded),
            responded_in_time=Count(
                "pk", filter=responded & Q(responded_at__lte=F("confirmed_at") + deadline)
            ),
            response_late=Count("pk", filter=not_responded & Q(confirmed_at__lt=late)),
            assessing=Count("pk", filter=assessing),
            assessed=Count("pk", filter=assessed_done),
            assessed_in_time=Count(
                "pk", filter=assessed_done & Q(answered_at__lte=F("responded_at") + deadline)
            ),
            assessment_late=Count(
                "pk",
                filter=assessing
                & (Q(answered_at__isnull=True) | Q(answered_at__gte=end_at))
                & Q(responded_at__lt=late),
            ),
            answered=Count("pk", filter=answered),
        )
    )
    totals: Counter = Counter()
    by_submitter: dict[str, list[int]] = {}
    for row in rows:
        for name, value in row.items():
            if name != "submitter":
                totals[name] += value
        counts = _empty()
        counts[RECEIVED], counts[ANSWERED] = row["received"], row["responded"]
        by_submitter[row["submitter"]] = counts

    figures = Figures(period=period, steps=_empty(), tasks=_empty())
    if breakdowns:
        figures.by_submitter = by_submitter
    figures.steps[RECEIVED], figures.steps[ANSWERED] = totals["received"], totals["responded"]
    figures.response.done, figures.response_by_submitter = flow.ranked(
        ideas.filter(responded),
        F("responded_at") - F("confirmed_at"),
        group=submitter_kind() if breakdowns else None,
    )
    figures.response.in_time = totals["responded_in_time"]
    figures.response.waiting = totals["received"] - totals["responded"]
    figures.response.waiting_late = totals["response_late"]
    figures.assessment.done, _groups = flow.ranked(
        ideas.filter(assessed_done), F("answered_at") - F("responded_at")
    )
    figures.assessment.in_time = totals["assessed_in_time"]
    figures.assessment.waiting = totals["assessing"] - totals["assessed"]
    figures.assessment.waiting_late = totals["assessment_late"]
    figures.answer.done, _groups = flow.ranked(
        ideas.filter(answered), F("answered_at") - F("confirmed_at")
    )
    figures.answer.waiting = totals["received"] - totals["answered"]

    stage = _advance(
        figures, period, ideas, book=book, public=public, breakdowns=breakdowns, today=today
    )
    if breakdowns:
        _areas(figures, period, public=public, stage=stage)
        stays = book.stays()
        figures.phases = flow.phase_times(stays, period.start, period.end)
        figures.phases_by_novelty = {
            novelty: flow.phase_times(
                [stay for stay in stays if stay.novelty == novelty], period.start, period.end
            )
            for novelty in Novelty.values
        }
    return figures


def _advance(figures, period, ideas, *, book, public, breakdowns, today) -> dict[int, int]:
    """The steps from "assessed" on, read from the assessments, proposals and tasks (4 statements).

    These tables are small beside the ideas: an idea gets there only by the
    innovation unit's work. An idea counts at the furthest step it reached; its type
    and novelty are those of that step's task, proposal or assessment. Returns the
    step each of these ideas reached.
    """
    end_at = period.end_at
    in_period = idea_filter(period, public=public, prefix="idea__")
    stage: dict[int, int] = {}
    classes: dict[int, tuple[int, str, str]] = {}  # idea -> (step, category, novelty)

    def reach(idea_id: int, step: int, category: str = "", novelty: str = "") -> None:
        stage[idea_id] = max(stage.get(idea_id, 0), step)
        if step >= classes.get(idea_id, (-1, "", ""))[0]:
            classes[idea_id] = (step, category, novelty)

    assessments = Assessment.ideas.through.objects.filter(
        in_period, assessment__created_at__lt=end_at
    ).order_by("assessment__created_at")
    for idea_id, category, novelty in assessments.values_list(
        "idea_id", "assessment__category", "assessment__novelty"
    ):
        reach(idea_id, ASSESSED, category, novelty)
    proposals = TaskProposal.ideas.through.objects.filter(
        in_period, taskproposal__created_at__lt=end_at
    ).order_by("taskproposal__created_at")
    for idea_id, category, novelty in proposals.values_list(
        "idea_id", "taskproposal__category", "taskproposal__novelty"
    ):
        reach(idea_id, PROPOSED, category, novelty)
    links = InnovationTask.ideas.through.objects.filter(
        in_period, innovationtask__started_on__lte=period.end
    ).values_list("idea_id", "innovationtask_id")
    tasks_at: dict[int, set[int]] = defaultdict(set)
    for idea_id, task_id in links:
        phase = book.phase_on(task_id, period.end, today=today)
        if phase is None:
            continue
        task = book.tasks[task_id]
        reach(idea_id, step_of_phase(phase), task.category, task.novelty)
        for step in range(TASK, step_of_phase(phase) + 1):
            tasks_at[step].add(task_id)
    for step, task_ids in tasks_at.items():
        figures.tasks[step] = len(task_ids)
    if not stage:
        return stage

    # Who brought the ideas that came this far, and whether they were responded to.
    advanced = (
        ideas.filter(pk__in=list(stage))
        .annotate(submitter=submitter_kind())
        .values_list("pk", "submitter", "responded_at")
    )
    for idea_id, submitter, responded_at in advanced:
        reached = stage[idea_id]
        responded = responded_at is not None and responded_at < end_at
        _count_from(figures.steps, reached, responded)
        if breakdowns:
            _count_from(figures.by_submitter.setdefault(submitter, _empty()), reached, responded)
            _step, category, novelty = classes[idea_id]
            _count_from(figures.by_category.setdefault(category, _empty()), reached, True)
            _count_from(figures.by_novelty.setdefault(novelty, _empty()), reached, True)
    return stage


def _count_from(counts: list[int], reached: int, responded: bool) -> None:
    """Count an idea that reached step ``reached`` (at least "assessed") at every step up to it.

    "Received" and "answered" were counted in the database; an idea that came this far
    without a recorded response is counted as answered here.
    """
    if not responded:
        counts[ANSWERED] += 1
    for step in range(ASSESSED, reached + 1):
        counts[step] += 1


def _areas(figures: Figures, period: Period, *, public: bool, stage: dict[int, int]) -> None:
    """The funnel by the areas the ideas concern (3 statements); an idea may concern several."""
    through = Idea.areas.through.objects.filter(idea_filter(period, public=public, prefix="idea__"))
    end_at = period.end_at
    names: dict[int, str] = {}
    counts: dict[int, list[int]] = {}
    rows = (
        through.order_by()
        .values("orgunit_id", "orgunit__name")
        .annotate(
            received=Count("pk"),
            responded=Count("pk", filter=Q(idea__responded_at__lt=end_at)),
        )
    )
    for row in rows:
        names[row["orgunit_id"]] = row["orgunit__name"]
        area = counts.setdefault(row["orgunit_id"], _empty())
        area[RECEIVED], area[ANSWERED] = row["received"], row["responded"]
    if stage:
        links = through.filter(idea_id__in=list(stage)).values_list(
            "idea_id", "orgunit_id", "idea__responded_at"
        )
        for idea_id, orgunit_id, responded_at in links:
            responded = responded_at is not None and responded_at < end_at
            _count_from(counts.setdefault(orgunit_id, _empty()), stage[idea_id], responded)
    _overall, by_area = flow.ranked(
        through.filter(idea__responded_at__lt=end_at),
        F("idea__responded_at") - F("idea__confirmed_at"),
        group=F("orgunit_id"),
    )
    figures.by_area = {names.get(pk, ""): area for pk, area in counts.items()}
    figures.response_by_area = {names.get(pk, ""): spread for pk, spread in by_area.items()}


# The page's figures, kept in the cache -----------------------------------------------


@dataclass
class Funnel:
    current: Figures
    previous: Figures
    deadline_days: int
    computed_at: dt.datetime


def funnel(
    period: Period, *, public: bool = False, breakdowns: bool = True, now: dt.datetime | None = None
) -> Funnel:
    """The figures of ``period`` and of the period before, from the cache when recent."""
    now = now or timezone.now()
    deadline = settings.SAMSKAB_IDEA_ANSWER_DAYS
    key = ":".join(
        str(part)
        for part in (
            "dashboards:funnel",
            CACHE_VERSION,
            "public" if public else "all",
            int(breakdowns),
            period.start,
            period.end,
            timezone.localdate(now),
            deadline,
        )
    )
    found = cache.get(key)
    if found is not None:
        return found
    book = flow.TaskBook.load()
    result = Funnel(
        current=period_figures(period, book=book, public=public, breakdowns=breakdowns, now=now),
        previous=period_figures(
            period.previous(), book=book, public=public, breakdowns=breakdowns, now=now
        ),
        deadline_days=deadline,
        computed_at=now,
    )
    cache.set(key, result, CACHE_SECONDS)
    return result


CATEGORIES = dict(Category.choices)
NOVELTIES = dict(Novelty.choices)
