"""Reads for triage: aggregated scores with their spread, each assessor's queue, the ranking.

A score counts once its assessor has submitted. Until then nobody else sees it,
and an assessor who has not submitted sees nobody else's (``scores_visible``):
the assessors of a candidate score independently. Every function here runs a
fixed number of queries, whatever the number of assessments, assessors and
scores.

The arithmetic (``summarise``) works on plain tuples so that it can be tested
without a database:

- goodness of a score = the score if a high score is good, else 6 - score;
- per criterion: the mean, min–max and population standard deviation of the
  submitted scores;
- total = the weighted mean of the criteria's mean goodness;
- potential = the weighted mean goodness of the "potential" criteria;
- effort = the weighted mean of 6 - goodness of the "effort" criteria, so that
  a risky, hard candidate has a high effort.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pstdev

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.ideas.models import Idea

from ..models import Assessment, AssessorAssignment, Criterion, Score

LOWEST, HIGHEST = 1, 5
QUEUE_SIZE = 100
RANKING_SIZE = 100
DECIDED_SIZE = 10
POTENTIAL, EFFORT = "potential", "effort"


def criterion_label(criterion: Criterion) -> str:
    """The criterion's name in the language of the page."""
    if get_language() == "en" and criterion.name_en:
        return criterion.name_en
    return criterion.name


def goodness(value: float, *, higher_is_better: bool) -> float:
    """How good a score is on the 1-5 scale, whichever way the criterion points."""
    return value if higher_is_better else LOWEST + HIGHEST - value


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """The mean of (weight, value) pairs; None when no pair has a positive weight."""
    kept = [(weight, value) for weight, value in pairs if weight > 0]
    total_weight = sum(weight for weight, _value in kept)
    if not total_weight:
        return None
    return sum(weight * value for weight, value in kept) / total_weight


# The arithmetic ---------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    """The submitted scores of one criterion, with their mean and spread."""

    criterion: Criterion
    values: tuple[int, ...]

    @property
    def label(self) -> str:
        return criterion_label(self.criterion)

    @property
    def weight(self) -> float:
        return float(self.criterion.weight)

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float | None:
        return fmean(self.values) if self.values else None

    @property
    def minimum(self) -> int | None:
        return min(self.values) if self.values else None

    @property
    def maximum(self) -> int | None:
        return max(self.values) if self.values else None

    @property
    def stdev(self) -> float | None:
        """The population standard deviation: how far the assessors are apart."""
        return pstdev(self.values) if self.values else None

    @property
    def goodness(self) -> float | None:
        mean = self.mean
        if mean is None:
            return None
        return goodness(mean, higher_is_better=self.criterion.higher_is_better)


@dataclass(frozen=True)
class Summary:
    """The aggregated, submitted scores of one assessment."""

    rows: list[CriterionResult]
    # Each submitted assessor's own weighted total, by assignment id.
    assessor_totals: dict[int, float] = field(default_factory=dict)

    def _weighted(self, rows, value) -> float | None:
        return weighted_mean((row.weight, value(row)) for row in rows if row.values)

    @property
    def assessors(self) -> int:
        return len(self.assessor_totals)

    @property
    def total(self) -> float | None:
        return self._weighted(self.rows, lambda row: row.goodness)

    @property
    def potential(self) -> float | None:
        rows = [row for row in self.rows if row.criterion.counts_as == POTENTIAL]
        return self._weighted(rows, lambda row: row.goodness)

    @property
    def effort(self) -> float | None:
        rows = [row for row in self.rows if row.criterion.counts_as == EFFORT]
        return self._weighted(rows, lambda row: LOWEST + HIGHEST - row.goodness)

    @property
    def total_minimum(self) -> float | None:
        return min(self.assessor_totals.values()) if self.assessor_totals else None

    @property
    def total_maximum(self) -> float | None:
        return max(self.assessor_totals.values()) if self.assessor_totals else None

    @property
    def total_stdev(self) -> float | None:
        return pstdev(self.assessor_totals.values()) if self.assessor_totals else None


