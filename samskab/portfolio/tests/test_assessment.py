"""Triage: every rule of services.assessment, and the arithmetic of queries.assessment."""

import math
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio.models import (
    Assessment,
    AssessorAssignment,
    Category,
    Criterion,
    Novelty,
    Score,
    SparringRequest,
    TaskProposal,
)
from samskab.portfolio.queries import assessment as queries
from samskab.portfolio.services import assessment as services

# Fixtures ------------------------------------------------------------------------------


@pytest.fixture
def new_idea(db):
    def make(title: str = "Udeskole hver fredag", **fields) -> Idea:
        defaults = {
            "title": title,
            "description": f"Beskrivelse af {title}.",
            "confirmed_at": timezone.now(),
            "consent_to_publish": True,
            "moderation": Idea.Moderation.APPROVED,
        }
        defaults.update(fields)
        return Idea.objects.create(**defaults)

    return make


@pytest.fixture
def chief(personas) -> User:
    return personas[roles.INNOVATIONSCHEF]


@pytest.fixture
def staff(personas) -> User:
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def colleague(unit) -> User:
    """A second member of the innovation unit."""
    user = User.objects.create_user(username="kollega", email="kollega@example.dk")
    user.groups.set(Group.objects.filter(name__in=[roles.INNOVATIONSENHED, roles.MEDARBEJDER]))
    Person.objects.create(user=user, name="Kollega Kirsten", org_unit=unit)
    return user


@pytest.fixture
def criteria(db) -> list[Criterion]:
    return list(Criterion.objects.filter(active=True))


@pytest.fixture
def area_owner(personas, unit) -> Person:
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = unit.parent
    person.save()
    return person


@pytest.fixture
def assessment(new_idea, staff) -> Assessment:
    return services.assessment_create(
        ideas=[new_idea("Cykelparkering"), new_idea("Flere cykelstativer")],
        title="Cykler ved skolen",
        by=staff,
    )


def score_all(assignment, by, values: dict[str, int] | None = None, default: int = 3):
    """Score every criterion in use (by English name), then submit."""
    values = values or {}
    services.assessment_score(
        assignment=assignment,
        scores={
            c: (values.get(c.name_en, default), f"Fordi {c.name_en}")
            for c in Criterion.objects.filter(active=True)
        },
        by=by,
    )
    return services.assessment_submit(assignment=assignment, by=by)


def assigned(assessment, assessor, chief):
    return services.assessor_assign(assessment=assessment, assessor=assessor, by=chief)


# Starting ----------------------------------------------------------------------------


def test_unit_staff_assess_a_group_of_ideas_and_each_idea_says_so(new_idea, staff):
    ideas = [new_idea("A"), new_idea("B")]
    assessment = services.assessment_create(ideas=ideas, title=" ", by=staff)
    assert assessment.title == "A"  # the first idea's title when none is given
    assert set(assessment.ideas.all()) == set(ideas)
    assert assessment.created_by == staff
    for idea in ideas:
        idea.refresh_from_db()
        assert idea.status == Idea.Status.UNDER_ASSESSMENT
        assert idea.status_changes.last().status == Idea.Status.UNDER_ASSESSMENT


def test_only_unit_staff_start_an_assessment(new_idea, personas):
    for role in (roles.MEDARBEJDER, roles.OMRAADELEDER, roles.DIREKTION, roles.BORGER):
        with pytest.raises(PermissionDenied):
            services.assessment_create(ideas=[new_idea()], title="x", by=personas[role])


def test_an_assessment_needs_an_idea(staff):
    with pytest.raises(ValidationError) as error:
        services.assessment_create(ideas=[], title="x", by=staff)
    assert "ideas" in error.value.message_dict


@pytest.mark.parametrize(
    "fields",
    [
        {"confirmed_at": None},
        {"status": "answered", "answer": Idea.Answer.PART_OF_TASK},
        {"status": "answered", "answer": Idea.Answer.PROPOSED_TASK},
    ],
)
def test_unconfirmed_and_task_ideas_are_not_assessed(new_idea, staff, fields):
    with pytest.raises(ValidationError):
        services.assessment_create(ideas=[new_idea(**fields)], title="x", by=staff)


