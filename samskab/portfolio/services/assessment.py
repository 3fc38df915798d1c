"""Triage: assessing candidates against weighted criteria, and what becomes of them.

- The innovation unit's staff assess an idea, or a group of related ideas;
  the ideas are "under assessment" on their status trails meanwhile.
- The chief assigns assessors, who must be unit staff, and decides the outcome.
- An assessor scores each criterion 1-5 with a written reason, then submits;
  a submitted assessment is not changed. Until they submit, an assessor sees
  nobody else's scores (queries.assessment.scores_visible).
- The outcome is an answer on every idea's status trail (DESIGN rule 9):
  declined, parked, merged into a surviving idea, sparring, or a task
  proposal, which goes on the next direktion meeting's agenda. Several ideas
  can feed one proposal.
- The chief edits the criteria and their weights.

Who may act is checked here too (PermissionDenied), so that every caller, not
only the views, keeps to it; what is wrong with the request is a ValidationError.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.accounts.permissions import is_unit_staff
from samskab.ideas import services as idea_services
from samskab.ideas import trail
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person

from .. import permissions  # noqa: F401 - registers the rules checked here
from ..models import (
    Assessment,
    AssessorAssignment,
    Criterion,
    Portfolio,
    Score,
    SparringRequest,
    TaskProposal,
)
from . import sparring as sparring_services
from . import tasks as task_services

Outcome = Assessment.Outcome
SPARRING_OPEN = (SparringRequest.Status.QUEUED, SparringRequest.Status.ACTIVE)
DESCRIPTION_MAX_LENGTH = SparringRequest._meta.get_field("description").max_length
TITLE_MAX_LENGTH = Assessment._meta.get_field("title").max_length
ANSWERS = {
    Outcome.DECLINED: Idea.Answer.DECLINED,
    Outcome.PARKED: Idea.Answer.PARKED,
    Outcome.SPARRING: Idea.Answer.SPARRING,
    Outcome.PROPOSAL: Idea.Answer.PROPOSED_TASK,
}


def _require(user: User, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _locked(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


def _refuse_closed(assessment: Assessment) -> None:
    if assessment.status != Assessment.Status.OPEN:
        raise ValidationError(_("The assessment has been decided and can no longer be changed."))


# Starting ---------------------------------------------------------------------------


@transaction.atomic
def assessment_create(*, ideas: Iterable[Idea], title: str, by: User) -> Assessment:
    """Start assessing one idea or a group of related ideas; each idea's trail says so."""
    _require(by, "portfolio.add_assessment")
    wanted = {idea.pk for idea in ideas}
    if not wanted:
        raise ValidationError({"ideas": _("Choose at least one idea to assess.")})
    ideas = list(Idea.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
    errors = []
    for idea in ideas:
        if idea.merged_into_id:
            errors.append(
                _("“%(title)s” is merged into another idea; assess that idea instead.")
                % {"title": idea.title}
            )
        elif not idea.is_confirmed:
            errors.append(
                _("“%(title)s” has not been confirmed by its submitter yet.")
                % {"title": idea.title}
            )
        elif idea.answer in (Idea.Answer.PROPOSED_TASK, Idea.Answer.PART_OF_TASK):
            errors.append(
                _("“%(title)s” is already proposed as an innovation task or part of one.")
                % {"title": idea.title}
            )
    busy = Assessment.ideas.through.objects.filter(
        assessment__status=Assessment.Status.OPEN, idea__in=[idea.pk for idea in ideas]
    ).values_list("idea__title", "assessment__title")
    errors.extend(
        _("“%(title)s” is already being assessed in “%(assessment)s”.")
        % {"title": idea_title, "assessment": assessment_title}
        for idea_title, assessment_title in busy
    )
    if errors:
        raise ValidationError({"ideas": errors})
    assessment = Assessment(
        title=(title.strip() or ideas[0].title)[:TITLE_MAX_LENGTH], created_by=by
    )
    assessment.full_clean()
    assessment.save()
    assessment.ideas.set(ideas)
    for idea in ideas:
        if idea.status != Idea.Status.UNDER_ASSESSMENT:
            idea_services.idea_change_status(
                idea=idea, status=Idea.Status.UNDER_ASSESSMENT, code=trail.ASSESSING, by=by
            )
    return assessment


# Assessors ----------------------------------------------------------------------------


@transaction.atomic
def assessor_assign(*, assessment: Assessment, assessor: User, by: User) -> AssessorAssignment:
    """The chief asks a member of the unit to assess the candidate."""
    _require(by, "portfolio.manage_assessment")
    assessment = _locked(assessment)
    _refuse_closed(assessment)
    if not assessor.is_active or not is_unit_staff(assessor):
        raise ValidationError({"assessor": _("Only the innovation unit's staff can assess.")})
    assignments = assessment.assignments.all()
    if assignments.filter(assessor=assessor).exists():
        raise ValidationError(
            {
                "assessor": _("%(name)s already assesses this candidate.")
                % {"name": assessor.display_name()}
            }
        )
    if (
        assessor.has_perm("portfolio.manage_assessment")
        and assignments.filter(submitted_at__isnull=False).exists()
    ):
        # The chief sees submitted scores; an independent assessment must come before that.
        raise ValidationError(
            {
                "assessor": _(
                    "%(name)s can see the scores already submitted, and so can no longer "
                    "assess this candidate independently."
                )
                % {"name": assessor.display_name()}
            }
        )
    assignment = AssessorAssignment(assessment=assessment, assessor=assessor, assigned_by=by)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def assessor_unassign(*, assignment: AssessorAssignment, by: User) -> None:
    """The chief takes an assessor off a candidate they have not submitted for yet."""
    _require(by, "portfolio.manage_assessment")
    assignment = AssessorAssignment.objects.select_for_update().get(pk=assignment.pk)
    _refuse_closed(_locked(assignment.assessment))
    if assignment.submitted_at:
        raise ValidationError(_("A submitted assessment stays part of the record."))
    assignment.delete()


# Scoring ------------------------------------------------------------------------------


def _own_open_assignment(assignment: AssessorAssignment, by: User) -> AssessorAssignment:
    assignment = (
        AssessorAssignment.objects.select_for_update()
        .select_related("assessment")
        .get(pk=assignment.pk)
    )
    if assignment.assessor_id != by.pk:
        raise PermissionDenied(_("Only the assigned assessor scores."))
    _refuse_closed(assignment.assessment)
    if assignment.submitted_at:
        raise ValidationError(_("You have submitted your assessment; it can no longer be changed."))
    return assignment


@transaction.atomic
def assessment_score(
    *,
    assignment: AssessorAssignment,
    scores: Mapping[Criterion, tuple[int, str]],
    by: User,
) -> list[Score]:
    """Save some or all of an assessor's scores, each 1-5 with its reason, before submitting."""
    assignment = _own_open_assignment(assignment, by)
    errors = []
    for criterion, (value, reason) in scores.items():
        if not criterion.active:
            errors.append(_("“%(criterion)s” is no longer in use.") % {"criterion": criterion})
        if not isinstance(value, int) or not 1 <= value <= 5:
            errors.append(_("Score “%(criterion)s” from 1 to 5.") % {"criterion": criterion})
        if not (reason or "").strip():
            errors.append(
                _("Give the reason for your score of “%(criterion)s”.") % {"criterion": criterion}
            )
    if errors:
        raise ValidationError(errors)
    existing = {
        score.criterion_id: score
        for score in assignment.scores.filter(criterion__in=[c.pk for c in scores])
    }
    saved = []
    for criterion, (value, reason) in scores.items():
        score = existing.get(criterion.pk) or Score(assignment=assignment, criterion=criterion)
        score.value, score.reason = value, reason.strip()
        score.full_clean()
        score.save()
        saved.append(score)
    return saved


@transaction.atomic
def assessment_submit(*, assignment: AssessorAssignment, by: User) -> AssessorAssignment:
    """Hand in a complete assessment; from now on it is fixed, and the others' scores show."""
    assignment = _own_open_assignment(assignment, by)
    scored = set(assignment.scores.values_list("criterion_id", flat=True))
    missing = [c for c in Criterion.objects.filter(active=True) if c.pk not in scored]
    if missing:
        raise ValidationError(
            _("Score every criterion before you submit. Missing: %(criteria)s.")
            % {"criteria": ", ".join(str(c) for c in missing)}
        )
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["submitted_at"])
    return assignment


