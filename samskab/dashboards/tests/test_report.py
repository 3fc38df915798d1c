"""The council report's figures for a period, on data on both sides of its first and last day."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.benefits.models import BenefitKind, ChainLevel
from samskab.governance.models import Decision, Forum
from samskab.ideas.models import Idea
from samskab.portfolio.models import InnovationTask

from .. import report
from ..report import Change, Period
from .report_data import AFTER, BEFORE, FIRST, LAST, PERIOD, Builder, moment

Status = InnovationTask.Status
Kind = Decision.Kind


@pytest.fixture
def build(personas, unit) -> Builder:
    return Builder(personas, unit)


# The period ------------------------------------------------------------------------


def test_the_default_period_is_the_last_twelve_months_and_the_presets_are_whole():
    today = date(2026, 3, 15)
    assert report.last_twelve_months(today) == Period(date(2025, 3, 16), today)
    assert report.year_so_far(today) == Period(date(2026, 1, 1), today)
    assert report.last_year(today) == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert report.last_quarter(today) == Period(date(2025, 10, 1), date(2025, 12, 31))
    assert report.last_quarter(date(2026, 7, 1)) == Period(date(2026, 4, 1), date(2026, 6, 30))
    assert report.last_twelve_months(date(2028, 2, 29)).start == date(2027, 3, 1)


def test_the_file_name_carries_the_period():
    assert PERIOD.file_name("pdf") == "samskab-rapport-2025-01-01-2025-06-30.pdf"


# The portfolio ----------------------------------------------------------------------


def test_the_portfolio_holds_the_tasks_open_in_the_period_with_their_phase_at_each_end(build):
    gated = build.task("Før og efter", started_on=BEFORE, phase=3)
    build.gate(gated, on=FIRST, to_phase=2)
    build.gate(gated, on=AFTER, to_phase=3)
    new = build.task("Startet første dag", started_on=FIRST)
    build.task("Startet dagen efter", started_on=AFTER)
    build.task(
        "Stoppet dagen før", started_on=date(2024, 1, 1), status=Status.STOPPED, ended_on=BEFORE
    )
    stopped = build.task(
        "Stoppet sidste dag",
        started_on=date(2024, 1, 1),
        phase=3,
        status=Status.STOPPED,
        ended_on=LAST,
    )
    later = build.task(
        "Afsluttet dagen efter",
        started_on=date(2024, 1, 1),
        phase=7,
        status=Status.COMPLETED,
        ended_on=AFTER,
    )

    section = report.portfolio_section(PERIOD)

    rows = {item.task.title: item for item in section.tasks}
    assert set(rows) == {gated.title, new.title, stopped.title, later.title}
    assert (rows[gated.title].phase_at_start, rows[gated.title].phase_at_end) == (1, 2)
    assert rows[new.title].phase_at_start is None  # started within the period
    assert rows[stopped.title].status_at_end == Status.STOPPED
    assert rows[later.title].status_at_end == Status.ACTIVE  # completed only after the period
    assert [(c.on, c.kind, c.task.title) for c in section.changes] == [
        (FIRST, Change.STARTED, new.title),
        (FIRST, Change.PHASE, gated.title),
        (LAST, Change.STOPPED, stopped.title),
    ]
    assert section.count(Change.PHASE) == 1


def test_pauses_and_resumes_give_the_status_at_the_end_of_the_period(build):
    paused_last_day = build.task("Sat på pause sidste dag", started_on=BEFORE)
    build.decision(Kind.PAUSE, on=LAST, task=paused_last_day)
    build.decision(Kind.RESUME, on=AFTER, task=paused_last_day)
    paused_after = build.task("Sat på pause bagefter", started_on=BEFORE, status=Status.PAUSED)
    build.decision(Kind.PAUSE, on=AFTER, task=paused_after)
    paused_without_decision = build.task(
        "På pause uden beslutning", started_on=BEFORE, status=Status.PAUSED
    )

    section = report.portfolio_section(PERIOD)

    status = {item.task.title: item.status_at_end for item in section.tasks}
    assert status == {
        paused_last_day.title: Status.PAUSED,
        paused_after.title: Status.ACTIVE,
        paused_without_decision.title: Status.PAUSED,
    }
    assert [(c.kind, c.task.title) for c in section.changes] == [
        (Change.PAUSED, paused_last_day.title)
    ]
    assert (section.active_at_end, section.paused_at_end) == (1, 2)


def test_spread_is_the_tasks_completed_in_the_period_and_those_in_phase_7_at_its_end(build):
    completed = build.task(
        "Afsluttet sidste dag", started_on=BEFORE, phase=7, status=Status.COMPLETED, ended_on=LAST
    )
    spreading = build.task(
        "Afsluttet dagen efter", started_on=BEFORE, phase=7, status=Status.COMPLETED, ended_on=AFTER
    )
    reached_7_after = build.task("Fase 7 dagen efter", started_on=BEFORE, phase=7)
    build.gate(reached_7_after, on=AFTER, to_phase=7)

    spread = report.council_report(PERIOD).spread

    assert [c.task for c in spread.completed] == [completed]
    assert [item.task for item in spread.spreading] == [spreading]


# Decisions --------------------------------------------------------------------------


def test_decisions_are_those_dated_in_the_period_by_forum_and_kind(build):
    task = build.task("Opgave", started_on=date(2024, 1, 1))
    build.decision(Kind.RECALIBRATE, on=BEFORE, task=task)
    first = build.gate(task, on=FIRST, to_phase=2)
    last = build.decision(Kind.RECOMMENDATION, on=LAST, task=task, forum=Forum.Kind.COMMITTEE)
    build.decision(Kind.RECOMMENDATION, on=LAST, task=task, forum=Forum.Kind.COUNCIL)
    build.decision(Kind.PAUSE, on=AFTER, task=task)

    section = report.decisions_section(PERIOD)

    assert section.decisions[:2] == [first, last]
    names = [forum.kind for forum in section.forums]
    rows = {row.kind: dict(zip(names, row.by_forum, strict=True)) for row in section.by_kind}
    assert rows == {
        Kind.GATE_GO: {"council": 0, "executive": 1, "committee": 0, "chief": 0},
        Kind.RECOMMENDATION: {"council": 1, "executive": 0, "committee": 1, "chief": 0},
    }
    assert sum(section.by_forum) == 3


# Trials -----------------------------------------------------------------------------


def test_trials_that_ran_in_the_period_with_their_effect_and_evidence_level(build):
    task = build.task("Træn dig fri", started_on=date(2024, 1, 1))
    build.trial(task, "Sluttede dagen før", starts_on=date(2024, 11, 1), ends_on=BEFORE)
    ended_first_day = build.trial(
        task, "Sluttede første dag", starts_on=date(2024, 12, 1), ends_on=FIRST, concluded_level=4
    )
    started_last_day = build.trial(
        task, "Begyndte sidste dag", starts_on=LAST, ends_on=date(2025, 8, 1), values=("9", "11")
    )
    build.trial(task, "Begyndte dagen efter", starts_on=AFTER, ends_on=date(2025, 8, 1))

    section = report.trials_section(PERIOD, today=date(2025, 7, 15))

    rows = {row.experiment: row for row in section.trials}
    assert set(rows) == {ended_first_day, started_last_day}
    concluded = rows[ended_first_day]
    assert concluded.estimate == pytest.approx(5.0)  # mean 15 against the baseline 10
    assert (concluded.interval.low, concluded.interval.high) == pytest.approx(
        (-7.706, 17.706), abs=1e-3
    )
    assert (concluded.level, concluded.is_concluded, concluded.criterion_met) == (4, True, True)
    running = rows[started_last_day]
    assert (running.estimate, running.level, running.is_concluded) == (0.0, 1, False)
    assert str(running.state) == "I gang"
    assert section.by_level == [(1, 1), (2, 0), (3, 0), (4, 1), (5, 0)]
    assert (section.concluded, section.met) == (1, 1)


# Benefits ---------------------------------------------------------------------------


def test_benefits_expected_pro_rata_against_realised_in_the_period(build):
    task = build.task("Træn dig fri", started_on=date(2024, 1, 1), phase=5)
    build.benefit_line(task, targets={2025: "5000"}, level=ChainLevel.OUTPUT, sign=False)
    line = build.benefit_line(task, targets={2024: "100000", 2025: "365000", 2026: "100000"})
    build.realise(line, "1000", start=date(2024, 10, 1), end=BEFORE)
    build.realise(line, "20000", start=FIRST, end=FIRST, taken_home=True)
    build.realise(line, "30000", start=date(2025, 4, 1), end=LAST)
    build.realise(line, "4000", start=AFTER, end=AFTER)
    draft = build.task("Kun et udkast", started_on=date(2024, 1, 1))
    build.benefit_line(draft, targets={2025: "999999"}, sign=False)

    section = report.benefits_section(PERIOD)

    economic = section.total(BenefitKind.ECONOMIC)
    assert economic.expected == Decimal("181000.00")  # 181 of 2025's 365 days
    assert economic.realised == Decimal("50000")
    assert economic.taken_home == Decimal("20000")
    # The draft's targets do not count: only signed agreements set what is expected.
    assert [(item.title, item.expected) for item in section.by_task] == [
        ("Træn dig fri", Decimal("181000.00"))
    ]


def test_a_period_over_new_year_takes_each_years_share(build):
    task = build.task("Træn dig fri", started_on=date(2023, 1, 1), phase=5)
    build.benefit_line(task, targets={2024: "366000", 2025: "365000"})

    section = report.benefits_section(Period(date(2024, 12, 1), date(2025, 1, 31)))

    assert section.total().expected == Decimal("62000.00")  # 31 days of each year


# Ideas ------------------------------------------------------------------------------


def test_ideas_received_in_the_period_by_kind_and_where_they_are_now(build):
    build.idea(confirmed_at=moment(BEFORE, time(23, 59)), title="Dagen før")
    build.idea(confirmed_at=moment(FIRST, time(0, 0)), title="Første øjeblik")
    build.idea(
        confirmed_at=moment(LAST, time(23, 59)),
        kind=Idea.Kind.NEED,
        status=Idea.Status.UNDER_ASSESSMENT,
        title="Sidste minut",
    )
    build.idea(confirmed_at=moment(AFTER, time(0, 0)), title="Dagen efter")
    build.idea(confirmed_at=None, title="Aldrig bekræftet")
    build.idea(confirmed_at=moment(FIRST), moderation=Idea.Moderation.HIDDEN, title="Spam")
    build.idea(
        confirmed_at=moment(FIRST),
        kind=Idea.Kind.CHALLENGE,
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.DECLINED,
    )

    section = report.ideas_section(PERIOD)

    rows = {
        row.kind: (row.received, row.waiting, row.assessing, row.answered) for row in section.kinds
    }
    assert rows == {
        Idea.Kind.IDEA: (1, 1, 0, 0),
        Idea.Kind.NEED: (1, 0, 1, 0),
        Idea.Kind.CHALLENGE: (1, 0, 0, 1),
    }
    assert section.received == 3


def test_answers_given_in_the_period_by_answer_and_kind(build):
    old = build.idea(
        confirmed_at=moment(date(2024, 6, 1)), status=Idea.Status.ANSWERED, answer="task"
    )
    need = build.idea(
        confirmed_at=moment(FIRST),
        kind=Idea.Kind.NEED,
        status=Idea.Status.ANSWERED,
        answer="parked",
    )
    build.answered(old, at=moment(BEFORE, time(23, 59)), answer=Idea.Answer.PARKED)
    build.answered(old, at=moment(FIRST, time(0, 0)), answer=Idea.Answer.PART_OF_TASK)
    build.answered(need, at=moment(LAST, time(23, 59)), answer=Idea.Answer.PARKED)
    build.answered(need, at=moment(AFTER, time(0, 0)), answer=Idea.Answer.DECLINED)

    section = report.ideas_section(PERIOD)

    given = {row.answer: row.by_kind for row in section.answers if row.total}
    assert given == {Idea.Answer.PARKED: [0, 1, 0], Idea.Answer.PART_OF_TASK: [1, 0, 0]}
    assert section.answers_given == 2


# The page ---------------------------------------------------------------------------


def test_the_page_shows_each_section_for_the_chosen_period(build, client, personas):
    task = build.task("Træn dig fri", started_on=FIRST)
    build.gate(task, on=LAST, to_phase=2)
    client.force_login(personas[roles.KOMMUNALBESTYRELSE])

    response = client.get(reverse("dashboards:report"), {"fra": "2025-01-01", "til": "2025-06-30"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "1. januar 2025 – 30. juni 2025" in body
    for heading in (
        "Porteføljen og dens ændringer",
        "Trufne beslutninger",
        "Prøvehandlinger og deres effekt",
        "Realiserede gevinster over for aftalerne",
        "Idéer modtaget og besvaret",
        "Hvad blev udbredt",
    ):
        assert heading in body
    assert "Træn dig fri" in body
    assert "samskab-rapport" not in body  # the file name is the download's, not the page's
    assert f"{reverse('dashboards:report-pdf')}?fra=2025-01-01&amp;til=2025-06-30" in body


def test_without_dates_the_page_reports_the_last_twelve_months(client, personas):
    client.force_login(personas[roles.DIREKTION])

    response = client.get(reverse("dashboards:report"))

    period = response.context["period"]
    assert response.status_code == 200
    assert (period.end - period.start).days in (364, 365)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"fra": "2025-07-01", "til": "2025-06-30"}, "Periodens slutdato ligger før startdatoen."),
        ({"fra": "1999-12-31", "til": "2025-06-30"}, "Angiv en dato mellem"),
        ({"fra": "9999-12-31", "til": ""}, "Angiv en dato mellem"),
        ({"fra": "31.02.2025", "til": "2025-06-30"}, "Indtast en gyldig dato."),
    ],
)
def test_a_period_out_of_bounds_gets_a_danish_message_and_keeps_what_was_typed(
    client, personas, query, message
):
    client.force_login(personas[roles.DIREKTION])

    response = client.get(reverse("dashboards:report"), query)

    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert response.context["report"] is None
    assert f'value="{query["fra"]}"' in body


def test_the_overview_links_to_the_report_for_those_who_may_read_it(client, personas):
    client.force_login(personas[roles.KOMMUNALBESTYRELSE])
    assert reverse("dashboards:report") in client.get(reverse("benefits:rollup")).content.decode()
    client.force_login(personas[roles.MEDARBEJDER])
    assert (
        reverse("dashboards:report") not in client.get(reverse("benefits:rollup")).content.decode()
    )


# Bounded queries -------------------------------------------------------------------


def _fill(build: Builder, n: int, offset: int) -> None:
    """``n`` tasks with a gate, a pause, a trial with a card, benefits and ideas each."""
    for i in range(offset, offset + n):
        task = build.task(f"Opgave {i}", started_on=BEFORE, phase=3)
        build.gate(task, on=FIRST, to_phase=2)
        build.gate(task, on=date(2025, 3, 1), to_phase=3)
        build.decision(Kind.PAUSE, on=date(2025, 4, 1), task=task)
        build.trial(task, f"Forsøg {i}", starts_on=FIRST, ends_on=LAST, concluded_level=2)
        line = build.benefit_line(task, targets={2025: "100000"})
        build.realise(line, "1000", start=FIRST, end=LAST)
        idea = build.idea(confirmed_at=moment(FIRST), status=Idea.Status.ANSWERED, answer="task")
        build.answered(idea, at=moment(FIRST), answer=Idea.Answer.PART_OF_TASK)


@pytest.mark.parametrize("url", ["dashboards:report", "dashboards:report-xlsx"])
def test_the_report_costs_the_same_with_2_and_12_tasks(
    build, client, personas, url, django_assert_max_num_queries, settings
):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100
    client.force_login(personas[roles.DIREKTION])
    period = {"fra": "2025-01-01", "til": "2025-06-30"}
    _fill(build, 2, 0)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse(url), period).status_code == 200
    _fill(build, 10, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url), period)
        assert response.status_code == 200
    if url == "dashboards:report":
        assert response.context["report"].portfolio.count(Change.PHASE) == 24