def test_a_merged_idea_is_not_assessed(new_idea, staff):
    survivor = new_idea("Lever videre")
    duplicate = new_idea("Dublet", status="answered", answer="merged", merged_into=survivor)
    with pytest.raises(ValidationError):
        services.assessment_create(ideas=[duplicate], title="x", by=staff)


def test_an_idea_is_in_one_open_assessment_at_a_time(assessment, staff):
    with pytest.raises(ValidationError) as error:
        services.assessment_create(ideas=[assessment.ideas.first()], title="igen", by=staff)
    assert "Cykler ved skolen" in str(error.value)


# Assigning ---------------------------------------------------------------------------


def test_the_chief_assigns_unit_staff_who_see_it_in_their_queue(
    assessment, chief, staff, colleague
):
    assigned(assessment, staff, chief)
    assigned(assessment, colleague, chief)
    assert [a.assessment for a in queries.queue_for(staff)] == [assessment]
    assert [a.assessment for a in queries.queue_for(colleague)] == [assessment]
    assert queries.queue_for(chief) == []


@pytest.mark.parametrize("role", [roles.INNOVATIONSENHED, roles.MEDARBEJDER, roles.DIREKTION])
def test_only_the_chief_assigns(assessment, personas, staff, role):
    with pytest.raises(PermissionDenied):
        services.assessor_assign(assessment=assessment, assessor=staff, by=personas[role])


@pytest.mark.parametrize("role", [roles.MEDARBEJDER, roles.OMRAADELEDER, roles.BORGER])
def test_only_unit_staff_can_be_assessors(assessment, personas, chief, role):
    with pytest.raises(ValidationError) as error:
        assigned(assessment, personas[role], chief)
    assert "assessor" in error.value.message_dict


def test_an_assessor_is_assigned_once(assessment, chief, staff):
    assigned(assessment, staff, chief)
    with pytest.raises(ValidationError):
        assigned(assessment, staff, chief)


def test_the_chief_cannot_assess_after_seeing_submitted_scores(assessment, chief, staff):
    score_all(assigned(assessment, staff, chief), staff)
    with pytest.raises(ValidationError):
        assigned(assessment, chief, chief)


def test_the_chief_takes_off_an_assessor_who_has_not_submitted(assessment, chief, staff, colleague):
    waiting = assigned(assessment, staff, chief)
    done = assigned(assessment, colleague, chief)
    score_all(done, colleague)
    services.assessor_unassign(assignment=waiting, by=chief)
    assert not AssessorAssignment.objects.filter(pk=waiting.pk).exists()
    with pytest.raises(ValidationError):
        services.assessor_unassign(assignment=done, by=chief)
    with pytest.raises(PermissionDenied):
        services.assessor_unassign(assignment=done, by=staff)


# Scoring -----------------------------------------------------------------------------


def test_only_the_assigned_assessor_scores(assessment, chief, staff, colleague, criteria):
    assignment = assigned(assessment, staff, chief)
    for other in (colleague, chief):
        with pytest.raises(PermissionDenied):
            services.assessment_score(
                assignment=assignment, scores={criteria[0]: (3, "Fordi")}, by=other
            )
        with pytest.raises(PermissionDenied):
            services.assessment_submit(assignment=assignment, by=other)


@pytest.mark.parametrize("value, reason", [(0, "Fordi"), (6, "Fordi"), (3, "  "), (3, "")])
def test_a_score_is_1_to_5_with_a_written_reason(assessment, chief, staff, criteria, value, reason):
    assignment = assigned(assessment, staff, chief)
    with pytest.raises(ValidationError):
        services.assessment_score(
            assignment=assignment, scores={criteria[0]: (value, reason)}, by=staff
        )
    assert not Score.objects.exists()


def test_scores_can_be_saved_in_parts_and_changed_before_submitting(
    assessment, chief, staff, criteria
):
    assignment = assigned(assessment, staff, chief)
    services.assessment_score(assignment=assignment, scores={criteria[0]: (2, "Først")}, by=staff)
    services.assessment_score(assignment=assignment, scores={criteria[0]: (4, "Siden")}, by=staff)
    score = Score.objects.get()
    assert (score.value, score.reason) == (4, "Siden")