@transaction.atomic
def assessment_classify(
    *, assessment: Assessment, novelty: str, category: str, by: User
) -> Assessment:
    """Class the candidate radical or incremental, and type it as the innovation barometer does."""
    if not (
        by.has_perm("portfolio.manage_assessment")
        or by.has_perm("portfolio.score_assessment", assessment)
    ):
        raise PermissionDenied
    assessment = _locked(assessment)
    _refuse_closed(assessment)
    errors = {}
    if not novelty:
        errors["novelty"] = _("Choose radical or incremental.")
    if not category:
        errors["category"] = _("Choose the type of innovation.")
    if errors:
        raise ValidationError(errors)
    assessment.novelty, assessment.category = novelty, category
    assessment.full_clean()
    assessment.save(update_fields=["novelty", "category", "updated_at"])
    return assessment


# Deciding -------------------------------------------------------------------------------


@dataclass
class TriageResult:
    """The decided assessment, and what it created, if anything."""

    assessment: Assessment
    proposal: TaskProposal | None = None
    sparring_request: SparringRequest | None = None


def _answer(ideas: Iterable[Idea], *, answer: str, message: str, by: User) -> None:
    for idea in ideas:
        idea_services.idea_change_status(
            idea=idea, status=Idea.Status.ANSWERED, answer=answer, message=message, by=by
        )


