"""The roadmap: phases as bars from the decisions, gates and meetings as marks, and a table."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.governance.models import Decision, Forum, Meeting
from samskab.governance.services import decision_record
from samskab.portfolio import roadmap as chart
from samskab.portfolio.models import ExitCheck, ExitCriterion, InnovationTask
from samskab.portfolio.queries import roadmap as queries
from samskab.portfolio.queries.roadmap import Mark

TODAY = timezone.localdate()
STARTED = TODAY - timedelta(days=200)
PASSED_GATE = TODAY - timedelta(days=100)
NEXT_GATE = TODAY + timedelta(days=30)


@pytest.fixture(autouse=True)
def _room(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


@pytest.fixture
def executive(db):
    return Forum.objects.get(kind=Forum.Kind.EXECUTIVE)


@pytest.fixture
def decide(personas, executive):
    def decide(kind, **fields) -> Decision:
        return decision_record(
            kind=kind,
            forum=executive,
            by=personas[roles.DIREKTION],
            rationale="Besluttet.",
            **fields,
        )

    return decide


@pytest.fixture
def started_and_past_a_gate(make_proposal, decide, personas):
    """Started 200 days ago, past gate 1 a hundred days ago, next gate in 30 days."""

    def make(title="Træn dig fri", *, next_gate_on=NEXT_GATE) -> InnovationTask:
        task = decide(
            Decision.Kind.START,
            proposal=make_proposal(title=title),
            political_reference="KB 2026, sag 4",
            decided_on=STARTED,
        ).task
        for criterion in ExitCriterion.objects.filter(phase=1, active=True):
            ExitCheck.objects.create(task=task, criterion=criterion)
        decide(Decision.Kind.GATE_GO, task=task, decided_on=PASSED_GATE, next_gate_on=next_gate_on)
        task.refresh_from_db()
        return task

    return make


def only_row(data) -> queries.Row:
    assert len(data.rows) == 1
    return data.rows[0]


def test_a_phase_runs_from_the_decision_that_entered_it_to_the_next_and_on_to_the_next_gate(
    started_and_past_a_gate,
):
    started_and_past_a_gate()
    row = only_row(queries.roadmap(today=TODAY))
    spans = [(s.phase.number, s.start, s.end, s.planned, s.current) for s in row.spans]
    assert spans == [
        (1, STARTED, PASSED_GATE, False, False),
        (2, PASSED_GATE, TODAY, False, True),
        (2, TODAY, NEXT_GATE, True, False),
    ]
    marks = [(m.on, m.kind, m.text) for m in row.marks]
    assert marks == [
        (STARTED, Mark.DECIDED, "Prioritér og igangsæt"),
        (PASSED_GATE, Mark.DECIDED, "Gate: videre, fase 1 → 2"),
        (NEXT_GATE, Mark.PLANNED, "Næste gate, planlagt"),
    ]


def test_an_overdue_gate_is_marked_overdue_and_nothing_is_planned_beyond_today(
    started_and_past_a_gate,
):
    task = started_and_past_a_gate()
    InnovationTask.objects.filter(pk=task.pk).update(next_gate_on=TODAY - timedelta(days=5))
    row = only_row(queries.roadmap(today=TODAY))
    assert not any(span.planned for span in row.spans)
    assert row.next_gate.kind == Mark.OVERDUE
    assert row.next_gate.on == TODAY - timedelta(days=5)


def test_a_closed_tasks_last_phase_ends_with_it_and_shows_when_closed_tasks_are_chosen(
    started_and_past_a_gate, decide
):
    task = started_and_past_a_gate()
    decide(
        Decision.Kind.GATE_STOP,
        task=task,
        decided_on=TODAY - timedelta(days=10),
        worked="Borgerne tog godt imod det.",
        not_worked="For dyrt.",
    )
    assert queries.roadmap(today=TODAY).rows == []
    row = only_row(queries.roadmap(today=TODAY, status=queries.CLOSED))
    assert row.spans[-1].end == TODAY - timedelta(days=10)
    assert not row.spans[-1].current
    assert row.marks[-1].text == "Gate: stop"
    assert row.next_gate is None


def test_a_task_without_a_start_decision_starts_on_its_start_date(make_proposal, start):
    task = start(make_proposal())
    InnovationTask.objects.filter(pk=task.pk).update(started_on=STARTED, phase=3)
    row = only_row(queries.roadmap(today=TODAY))
    assert [(s.phase.number, s.start, s.end) for s in row.spans] == [(3, STARTED, TODAY)]


def test_the_period_runs_from_the_first_start_shown_to_a_year_ahead_with_its_meetings(
    started_and_past_a_gate, executive
):
    started_and_past_a_gate()

    def meeting(day):
        return Meeting.objects.create(
            forum=executive,
            title="Direktion og chefforum",
            starts_at=timezone.make_aware(datetime.combine(day, time(9))),
        )

    inside = meeting(TODAY + timedelta(days=14))
    before = meeting(STARTED - timedelta(days=60))
    data = queries.roadmap(today=TODAY)
    assert data.start == STARTED.replace(day=1)
    assert data.end == TODAY + timedelta(days=365)
    assert data.meetings == [inside]
    chosen = queries.roadmap(
        today=TODAY, start=STARTED - timedelta(days=90), end=TODAY + timedelta(days=60)
    )
    assert chosen.meetings == [before, inside]


def test_the_chart_draws_bars_marks_meetings_and_todays_line(started_and_past_a_gate, executive):
    started_and_past_a_gate()
    Meeting.objects.create(
        forum=executive, starts_at=timezone.make_aware(datetime.combine(TODAY, time(9)))
    )
    drawn = chart.chart(queries.roadmap(today=TODAY))
    (row,) = drawn.rows
    assert [(bar.phase, bar.planned) for bar in row.bars] == [(1, False), (2, False), (2, True)]
    # The bars follow each other on the axis, as the phases do in time.
    first, current, planned = row.bars
    assert first.x + first.width == pytest.approx(current.x, abs=0.2)
    assert planned.x == pytest.approx(drawn.today_x, abs=0.2)
    assert [mark.kind for mark in row.marks] == [Mark.DECIDED, Mark.DECIDED, Mark.PLANNED]
    assert len(drawn.meetings) == 1
    assert drawn.meetings[0].x == pytest.approx(drawn.today_x, abs=0.2)
    assert drawn.ticks and all(
        chart.LABEL_WIDTH <= tick.x <= chart.LABEL_WIDTH + chart.AXIS_WIDTH for tick in drawn.ticks
    )


def test_the_page_has_the_chart_and_the_same_data_as_a_table(
    client, personas, started_and_past_a_gate, executive
):
    started_and_past_a_gate()
    meeting = Meeting.objects.create(
        forum=executive,
        title="Direktionsmøde om gates",
        starts_at=timezone.make_aware(datetime.combine(TODAY + timedelta(days=7), time(9))),
    )
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("portfolio:roadmap"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<svg class="roadmap-chart" role="img"' in body
    assert '<title id="roadmap-title">Tidslinje fra' in body
    assert "I dag" in body
    fmt = "%d.%m.%Y"
    for text in (
        f"1. Behov og idéer: {STARTED:{fmt}}–{PASSED_GATE:{fmt}}",
        f"2. Hold: {PASSED_GATE:{fmt}} til i dag",
        f"2. Hold: planlagt til {NEXT_GATE:{fmt}}",
        f"{PASSED_GATE:{fmt}}: Gate: videre, fase 1 → 2",
        "Direktionsmøde om gates",
    ):
        assert text in body
    # The employee may not open meetings: the meeting is named, not linked; the chief's is.
    meeting_url = reverse("governance:meeting-detail", args=[meeting.pk])
    assert meeting_url not in body
    client.force_login(personas[roles.INNOVATIONSCHEF])
    assert meeting_url in client.get(reverse("portfolio:roadmap")).content.decode()
    client.force_login(personas[roles.MEDARBEJDER])
    # The board links to the roadmap.
    assert reverse("portfolio:roadmap") in client.get(reverse("portfolio:board")).content.decode()


def test_the_roadmap_speaks_english_too(client, personas, started_and_past_a_gate):
    started_and_past_a_gate()
    client.force_login(personas[roles.DIREKTION])
    body = client.get("/en" + reverse("portfolio:roadmap")).content.decode()
    assert "Roadmap" in body
    assert "2. Team: planned to" in body


def test_a_period_that_ends_before_it_starts_is_refused_and_kept_in_the_form(
    client, personas, started_and_past_a_gate
):
    started_and_past_a_gate()
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(reverse("portfolio:roadmap"), {"fra": "2026-06-01", "til": "2026-01-01"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Perioden skal slutte, efter den begynder." in body
    assert 'value="2026-06-01"' in body and 'value="2026-01-01"' in body
    assert response.context["roadmap"].end == TODAY + timedelta(days=365)
    bad = client.get(reverse("portfolio:roadmap"), {"fra": "1. juni", "til": "x"})
    assert bad.status_code == 200
    assert bad.context["form"].errors.keys() == {"fra", "til"}


def test_a_year_far_off_or_a_period_of_centuries_is_refused_with_a_message(
    client, personas, started_and_past_a_gate
):
    started_and_past_a_gate()
    client.force_login(personas[roles.INNOVATIONSCHEF])
    far = client.get(reverse("portfolio:roadmap"), {"fra": "9999-12-31", "til": ""})
    long = client.get(reverse("portfolio:roadmap"), {"fra": "2020-01-01", "til": "2035-06-01"})
    assert far.status_code == long.status_code == 200
    assert "Angiv en dato mellem" in far.content.decode()
    assert "Vælg en periode på højst 10 år." in long.content.decode()
    assert long.context["roadmap"].end == TODAY + timedelta(days=365)


def test_a_chosen_period_leaves_out_tasks_that_ended_before_it(
    client, personas, started_and_past_a_gate, decide
):
    task = started_and_past_a_gate()
    decide(
        Decision.Kind.GATE_STOP,
        task=task,
        decided_on=TODAY - timedelta(days=50),
        worked="Samarbejdet.",
        not_worked="Økonomien.",
    )
    client.force_login(personas[roles.INNOVATIONSCHEF])
    url = reverse("portfolio:roadmap")
    early = client.get(url, {"status": "closed", "fra": f"{STARTED:%Y-%m-%d}"})
    late = client.get(url, {"status": "closed", "fra": f"{TODAY - timedelta(days=20):%Y-%m-%d}"})
    assert [row.task for row in early.context["roadmap"].rows] == [task]
    assert late.context["roadmap"].rows == []


def test_the_roadmap_runs_as_many_queries_for_many_tasks_as_for_few(
    client, personas, started_and_past_a_gate, executive
):
    client.force_login(personas[roles.INNOVATIONSCHEF])

    def add(n, offset):
        for i in range(n):
            started_and_past_a_gate(f"Opgave {offset + i}")
            Meeting.objects.create(
                forum=executive,
                starts_at=timezone.make_aware(datetime.combine(TODAY + timedelta(days=i), time(9))),
            )

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("portfolio:roadmap")).status_code == 200
        return len(captured)

    add(2, 0)
    few = count()
    add(20, 2)
    assert count() == few