def test_submitting_needs_every_criterion_scored(assessment, chief, staff, criteria):
    assignment = assigned(assessment, staff, chief)
    services.assessment_score(assignment=assignment, scores={criteria[0]: (3, "Fordi")}, by=staff)
    with pytest.raises(ValidationError) as error:
        services.assessment_submit(assignment=assignment, by=staff)
    assert criteria[1].name in str(error.value)
    assignment.refresh_from_db()
    assert assignment.submitted_at is None


def test_a_submitted_assessment_cannot_be_changed(assessment, chief, staff, criteria):
    assignment = score_all(assigned(assessment, staff, chief), staff)
    assert assignment.submitted_at is not None
    with pytest.raises(ValidationError):
        services.assessment_score(
            assignment=assignment, scores={criteria[0]: (5, "Ombestemt")}, by=staff
        )
    with pytest.raises(ValidationError):
        services.assessment_submit(assignment=assignment, by=staff)
    assert Score.objects.get(criterion=criteria[0]).value == 3


def test_an_assessor_sees_others_scores_only_after_submitting(assessment, chief, staff, colleague):
    first = assigned(assessment, staff, chief)
    second = assigned(assessment, colleague, chief)
    score_all(first, staff, default=5)

    page = queries.assessment_page(assessment, colleague)
    assert not page.visible
    assert page.summary is None and page.submitted == []
    assert page.my_scores == {}
    assert queries.ranking(colleague)[0].summary is None

    score_all(second, colleague, default=1)
    page = queries.assessment_page(assessment, colleague)
    assert page.visible
    assert page.summary.assessors == 2
    assert {s.assignment.assessor for s in page.submitted} == {staff, colleague}


def test_unsubmitted_scores_count_for_nobody(assessment, chief, staff, colleague, criteria):
    assigned_first = assigned(assessment, staff, chief)
    score_all(assigned_first, staff, default=4)
    draft = assigned(assessment, colleague, chief)
    services.assessment_score(assignment=draft, scores={criteria[0]: (1, "Kladde")}, by=colleague)
    page = queries.assessment_page(assessment, chief)
    assert page.visible  # the chief, not assessing, sees submitted scores
    assert page.summary.assessors == 1
    assert page.summary.rows[0].values == (4,)
    assert queries.assessment_page(assessment, staff).visible  # submitted
    assert not queries.scores_visible(colleague, assessment, draft)


def test_other_unit_staff_see_the_scores_once_decided(assessment, chief, staff, colleague):
    score_all(assigned(assessment, staff, chief), staff)
    assert not queries.assessment_page(assessment, colleague).visible
    services.assessment_decide(
        assessment=assessment, outcome="parked", reason="Vi venter på budgettet.", by=chief
    )
    assessment.refresh_from_db()
    assert queries.assessment_page(assessment, colleague).visible


def test_the_aggregate_shows_mean_spread_and_weighted_total(assessment, chief, staff, colleague):
    # The default criteria: need, quality, economy 1.5; political priority, risk,
    # feasibility 1.0; risk counts against. Potential: the first four; effort: the last two.
    first = assigned(assessment, staff, chief)
    second = assigned(assessment, colleague, chief)
    score_all(first, staff, {"Risk": 1, "Feasibility": 5}, default=4)
    score_all(second, colleague, {"Risk": 3, "Feasibility": 3}, default=2)
    summary = queries.assessment_page(assessment, chief).summary
    need = next(row for row in summary.rows if row.criterion.name_en == "Need")
    assert (need.mean, need.minimum, need.maximum, need.stdev) == (3, 2, 4, 1)
    risk = next(row for row in summary.rows if row.criterion.name_en == "Risk")
    assert (risk.mean, risk.goodness) == (2, 4)
    assert math.isclose(summary.total, 24.5 / 7.5)
    assert math.isclose(summary.total_minimum, 17 / 7.5)
    assert math.isclose(summary.total_maximum, 32 / 7.5)
    assert math.isclose(summary.potential, 3)
    assert math.isclose(summary.effort, 2)  # low risk, easy to do