def _describe(ideas: Sequence[Idea]) -> str:
    """What a sparring request is about, from its ideas."""
    if len(ideas) == 1:
        return ideas[0].description
    parts = [f"#{idea.pk} {idea.title}\n{idea.description}" for idea in ideas]
    return "\n\n".join(parts)


def _first_area(ideas: Sequence[Idea]) -> OrgUnit | None:
    if not ideas:
        return None
    return ideas[0].areas.filter(kind=OrgUnit.Kind.AREA).order_by("name").first()


def _create_sparring(
    assessment: Assessment, ideas: Sequence[Idea], *, area: OrgUnit | None
) -> SparringRequest:
    """A sparring request at the end of the chief's queue (services.sparring keeps it gapless)."""
    first = ideas[0] if ideas else None
    if (
        first is not None
        and SparringRequest.objects.filter(idea=first, status__in=SPARRING_OPEN).exists()
    ):
        raise ValidationError(_("The idea is already in the sparring queue."))
    return sparring_services.sparring_enqueue(
        title=assessment.title,
        description=Truncator(_describe(ideas) or assessment.title).chars(DESCRIPTION_MAX_LENGTH),
        idea=first,
        area=area or _first_area(ideas),
        requested_by=first.author if first is not None else None,
    )


def _create_proposal(
    assessment: Assessment,
    ideas: Sequence[Idea],
    *,
    title: str,
    owning_area: OrgUnit | None,
    owner: Person | None,
    problem: str,
    ambition: str,
    by: User,
) -> TaskProposal:
    errors: dict[str, str] = {}
    if not assessment.novelty:
        errors["novelty"] = _(
            "Class the candidate as radical or incremental before proposing it as a task."
        )
    if not assessment.category:
        errors["category"] = _("Choose the candidate's type of innovation before proposing it.")
    if owning_area is None:
        errors["owning_area"] = _("Choose the area that will own the task.")
    if owner is None:
        errors["owner"] = _("Choose the task's owner.")
    if not problem.strip():
        errors["problem"] = _("Describe the problem the task will solve.")
    if not ambition.strip():
        errors["ambition"] = _("Describe the ambition: what should be different, for whom.")
    if errors:
        raise ValidationError(errors)
    if not assessment.assignments.filter(submitted_at__isnull=False).exists():
        raise ValidationError(_("A task proposal rests on at least one submitted assessment."))
    proposal = TaskProposal(
        title=(title.strip() or assessment.title)[:TITLE_MAX_LENGTH],
        problem=problem.strip(),
        ambition=ambition.strip(),
        novelty=assessment.novelty,
        category=assessment.category,
        owning_area=owning_area,
        owner=owner,
        assessment=assessment,
    )
    return task_services.proposal_save(proposal=proposal, ideas=ideas, by=by)