def summarise(criteria: Sequence[Criterion], scores: Iterable[tuple[int, int, int]]) -> Summary:
    """Aggregate ``(assignment id, criterion id, value)`` scores over the given criteria.

    Scores of criteria not given (no longer in use) are left out.
    """
    by_id = {criterion.pk: criterion for criterion in criteria}
    values: dict[int, list[int]] = defaultdict(list)
    per_assessor: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for assignment_id, criterion_id, value in scores:
        criterion = by_id.get(criterion_id)
        if criterion is None:
            continue
        values[criterion_id].append(value)
        per_assessor[assignment_id].append(
            (
                float(criterion.weight),
                goodness(value, higher_is_better=criterion.higher_is_better),
            )
        )
    totals = {}
    for assignment_id, pairs in per_assessor.items():
        total = weighted_mean(pairs)
        if total is not None:
            totals[assignment_id] = total
    rows = [CriterionResult(criterion, tuple(values[criterion.pk])) for criterion in criteria]
    return Summary(rows=rows, assessor_totals=totals)


# Who sees what -------------------------------------------------------------------


def scores_visible(
    user, assessment: Assessment, assignment: AssessorAssignment | None = None
) -> bool:
    """Whether ``user`` may see the submitted scores of ``assessment``.

    ``assignment`` is the user's own assignment to it, if any. An assessor sees
    the others' scores once they have submitted their own; the chief sees them
    unless assessing themselves; everyone in the unit sees them once decided.
    """
    if assessment.status == Assessment.Status.CLOSED:
        return True
    if assignment is not None:
        return assignment.submitted_at is not None
    return user.has_perm("portfolio.manage_assessment")


# Lists -------------------------------------------------------------------------------


def active_criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(active=True))


def _ideas_prefetch(prefix: str = "") -> Prefetch:
    return Prefetch(
        f"{prefix}ideas",
        queryset=Idea.objects.only("id", "title", "status", "answer").order_by("pk"),
    )


def possible_assessors() -> list[User]:
    """The innovation unit's active staff, who may be assigned to assess."""
    staff = Q(groups__name__in=(roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.ADMINISTRATOR))
    ids = User.objects.filter(staff | Q(is_superuser=True), is_active=True).values("pk")
    return list(
        User.objects.filter(pk__in=ids).select_related("person").order_by("person__name", "pk")
    )


def queue_for(user) -> list[AssessorAssignment]:
    """The open assessments ``user`` is assigned to: those still to score first."""
    return list(
        AssessorAssignment.objects.filter(assessor=user, assessment__status=Assessment.Status.OPEN)
        .select_related("assessment")
        .prefetch_related(_ideas_prefetch("assessment__"))
        .order_by(F("submitted_at").asc(nulls_first=True), "assigned_at", "pk")[:QUEUE_SIZE]
    )


def open_assessments() -> QuerySet[Assessment]:
    """Open assessments, the oldest first, with their ideas and assessors (paginate it)."""
    return (
        Assessment.objects.filter(status=Assessment.Status.OPEN)
        .prefetch_related(
            _ideas_prefetch(),
            Prefetch(
                "assignments",
                queryset=AssessorAssignment.objects.select_related("assessor__person").order_by(
                    "assigned_at", "pk"
                ),
            ),
        )
        .order_by("created_at", "pk")
    )


def recently_decided() -> list[Assessment]:
    return list(
        Assessment.objects.filter(status=Assessment.Status.CLOSED).order_by("-updated_at", "-pk")[
            :DECIDED_SIZE
        ]
    )


# One assessment ---------------------------------------------------------------------


@dataclass
class SubmittedAssessor:
    assignment: AssessorAssignment
    total: float | None
    scores: list[Score]


@dataclass
class AssessmentPage:
    assessment: Assessment
    ideas: list[Idea]
    assignments: list[AssessorAssignment]
    criteria: list[Criterion]
    my_assignment: AssessorAssignment | None
    my_scores: dict[int, Score]
    visible: bool
    summary: Summary | None
    submitted: list[SubmittedAssessor]

    @property
    def submitted_count(self) -> int:
        return sum(1 for assignment in self.assignments if assignment.submitted_at)