def test_weights_decide_the_ranking(new_idea, staff, chief):
    strong_need = services.assessment_create(ideas=[new_idea("Behov")], title="Behov", by=staff)
    strong_politics = services.assessment_create(
        ideas=[new_idea("Politik")], title="Politik", by=staff
    )
    score_all(assigned(strong_need, staff, chief), staff, {"Need": 5, "Political priority": 1})
    score_all(assigned(strong_politics, staff, chief), staff, {"Need": 1, "Political priority": 5})
    assert [c.assessment for c in queries.ranking(chief)][:2] == [strong_need, strong_politics]

    Criterion.objects.filter(name_en="Political priority").update(weight=Decimal("4"))
    ranked = queries.ranking(chief)
    assert [c.assessment for c in ranked][:2] == [strong_politics, strong_need]
    assert [c.number for c in ranked] == list(range(1, len(ranked) + 1))


def test_a_criterion_out_of_use_no_longer_counts(assessment, chief, staff):
    score_all(assigned(assessment, staff, chief), staff, {"Need": 1}, default=5)
    before = queries.assessment_page(assessment, chief).summary.total
    Criterion.objects.filter(name_en="Need").update(active=False)
    after = queries.assessment_page(assessment, chief).summary
    assert after.total > before
    assert "Need" not in [row.criterion.name_en for row in after.rows]


def test_unscored_candidates_come_last_in_the_ranking(new_idea, staff, chief):
    waiting = services.assessment_create(ideas=[new_idea("Venter")], title="Venter", by=staff)
    scored = services.assessment_create(ideas=[new_idea("Scoret")], title="Scoret", by=staff)
    score_all(assigned(scored, staff, chief), staff, default=1)
    ranked = queries.ranking(chief)
    assert [c.assessment for c in ranked] == [scored, waiting]
    assert not ranked[1].scored


# Classifying -------------------------------------------------------------------------


def test_the_chief_or_an_assessor_classifies(assessment, chief, staff, colleague):
    with pytest.raises(PermissionDenied):
        services.assessment_classify(
            assessment=assessment, novelty="radical", category="service", by=staff
        )
    assigned(assessment, staff, chief)
    services.assessment_classify(
        assessment=assessment, novelty="radical", category="process", by=staff
    )
    services.assessment_classify(
        assessment=assessment, novelty="incremental", category="process", by=chief
    )
    assessment.refresh_from_db()
    assert (assessment.novelty, assessment.category) == ("incremental", "process")
    with pytest.raises(PermissionDenied):
        services.assessment_classify(
            assessment=assessment, novelty="radical", category="service", by=colleague
        )


def test_a_classification_needs_both_parts_from_the_lists(assessment, chief):
    with pytest.raises(ValidationError):
        services.assessment_classify(assessment=assessment, novelty="", category="", by=chief)
    with pytest.raises(ValidationError):
        services.assessment_classify(
            assessment=assessment, novelty="disruptive", category="service", by=chief
        )


# Deciding ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [roles.INNOVATIONSENHED, roles.DIREKTION, roles.MEDARBEJDER])
def test_only_the_chief_decides(assessment, personas, role):
    with pytest.raises(PermissionDenied):
        services.assessment_decide(
            assessment=assessment, outcome="declined", reason="Nej", by=personas[role]
        )


def test_a_decision_needs_a_reason_and_an_outcome(assessment, chief):
    with pytest.raises(ValidationError) as error:
        services.assessment_decide(assessment=assessment, outcome="declined", reason=" ", by=chief)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.assessment_decide(assessment=assessment, outcome="maybe", reason="x", by=chief)
    assert "outcome" in error.value.message_dict


