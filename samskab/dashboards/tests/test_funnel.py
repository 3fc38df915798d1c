"""The funnel counts each idea received in a period at every step it reached by the period's end."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards import funnel, funnel_tables
from samskab.dashboards.funnel import STEPS, Period
from samskab.ideas.models import Audience, Idea
from samskab.organisation.models import Person
from samskab.portfolio.models import Category, InnovationTask, Novelty

from .conftest import YEAR, at


def steps(figures) -> dict[str, int]:
    return dict(zip(STEPS, figures.steps, strict=True))


def figures_of(period, **options):
    return funnel.funnel(period, **options).current


def test_only_ideas_received_within_the_period_count_both_ends_included(received, period):
    received(period.start_at)  # the first moment of the period
    received(period.end_at - timedelta(microseconds=1))  # the last
    received(period.start_at - timedelta(microseconds=1))  # just before
    received(period.end_at)  # just after
    # Sent without an account and never confirmed: not received.
    Idea.objects.create(title="Ubekræftet", description="x", author_email="a@example.dk")

    assert steps(figures_of(period))["received"] == 2


def test_an_idea_is_answered_when_responded_to_by_the_end_of_the_period(received, period):
    received(at(3, 1), responded=at(3, 5))
    received(at(3, 1), responded=period.end_at - timedelta(seconds=1))
    received(at(3, 1), responded=period.end_at)  # the first moment after the period
    received(at(3, 1))

    counted = steps(figures_of(period))
    assert (counted["received"], counted["answered"]) == (4, 2)


def test_assessed_and_proposed_count_what_began_by_the_end_of_the_period(
    received, assess, propose, period
):
    in_time = received(at(2, 1), responded=at(2, 2))
    too_late = received(at(2, 1), responded=at(2, 2))
    proposed = received(at(2, 1), responded=at(2, 2))
    proposed_late = received(at(2, 1), responded=at(2, 2))
    assess([in_time, proposed], at(12, 31, 23))
    assess([too_late, proposed_late], period.end_at)
    propose([proposed], at(4, 1))
    propose([proposed_late], period.end_at + timedelta(days=3))

    counted = steps(figures_of(period))
    assert (counted["answered"], counted["assessed"], counted["proposed"]) == (4, 2, 1)


def test_tasks_count_the_phases_their_gates_reached_by_the_end_of_the_period(
    received, task_with_gates, period
):
    ideas = [received(at(1, 10), responded=at(1, 11)) for _ in range(5)]
    # Started in the period, still in phase 1.
    task_with_gates([ideas[0]], started=date(YEAR, 2, 1))
    # Scaled in the period; into phase 6 only after it.
    task_with_gates(
        [ideas[1], ideas[2]],
        started=date(YEAR, 2, 1),
        gates=[
            date(YEAR, 3, 1),
            date(YEAR, 4, 1),
            date(YEAR, 5, 1),
            date(YEAR, 12, 31),
            date(YEAR + 1, 1, 1),
        ],
    )
    # Spread: into phase 7 in the period, and completed.
    task_with_gates(
        [ideas[3]],
        started=date(YEAR, 2, 1),
        gates=[date(YEAR, 3, d) for d in range(1, 7)],
        status=InnovationTask.Status.COMPLETED,
        ended=date(YEAR, 6, 1),
    )
    # Started after the period: not a task by its end.
    task_with_gates([ideas[4]], started=date(YEAR + 1, 1, 1))

    figures = figures_of(period)
    counted = steps(figures)
    assert [counted[key] for key in STEPS] == [5, 5, 4, 4, 4, 3, 3, 3, 3, 1, 1]
    tasks = dict(zip(STEPS, figures.tasks, strict=True))
    assert (tasks["task"], tasks["phase2"], tasks["scaled"], tasks["phase6"], tasks["spread"]) == (
        3,
        2,
        2,
        1,
        1,
    )


def test_a_task_recorded_without_its_gates_counts_its_phase_once_it_has_ended(
    received, task_with_gates, period
):
    idea = received(at(1, 10), responded=at(1, 11))
    task_with_gates(
        [idea],
        started=date(YEAR, 2, 1),
        phase=7,
        status=InnovationTask.Status.COMPLETED,
        ended=date(YEAR, 11, 1),
    )
    assert steps(figures_of(period))["spread"] == 1
    before_it_ended = Period(period.start, date(YEAR, 10, 31))
    assert steps(figures_of(before_it_ended))["spread"] == 0


def test_an_idea_that_came_further_without_a_recorded_response_counts_as_answered(
    received, assess, period
):
    idea = received(at(5, 1))
    assess([idea], at(5, 2))
    counted = steps(figures_of(period))
    assert (counted["received"], counted["answered"], counted["assessed"]) == (1, 1, 1)


def test_conversion_is_the_share_of_the_step_before(received, assess, period):
    ideas = [received(at(1, 5), responded=at(1, 6)) for _ in range(3)] + [received(at(1, 5))]
    assess(ideas[:1], at(2, 1))

    rows = {row.key: row for row in funnel_tables.step_rows(funnel.funnel(period))}
    assert rows["received"].conversion is None
    assert rows["answered"].conversion == 75
    assert round(rows["assessed"].conversion, 1) == Decimal("33.3")
    assert rows["proposed"].conversion == 0
    assert rows["task"].conversion is None  # nothing to convert from
    assert rows["assessed"].of_received == 25


def test_the_period_before_is_as_long_and_counted_by_its_own_end(received, assess, period):
    previous = period.previous()
    assert previous.end == date(YEAR - 1, 12, 31)
    assert previous.days == period.days
    late = received(at(12, 1, year=YEAR - 1), responded=at(1, 10))  # answered in the period
    received(at(12, 1, year=YEAR - 1), responded=at(12, 2, year=YEAR - 1))
    assess([late], at(1, 11))
    received(at(3, 1), responded=at(3, 2))

    result = funnel.funnel(period)
    assert steps(result.previous)["received"] == 2
    assert steps(result.previous)["answered"] == 1
    assert steps(result.previous)["assessed"] == 0
    assert steps(result.current)["received"] == 1
    rows = {row.key: row for row in funnel_tables.step_rows(result)}
    assert (rows["received"].count, rows["received"].previous, rows["received"].change) == (
        1,
        2,
        -1,
    )


def test_the_default_period_is_the_last_twelve_months():
    assert Period.last_year(date(2026, 3, 15)) == Period(date(2025, 3, 16), date(2026, 3, 15))
    assert Period.last_year(date(2028, 2, 29)) == Period(date(2027, 3, 1), date(2028, 2, 29))
    assert Period(date(2026, 1, 1), date(2026, 1, 31)).previous() == Period(
        date(2025, 12, 1), date(2025, 12, 31)
    )


def test_the_public_funnel_counts_only_published_public_ideas(received, period):
    received(at(3, 1), responded=at(3, 2))
    received(at(3, 1), audience=Audience.INTERNAL)
    received(at(3, 1), moderation=Idea.Moderation.PENDING)
    received(at(3, 1), moderation=Idea.Moderation.HIDDEN)
    received(at(3, 1), consent_to_publish=False)

    assert steps(figures_of(period, public=True, breakdowns=False))["received"] == 1
    assert steps(figures_of(period))["received"] == 5


# Waits -------------------------------------------------------------------------------


def test_medians_and_90th_percentiles_of_the_waits_on_known_data(received, period, settings):
    settings.SAMSKAB_IDEA_ANSWER_DAYS = 7
    start = at(3, 1)
    for days in range(1, 11):  # responses after 1 … 10 days
        received(start, responded=start + timedelta(days=days))
    # Responded after two days, answered 4, 6 and 20 days later.
    for days in (4, 6, 20):
        received(
            start,
            responded=start + timedelta(days=2),
            answered=start + timedelta(days=2 + days),
        )
    # Answered at once: responded to and answered at the same moment, no wait in between.
    received(start, responded=start + timedelta(days=1), answered=start + timedelta(days=1))
    # Still waiting at the end: for long, and for a day.
    received(period.end_at - timedelta(days=40))
    received(period.end_at - timedelta(days=1))
    # Under assessment at the end, for long.
    received(at(1, 1), responded=period.end_at - timedelta(days=30))

    figures = figures_of(period)
    response = figures.response
    # 1, 1, 2, 2, 2, 2, 3 … 10 and 335 days (the idea received on 1 January): 15 waits.
    assert response.done.count == 15
    assert response.done.median == timedelta(days=4)
    assert response.done.p90 == timedelta(days=10)
    assert response.in_time == 11  # 1…7 days and the four of 1-2 days
    assert (response.waiting, response.waiting_late) == (2, 1)
    assessment = figures.assessment
    assert assessment.done.count == 3
    assert (assessment.done.median, assessment.done.p90) == (timedelta(days=6), timedelta(days=20))
    assert assessment.in_time == 2
    # Waiting for the answer: the ten responded to only, and the one from 1 January.
    assert (assessment.waiting, assessment.waiting_late) == (11, 11)
    answer = figures.answer
    assert answer.done.count == 4
    assert answer.done.median == timedelta(days=6)

    rows = {row.key: row for row in funnel_tables.wait_rows(funnel.funnel(period))}
    assert rows["response"].median == 4
    assert round(rows["response"].in_time, 1) == Decimal("73.3")  # 11 of 15


def test_nearest_rank_percentiles():
    from samskab.dashboards import flow

    assert flow.percentile([], 50) is None
    assert flow.percentile([7], 50) == flow.percentile([7], 90) == 7
    assert flow.percentile([10, 1, 3, 2], 50) == 2
    assert flow.percentile(list(range(1, 11)), 90) == 9
    assert flow.percentile(list(range(1, 12)), 90) == 10
    assert [flow.rank(50, n) for n in (1, 2, 3, 4)] == [1, 1, 2, 2]


def test_time_in_each_phase_comes_from_the_gate_decisions(task_with_gates, period):
    start = date(YEAR, 1, 1)
    task_with_gates(started=start, gates=[start + timedelta(days=30), start + timedelta(days=60)])
    task_with_gates(
        started=start,
        gates=[start + timedelta(days=10)],
        status=InnovationTask.Status.STOPPED,
        ended=start + timedelta(days=110),
        novelty=Novelty.INCREMENTAL,
    )
    task_with_gates(started=start, gates=[start + timedelta(days=20)])
    # Recorded without its gates: in phase 4 with no decision that took it there.
    task_with_gates(started=start, phase=4)
    # Its stay in phase 1 ended before the period.
    task_with_gates(started=date(YEAR - 1, 6, 1), gates=[date(YEAR - 1, 12, 1)])

    figures = figures_of(period)
    phase1, phase2, phase3 = (figures.phases[n] for n in (1, 2, 3))
    assert (phase1.done.count, phase1.done.median, phase1.done.p90) == (3, 20, 30)
    assert phase1.running == 0
    assert (phase2.done.count, phase2.done.median) == (2, 30)  # 30 and the stopped one's 100
    assert phase2.done.p90 == 100
    assert phase2.running == 2
    assert (phase3.done.count, phase3.running) == (0, 1)
    radical, incremental = (
        figures.phases_by_novelty["radical"],
        figures.phases_by_novelty["incremental"],
    )
    assert (radical[2].done.count, incremental[2].done.count) == (1, 1)
    assert incremental[2].done.median == 100


# Breakdowns ----------------------------------------------------------------------------


def test_the_funnel_by_kind_of_submitter(received, personas, assess, period):
    company = personas[roles.BORGER]
    Person.objects.filter(user=company).update(kind=Person.Kind.ASSOCIATION)
    employee = received(at(2, 1), responded=at(2, 2), author=personas[roles.MEDARBEJDER])
    received(at(2, 1), author=company)
    received(at(2, 1), on_behalf_of="Grundejerforeningen")
    received(at(2, 1), responded=at(2, 5))
    received(at(2, 1), author=personas[roles.KOMMUNALBESTYRELSE])
    assess([employee], at(3, 1))

    figures = figures_of(period)
    by = {
        key: dict(zip(STEPS, counts, strict=True)) for key, counts in figures.by_submitter.items()
    }
    assert {key: counts["received"] for key, counts in by.items()} == {
        "employee": 1,
        "association": 1,
        "organisation": 1,
        "citizen": 1,
        "elected": 1,
    }
    assert (by["employee"]["answered"], by["employee"]["assessed"]) == (1, 1)
    assert by["citizen"]["answered"] == 1
    assert by["association"]["answered"] == 0
    assert figures.response_by_submitter["citizen"].median == timedelta(days=4)


def test_the_funnel_by_area_counts_an_idea_in_each_of_its_areas(received, areas, assess, period):
    both = received(at(2, 1), responded=at(2, 3), areas=[areas["skole"], areas["social"]])
    received(at(2, 1), areas=[areas["social"]])
    received(at(2, 1))
    assess([both], at(3, 1))

    figures = figures_of(period)
    by = {name: dict(zip(STEPS, counts, strict=True)) for name, counts in figures.by_area.items()}
    assert {name: counts["received"] for name, counts in by.items()} == {
        "Børn og Skole": 1,
        "Social og Sundhed": 2,
    }
    assert by["Social og Sundhed"]["assessed"] == 1
    assert by["Børn og Skole"]["answered"] == 1
    assert figures.response_by_area[areas["skole"].name].median == timedelta(days=2)


def test_type_and_novelty_come_from_the_furthest_step(
    received, assess, propose, task_with_gates, period
):
    only_assessed = received(at(2, 1), responded=at(2, 2))
    proposed = received(at(2, 1), responded=at(2, 2))
    in_task = received(at(2, 1), responded=at(2, 2))
    unclassified = received(at(2, 1), responded=at(2, 2))
    assess([only_assessed, proposed, in_task], at(3, 1), category=Category.PROCESS, novelty="")
    assess([unclassified], at(3, 1))
    propose([proposed], at(4, 1), category=Category.ORGANISATION, novelty=Novelty.INCREMENTAL)
    task_with_gates(
        [in_task], started=date(YEAR, 5, 1), category=Category.SERVICE, novelty=Novelty.RADICAL
    )

    figures = figures_of(period)
    assessed = {key: counts[funnel.ASSESSED] for key, counts in figures.by_category.items()}
    assert assessed == {"process": 1, "organisation": 1, "service": 1, "": 1}
    novelty = {key: counts[funnel.TASK] for key, counts in figures.by_novelty.items()}
    assert novelty == {"": 0, "incremental": 0, "radical": 1}


# Caching --------------------------------------------------------------------------------


def test_the_figures_are_kept_in_the_cache_for_a_while(received, period, django_assert_num_queries):
    received(at(3, 1))
    now = timezone.now()
    first = funnel.funnel(period, now=now)
    received(at(3, 2))
    with django_assert_num_queries(0):
        again = funnel.funnel(period, now=now)
    assert steps(again.current)["received"] == steps(first.current)["received"] == 1


@pytest.mark.parametrize("deadline", [7, 30])
def test_the_cache_follows_the_deadline(received, period, settings, deadline):
    settings.SAMSKAB_IDEA_ANSWER_DAYS = deadline
    received(at(3, 1), responded=at(3, 20))
    assert funnel.funnel(period).current.response.in_time == (0 if deadline == 7 else 1)