@transaction.atomic
def assessment_decide(
    *,
    assessment: Assessment,
    outcome: str,
    reason: str,
    by: User,
    survivor: Idea | None = None,
    owning_area: OrgUnit | None = None,
    owner: Person | None = None,
    problem: str = "",
    ambition: str = "",
    title: str = "",
) -> TriageResult:
    """The chief decides what becomes of the candidate; every idea's trail gets the answer.

    ``reason`` is the answer the submitters and followers see. ``survivor`` is
    the idea the others merge into (merged). ``owning_area`` is the owning
    area of a proposal, or the area a sparring request is for (optional; the
    first idea's area otherwise). ``owner``, ``problem``, ``ambition`` and
    ``title`` (the assessment's title if empty) describe a proposal.
    """
    _require(by, "portfolio.manage_assessment")
    if outcome == Outcome.SPARRING:
        # The sparring queue's lock before any idea's row: the order services.sparring uses.
        Portfolio.objects.select_for_update().get_or_create(name="portfolio")
    assessment = _locked(assessment)
    if assessment.status != Assessment.Status.OPEN:
        raise ValidationError(_("The assessment has already been decided."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Give the reason: it is the answer the ideas' submitters see.")}
        )
    reason = reason.strip()
    ideas = list(assessment.ideas.order_by("pk"))
    live = [idea for idea in ideas if not idea.merged_into_id]
    result = TriageResult(assessment=assessment)

    if outcome == Outcome.MERGED:
        if survivor is None:
            raise ValidationError({"survivor": _("Choose the idea the others are merged into.")})
        duplicates = [idea for idea in live if idea.pk != survivor.pk]
        if not duplicates:
            raise ValidationError({"survivor": _("There is no other idea to merge into it.")})
        for duplicate in duplicates:
            idea_services.idea_merge(duplicate=duplicate, survivor=survivor, message=reason, by=by)
    else:
        if outcome == Outcome.SPARRING:
            result.sparring_request = _create_sparring(assessment, live, area=owning_area)
        elif outcome == Outcome.PROPOSAL:
            result.proposal = _create_proposal(
                assessment,
                ideas,
                title=title,
                owning_area=owning_area,
                owner=owner,
                problem=problem,
                ambition=ambition,
                by=by,
            )
        _answer(live, answer=ANSWERS[outcome], message=reason, by=by)

    assessment.status, assessment.outcome = Assessment.Status.CLOSED, outcome
    assessment.outcome_reason = reason
    assessment.full_clean()
    assessment.save(update_fields=["status", "outcome", "outcome_reason", "updated_at"])
    return result


# Criteria -------------------------------------------------------------------------------


@transaction.atomic
def criteria_save(*, criteria: Sequence[Criterion], by: User) -> list[Criterion]:
    """The chief changes or adds criteria and their weights.

    A criterion that has scores keeps its direction (whether a high score is
    good, and what it counts towards), since the scores were given that way;
    put it out of use and add a new one instead. At least one criterion in use,
    with a weight above 0, must count towards potential and one towards effort.
    """
    _require(by, "portfolio.edit_criteria")
    for criterion in criteria:
        criterion.full_clean()
    stored = {c.pk: c for c in Criterion.objects.select_for_update()}
    scored = set(
        Score.objects.filter(criterion__in=[c.pk for c in criteria if c.pk])
        .values_list("criterion_id", flat=True)
        .distinct()
    )
    errors = []
    for criterion in criteria:
        before = stored.get(criterion.pk)
        if (
            before is not None
            and criterion.pk in scored
            and (
                before.higher_is_better != criterion.higher_is_better
                or before.counts_as != criterion.counts_as
            )
        ):
            errors.append(
                _(
                    "“%(criterion)s” has been scored, so it keeps its direction. Put it out of "
                    "use and add a new criterion instead."
                )
                % {"criterion": before}
            )
    after = {**stored, **{c.pk or -i: c for i, c in enumerate(criteria, start=1)}}
    used = {c.counts_as for c in after.values() if c.active and c.weight > 0}
    if not {"potential", "effort"} <= used:
        errors.append(
            _(
                "Keep at least one criterion in use with a weight above 0 that counts towards "
                "potential, and one that counts towards effort and risk."
            )
        )
    if errors:
        raise ValidationError(errors)
    for criterion in criteria:
        criterion.save()
    return list(criteria)