@pytest.mark.parametrize(
    "outcome, answer",
    [("declined", Idea.Answer.DECLINED), ("parked", Idea.Answer.PARKED)],
)
def test_declined_and_parked_reach_every_ideas_trail(assessment, chief, outcome, answer):
    result = services.assessment_decide(
        assessment=assessment, outcome=outcome, reason="Ikke nu: budgettet er brugt.", by=chief
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.outcome) == ("closed", outcome)
    assert assessment.outcome_reason == "Ikke nu: budgettet er brugt."
    assert result.assessment == assessment
    for idea in assessment.ideas.all():
        assert (idea.status, idea.answer) == (Idea.Status.ANSWERED, answer)
        last = idea.status_changes.last()
        assert (last.answer, last.message, last.by) == (
            answer,
            "Ikke nu: budgettet er brugt.",
            chief,
        )


def test_a_decided_assessment_is_closed_to_every_change(assessment, chief, staff, criteria):
    assignment = assigned(assessment, staff, chief)
    services.assessment_decide(assessment=assessment, outcome="declined", reason="Nej", by=chief)
    with pytest.raises(ValidationError):
        services.assessment_decide(assessment=assessment, outcome="parked", reason="Nej", by=chief)
    with pytest.raises(ValidationError):
        services.assessment_score(
            assignment=assignment, scores={criteria[0]: (3, "Fordi")}, by=staff
        )
    with pytest.raises(ValidationError):
        assigned(assessment, chief, chief)
    with pytest.raises(ValidationError):
        services.assessment_classify(
            assessment=assessment, novelty="radical", category="service", by=chief
        )


def test_merged_ideas_live_on_in_the_chosen_idea(new_idea, staff, chief):
    first, second, third = new_idea("En"), new_idea("To"), new_idea("Tre")
    assessment = services.assessment_create(ideas=[first, second, third], title="x", by=staff)
    services.assessment_decide(
        assessment=assessment,
        outcome="merged",
        reason="Samme idé; vi fortsætter med “To”.",
        survivor=second,
        by=chief,
    )
    for idea in (first, third):
        idea.refresh_from_db()
        assert (idea.answer, idea.merged_into) == (Idea.Answer.MERGED, second)
        assert idea.status_changes.last().message == "Samme idé; vi fortsætter med “To”."
    second.refresh_from_db()
    assert second.merged_into is None


def test_a_merge_can_go_into_an_idea_outside_the_group(new_idea, staff, chief):
    elsewhere = new_idea("Den oprindelige")
    assessment = services.assessment_create(ideas=[new_idea("Kopi")], title="x", by=staff)
    services.assessment_decide(
        assessment=assessment, outcome="merged", reason="Dublet.", survivor=elsewhere, by=chief
    )
    assert assessment.ideas.get().merged_into == elsewhere


def test_a_merge_needs_a_survivor_and_something_to_merge(new_idea, staff, chief):
    only = new_idea("Alene")
    assessment = services.assessment_create(ideas=[only], title="x", by=staff)
    with pytest.raises(ValidationError):
        services.assessment_decide(assessment=assessment, outcome="merged", reason="x", by=chief)
    with pytest.raises(ValidationError):
        services.assessment_decide(
            assessment=assessment, outcome="merged", reason="x", survivor=only, by=chief
        )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.OPEN


def test_sparring_goes_to_the_end_of_the_queue_with_the_default_time_box(
    new_idea, staff, chief, personas, unit, settings
):
    settings.SAMSKAB_SPARRING_HOURS = 12
    SparringRequest.objects.create(title="Før", description="x", position=1)
    citizen = personas[roles.BORGER]
    first = new_idea("Hjælp til lektier", author=citizen)
    first.areas.set([unit.parent])
    second = new_idea("Lektiecafé")
    assessment = services.assessment_create(ideas=[second, first], title="Lektiehjælp", by=staff)
    result = services.assessment_decide(
        assessment=assessment, outcome="sparring", reason="Vi hjælper jer i gang.", by=chief
    )
    request = result.sparring_request
    assert request.title == "Lektiehjælp"
    assert request.idea == first  # the first idea: the lowest number
    assert request.requested_by == citizen
    assert request.area == unit.parent
    assert request.time_box_hours == Decimal("12")
    assert request.position == 2
    assert request.status == SparringRequest.Status.QUEUED
    assert "Hjælp til lektier" in request.description and "Lektiecafé" in request.description
    for idea in (first, second):
        idea.refresh_from_db()
        assert idea.answer == Idea.Answer.SPARRING
        assert idea.status_changes.last().message == "Vi hjælper jer i gang."