def assessment_page(assessment: Assessment, user) -> AssessmentPage:
    """Everything the assessment's page shows ``user``, in at most five queries."""
    ideas = list(
        assessment.ideas.select_related("author__person")
        .only(
            "id",
            "title",
            "kind",
            "status",
            "answer",
            "merged_into_id",
            "support_count",
            "author__id",
            "author__person__name",
        )
        .order_by("pk")
    )
    assignments = list(
        assessment.assignments.select_related("assessor__person").order_by("assigned_at", "pk")
    )
    criteria = active_criteria()
    mine = next((a for a in assignments if a.assessor_id == user.pk), None)
    my_scores = {}
    if mine is not None:
        my_scores = {score.criterion_id: score for score in mine.scores.all()}
    visible = scores_visible(user, assessment, mine)
    summary, submitted = None, []
    if visible:
        scores = list(
            Score.objects.filter(
                assignment__assessment=assessment, assignment__submitted_at__isnull=False
            ).order_by("assignment_id", "criterion__position", "criterion_id")
        )
        summary = summarise(criteria, ((s.assignment_id, s.criterion_id, s.value) for s in scores))
        by_criterion = {criterion.pk: criterion for criterion in criteria}
        by_assignment: dict[int, list[Score]] = defaultdict(list)
        for score in scores:
            if score.criterion_id in by_criterion:
                score.criterion = by_criterion[score.criterion_id]
                score.label = criterion_label(score.criterion)
                by_assignment[score.assignment_id].append(score)
        submitted = [
            SubmittedAssessor(
                assignment=assignment,
                total=summary.assessor_totals.get(assignment.pk),
                scores=by_assignment[assignment.pk],
            )
            for assignment in assignments
            if assignment.submitted_at
        ]
    return AssessmentPage(
        assessment=assessment,
        ideas=ideas,
        assignments=assignments,
        criteria=criteria,
        my_assignment=mine,
        my_scores=my_scores,
        visible=visible,
        summary=summary,
        submitted=submitted,
    )


# The prioritisation -----------------------------------------------------------------


@dataclass
class Candidate:
    """One open assessment in the ranking; ``summary`` is None while its scores are hidden."""

    assessment: Assessment
    summary: Summary | None
    assigned: int
    submitted: int
    number: int = 0
    hidden: bool = False
    awaiting_me: bool = False  # the user is an assessor who has not submitted

    @property
    def scored(self) -> bool:
        return self.summary is not None and self.summary.total is not None


def ranking(user) -> list[Candidate]:
    """Open candidates, the best weighted total first; unscored and hidden ones last.

    Five queries: the assessments, their ideas, their assignments, the criteria
    and the submitted scores (the user's groups are cached for the request).
    """
    assessments = list(
        Assessment.objects.filter(status=Assessment.Status.OPEN)
        .prefetch_related(
            _ideas_prefetch(),
            Prefetch(
                "assignments",
                queryset=AssessorAssignment.objects.only(
                    "id", "assessment_id", "assessor_id", "submitted_at"
                ),
            ),
        )
        .order_by("created_at", "pk")[:RANKING_SIZE]
    )
    criteria = active_criteria()
    scores: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for assessment_id, assignment_id, criterion_id, value in Score.objects.filter(
        assignment__assessment__in=[a.pk for a in assessments],
        assignment__submitted_at__isnull=False,
    ).values_list("assignment__assessment_id", "assignment_id", "criterion_id", "value"):
        scores[assessment_id].append((assignment_id, criterion_id, value))
    candidates = []
    for assessment in assessments:
        assignments = list(assessment.assignments.all())
        mine = next((a for a in assignments if a.assessor_id == user.pk), None)
        visible = scores_visible(user, assessment, mine)
        candidates.append(
            Candidate(
                assessment=assessment,
                summary=summarise(criteria, scores[assessment.pk]) if visible else None,
                assigned=len(assignments),
                submitted=sum(1 for a in assignments if a.submitted_at),
                hidden=not visible,
                awaiting_me=mine is not None and mine.submitted_at is None,
            )
        )
    candidates.sort(
        key=lambda c: (
            not c.scored,
            -(c.summary.total or 0) if c.scored else 0,
            -(c.summary.potential or 0) if c.scored else 0,
            (c.summary.effort or 0) if c.scored else 0,
            c.assessment.created_at,
            c.assessment.pk,
        )
    )
    for number, candidate in enumerate(candidates, start=1):
        candidate.number = number
    return candidates