def test_several_ideas_feed_one_task_proposal(assessment, chief, staff, area_owner):
    score_all(assigned(assessment, staff, chief), staff)
    services.assessment_classify(
        assessment=assessment, novelty=Novelty.INCREMENTAL, category=Category.PROCESS, by=chief
    )
    result = services.assessment_decide(
        assessment=assessment,
        outcome="proposal",
        reason="Foreslås som innovationsopgave til direktionen.",
        owning_area=area_owner.org_unit,
        owner=area_owner,
        problem="Cyklerne står i vejen.",
        ambition="Alle elever kan parkere trygt.",
        by=chief,
    )
    proposal = result.proposal
    assert proposal.status == TaskProposal.Status.AWAITING  # on the next meeting's agenda
    assert proposal.title == "Cykler ved skolen"
    assert (proposal.novelty, proposal.category) == (Novelty.INCREMENTAL, Category.PROCESS)
    assert (proposal.owning_area, proposal.owner) == (area_owner.org_unit, area_owner)
    assert proposal.assessment == assessment
    assert proposal.proposed_by == chief
    assert set(proposal.ideas.all()) == set(assessment.ideas.all())
    assert proposal.ideas.count() == 2
    for idea in assessment.ideas.all():
        assert idea.answer == Idea.Answer.PROPOSED_TASK


def test_a_proposal_needs_a_classification_an_owner_and_a_submitted_assessment(
    assessment, chief, staff, area_owner, unit
):
    decide = {
        "assessment": assessment,
        "outcome": "proposal",
        "reason": "Forslag",
        "owning_area": area_owner.org_unit,
        "owner": area_owner,
        "problem": "P",
        "ambition": "A",
        "by": chief,
    }
    with pytest.raises(ValidationError) as error:
        services.assessment_decide(**decide)
    assert {"novelty", "category"} <= set(error.value.message_dict)
    services.assessment_classify(
        assessment=assessment, novelty="radical", category="service", by=chief
    )
    with pytest.raises(ValidationError) as error:
        services.assessment_decide(**{**decide, "owner": None, "problem": " "})
    assert {"owner", "problem"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError, match="indsendt"):
        services.assessment_decide(**decide)
    score_all(assigned(assessment, staff, chief), staff)
    other_area = OrgUnit.objects.create(name="Kultur", kind="omraade", parent=unit.parent.parent)
    with pytest.raises(ValidationError) as error:
        services.assessment_decide(**{**decide, "owning_area": other_area})
    assert "owner" in error.value.message_dict  # rule 4: the owner comes from the area
    assert not TaskProposal.objects.exists()
    for idea in assessment.ideas.all():
        assert idea.status == Idea.Status.UNDER_ASSESSMENT
    services.assessment_decide(**decide)
    assert TaskProposal.objects.count() == 1


# Criteria ----------------------------------------------------------------------------


def test_only_the_chief_edits_criteria(staff, criteria):
    criteria[0].weight = Decimal("3")
    with pytest.raises(PermissionDenied):
        services.criteria_save(criteria=[criteria[0]], by=staff)


def test_the_chief_changes_weights_and_adds_criteria(chief, criteria):
    criteria[0].weight = Decimal("3")
    new = Criterion(name="Borgerinddragelse", weight=Decimal("0.5"), position=9)
    services.criteria_save(criteria=[criteria[0], new], by=chief)
    assert Criterion.objects.get(pk=criteria[0].pk).weight == Decimal("3")
    assert Criterion.objects.filter(name="Borgerinddragelse", active=True).exists()


def test_a_scored_criterion_keeps_its_direction(assessment, chief, staff, criteria):
    score_all(assigned(assessment, staff, chief), staff)
    risk = Criterion.objects.get(name_en="Risk")
    risk.higher_is_better = True
    with pytest.raises(ValidationError):
        services.criteria_save(criteria=[risk], by=chief)
    risk = Criterion.objects.get(name_en="Risk")
    risk.active = False  # out of use is allowed
    services.criteria_save(criteria=[risk], by=chief)


def test_both_axes_keep_a_weighted_criterion(chief):
    effort = list(Criterion.objects.filter(counts_as="effort"))
    for criterion in effort:
        criterion.weight = Decimal("0")
    with pytest.raises(ValidationError):
        services.criteria_save(criteria=effort, by=chief)
    assert Criterion.objects.filter(counts_as="effort", weight__gt=0).count() == 2


# The arithmetic, for any scores ----------------------------------------------------------

weights = st.decimals(min_value=0, max_value=5, places=2, allow_nan=False, allow_infinity=False)
criterion_specs = st.lists(
    st.tuples(weights, st.booleans(), st.sampled_from(["potential", "effort"])),
    min_size=1,
    max_size=6,
)


def make_criteria(specs) -> list[Criterion]:
    return [
        Criterion(pk=i, name=f"K{i}", weight=w, higher_is_better=h, counts_as=c)
        for i, (w, h, c) in enumerate(specs, start=1)
    ]


@st.composite
def scored(draw):
    """Criteria, and every assessor's complete scores of them."""
    criteria = make_criteria(draw(criterion_specs))
    assessors = draw(st.integers(min_value=1, max_value=5))
    scores = [
        (assessor, criterion.pk, draw(st.integers(min_value=1, max_value=5)))
        for assessor in range(1, assessors + 1)
        for criterion in criteria
    ]
    return criteria, scores


@given(scored())
def test_each_criterion_has_its_mean_within_its_spread(data):
    criteria, scores = data
    for row in queries.summarise(criteria, scores).rows:
        assert row.minimum <= row.mean <= row.maximum
        assert 0 <= row.stdev <= (row.maximum - row.minimum) / 2 + 1e-9
        assert (row.stdev == 0) == (row.minimum == row.maximum)
        assert 1 <= row.goodness <= 5


@given(scored())
def test_the_total_is_the_mean_of_the_assessors_totals_and_within_the_scale(data):
    criteria, scores = data
    summary = queries.summarise(criteria, scores)
    if not any(c.weight > 0 for c in criteria):
        assert summary.total is None
        return
    assert 1 - 1e-9 <= summary.total <= 5 + 1e-9
    assert math.isclose(summary.total, sum(summary.assessor_totals.values()) / summary.assessors)
    assert summary.total_minimum - 1e-9 <= summary.total <= summary.total_maximum + 1e-9
    for axis in (summary.potential, summary.effort):
        assert axis is None or 1 - 1e-9 <= axis <= 5 + 1e-9


@given(scored(), st.integers(min_value=1, max_value=20), st.randoms())
def test_scaling_the_weights_or_reordering_the_scores_changes_nothing(data, factor, rnd):
    criteria, scores = data
    summary = queries.summarise(criteria, scores)
    scaled = make_criteria([(c.weight * factor, c.higher_is_better, c.counts_as) for c in criteria])
    shuffled = list(scores)
    rnd.shuffle(shuffled)
    other = queries.summarise(scaled, shuffled)
    for a, b in ((summary.total, other.total), (summary.potential, other.potential)):
        assert (a is None and b is None) or math.isclose(a, b)
    assert [sorted(r.values) for r in summary.rows] == [sorted(r.values) for r in other.rows]


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=8))
def test_a_risk_score_is_effort_and_a_feasibility_score_is_its_opposite(values):
    risk = Criterion(pk=1, name="Risiko", weight=1, higher_is_better=False, counts_as="effort")
    feasible = Criterion(pk=2, name="Mulig", weight=1, higher_is_better=True, counts_as="effort")
    mean = sum(values) / len(values)
    as_risk = queries.summarise([risk], [(i, 1, v) for i, v in enumerate(values)])
    as_feasibility = queries.summarise([feasible], [(i, 2, v) for i, v in enumerate(values)])
    assert math.isclose(as_risk.effort, mean)
    assert math.isclose(as_feasibility.effort, 6 - mean)
    assert math.isclose(as_risk.total, 6 - mean)
    assert as_risk.potential is None
