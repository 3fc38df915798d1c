"""The innovation barometer of a period: the counts add up to the tasks' answers, on the page
and in the workbook; which tasks a period counts; who may export; odd periods."""

import io
from datetime import date

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.accounts import roles
from samskab.barometer import queries, services, survey
from samskab.barometer.models import SurveyAnswers
from samskab.portfolio.models import Category, InnovationTask

PERIOD = queries.Period(date(2025, 1, 1), date(2025, 12, 31))
CATEGORIES = [option.key for option in survey.CATEGORIES]


def answer_strategy():
    """Random answers to every question, "not answered" included (None: no row at all)."""
    parts = {}
    for question in survey.QUESTIONS:
        keys = [option.key for option in question.options]
        if question.multiple:
            if question.key == "partners":
                real = [key for key in keys if key != "partner_none"]
                parts[question.key] = st.one_of(
                    st.lists(st.sampled_from(real), unique=True), st.just(["partner_none"])
                )
            else:
                parts[question.key] = st.lists(st.sampled_from(keys), unique=True)
        else:
            parts[question.key] = st.sampled_from(["", *keys])
    return st.one_of(st.none(), st.fixed_dictionaries(parts))


def recount(tasks: list[tuple[str, dict | None]]) -> dict:
    """The counts as one would make them by hand: {(question, option or None): per category}."""
    counts: dict = {}
    for question in survey.QUESTIONS:
        for option in [*question.options, None]:
            counts[question.key, option and option.key] = [0] * len(CATEGORIES)
    for category, data in tasks:
        column = CATEGORIES.index(category)
        for question in survey.QUESTIONS:
            given_answer = (data or {}).get(question.key)
            chosen = given_answer if question.multiple else [given_answer] if given_answer else []
            for key in chosen or [None]:
                counts[question.key, key][column] += 1
    return counts


def tally_counts(tally: queries.Tally) -> dict:
    counts = {}
    for section in tally.sections[1:]:
        question = section.question
        for option, row in zip([*question.options, None], section.rows, strict=True):
            assert row.unanswered == (option is None)
            counts[question.key, option and option.key] = row.counts
    return counts


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    tasks=st.lists(
        st.tuples(st.sampled_from(CATEGORIES), answer_strategy()), min_size=0, max_size=8
    )
)
def test_the_counts_add_up_to_the_answers_of_the_tasks(make_task, staff, tasks):
    SurveyAnswers.objects.all().delete()
    InnovationTask.objects.all().delete()
    for n, (category, data) in enumerate(tasks):
        task = make_task(f"Opgave {n}", category=category)
        if data is not None:
            services.answers_save(task=task, values=survey.field_values(data), by=staff)

    tally = queries.tally(PERIOD)

    expected_tasks = [sum(1 for c, _ in tasks if c == category) for category in CATEGORIES]
    assert tally.tasks.counts == expected_tasks
    assert [row.counts for row in tally.sections[0].rows] == [
        [n if i == j else 0 for j, n in enumerate(expected_tasks)] for i in range(len(CATEGORIES))
    ]
    assert tally_counts(tally) == recount(tasks)
    # The workbook read back holds the same numbers.
    sheet = workbook(PERIOD)["Optælling"]
    rows = list(sheet.iter_rows(values_only=True))
    by_label = {(row[0], row[1]): list(row[2:]) for row in rows[2:]}
    assert rows[2][2:] == (*expected_tasks, len(tasks))
    for section in tally.sections:
        for row in section.rows:
            assert by_label[str(section.label), str(row.label)] == [*row.counts, row.total]


def workbook(period: queries.Period):
    from samskab.barometer.export import survey_workbook

    return openpyxl.load_workbook(io.BytesIO(survey_workbook(period)))


@pytest.mark.parametrize(
    ("started_on", "ended_on", "counted"),
    [
        (date(2024, 1, 1), None, True),  # active since before the period
        (date(2025, 12, 31), None, True),  # started on its last day
        (date(2026, 1, 1), None, False),  # started after it
        (date(2023, 1, 1), date(2025, 1, 1), True),  # closed on its first day
        (date(2023, 1, 1), date(2024, 12, 31), False),  # closed the day before it
        (date(2025, 3, 1), date(2025, 6, 1), True),  # within it
    ],
)
def test_a_task_counts_when_it_was_under_way_in_the_period(
    make_task, started_on, ended_on, counted
):
    make_task(started_on=started_on, ended_on=ended_on)
    assert queries.tally(PERIOD).tasks.total == (1 if counted else 0)
    assert queries.incomplete_in(PERIOD).exists() == counted


def test_the_workbook_lists_each_task_with_its_answers(make_task, staff):
    task = make_task('=HYPERLINK("http://x")', category=Category.PROCESS)
    make_task("Ubesvaret", category=Category.SERVICE)
    make_task("Før perioden", started_on=date(2020, 1, 1), ended_on=date(2021, 1, 1))
    services.answers_save(
        task=task,
        values=survey.field_values(
            {"value": ["value_quality", "value_political"], "spread": "yes"}
        ),
        by=staff,
    )

    rows = list(workbook(PERIOD)["Opgaver"].iter_rows(values_only=True))

    assert len(rows) == 3
    header = rows[0]
    answered = dict(zip(header, rows[1], strict=True))
    assert answered["Titel"] == '=HYPERLINK("http://x")'  # text, never a formula
    assert answered["Innovationstype"] == "Proces"
    assert (
        answered["Hvilken værdi skaber innovationen?"]
        == "Bedre kvalitet; Opnåelse af politiske mål"
    )
    assert answered["Er innovationen aktivt spredt til andre?"] == "Ja"
    assert answered["Er innovationen evalueret?"] == "Ikke besvaret"
    unanswered = dict(zip(header, rows[2], strict=True))
    assert unanswered["Titel"] == "Ubesvaret"
    assert unanswered["Hvem tog initiativet?"] == "Ikke besvaret"


def export_url(**params) -> str:
    from urllib.parse import urlencode

    return reverse("barometer:export") + ("?" + urlencode(params) if params else "")


EXPORTERS = [roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.DIREKTION, roles.ADMINISTRATOR]
OTHERS = [
    roles.MEDARBEJDER,
    roles.OMRAADELEDER,
    roles.CHEFFORUM,
    roles.OPGAVEUDVALG,
    roles.KOMMUNALBESTYRELSE,
    roles.BORGER,
]


@pytest.mark.parametrize("persona", EXPORTERS)
def test_the_unit_chief_direktion_and_administrator_export(client, personas, persona):
    client.force_login(personas[persona])
    assert client.get(export_url()).status_code == 200
    response = client.get(reverse("barometer:export-xlsx"))
    assert response.status_code == 200
    assert 'filename="innovationsbarometer-' in response["Content-Disposition"]


@pytest.mark.parametrize("persona", OTHERS)
def test_others_may_not_export(client, personas, persona, task):
    client.force_login(personas[persona])
    assert client.get(export_url()).status_code == 403
    assert client.get(reverse("barometer:export-xlsx")).status_code == 403


def test_the_overview_links_the_export_only_for_those_who_may_use_it(client, personas):
    client.force_login(personas[roles.DIREKTION])
    assert reverse("barometer:export") in client.get(reverse("benefits:rollup")).content.decode()
    client.force_login(personas[roles.MEDARBEJDER])
    assert (
        reverse("barometer:export") not in client.get(reverse("benefits:rollup")).content.decode()
    )


def test_the_period_is_the_previous_calendar_year_by_default(client, personas, make_task):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(export_url())
    period = response.context["period"]
    today = timezone.localdate()
    assert (period.start, period.end) == (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))


@pytest.mark.parametrize(
    ("params", "start", "end"),
    [
        ({"fra": "2025-04-01"}, date(2025, 4, 1), date(2025, 12, 31)),
        ({"til": "2024-06-30"}, date(2024, 1, 1), date(2024, 6, 30)),
        ({"fra": "", "til": ""}, None, None),
    ],
)
def test_with_one_day_only_the_period_is_the_rest_of_its_year(client, personas, params, start, end):
    client.force_login(personas[roles.INNOVATIONSENHED])
    period = client.get(export_url(**params)).context["period"]
    if start is None:  # nothing chosen: the previous year
        year = timezone.localdate().year - 1
        start, end = date(year, 1, 1), date(year, 12, 31)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"fra": "0001-01-01", "til": "2025-12-31"}, "fra", "Angiv en dato mellem"),
        ({"fra": "2025-01-01", "til": "9999-12-31"}, "til", "Angiv en dato mellem"),
        (
            {"fra": "2025-06-01", "til": "2025-01-01"},
            "til",
            "Periodens slutdato ligger før startdatoen.",
        ),
        ({"fra": "i går", "til": "-1"}, "fra", "Indtast en gyldig dato."),
        ({"fra": "x" * 10_000}, "fra", "Indtast en gyldig dato."),
    ],
)
def test_a_period_that_is_not_valid_is_shown_with_its_danish_message(
    client, personas, params, field, message
):
    client.force_login(personas[roles.INNOVATIONSENHED])

    response = client.get(export_url(**params))

    assert response.status_code == 200
    assert response.context["tally"] is None
    assert message in str(response.context["form"].errors[field])
    xlsx = client.get(
        reverse("barometer:export-xlsx") + "?" + response.wsgi_request.GET.urlencode()
    )
    assert xlsx.status_code == 302
    assert xlsx["Location"].startswith(reverse("barometer:export"))


def test_the_page_shows_the_counts_and_the_tasks_not_answered(client, personas, make_task, staff):
    answered = make_task("Besvaret")
    make_task("Mangler svar", started_on=date(2025, 5, 1))
    services.answers_save(task=answered, values=survey.field_values(TestData.complete), by=staff)
    client.force_login(personas[roles.DIREKTION])

    response = client.get(export_url(fra="2025-01-01", til="2025-12-31"))

    assert response.status_code == 200
    assert [task.title for task in response.context["incomplete"]] == ["Mangler svar"]
    assert response.context["tally"].tasks.total == 2
    page = response.content.decode()
    assert "Antal opgaver" in page
    assert "fra=2025-01-01&amp;til=2025-12-31" in page


class TestData:
    complete = {
        "value": ["value_quality"],
        "origin": "new",
        "initiator": "management",
        "partners": ["partner_none"],
        "funding": ["funding_operating"],
        "spread": "no",
        "evaluation": "not_yet",
    }


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries_run:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries_run)


def test_the_export_page_runs_the_same_queries_for_few_and_many_tasks(
    client, personas, make_task, staff
):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    url = export_url(fra="2025-01-01", til="2025-12-31")

    def make(n, offset):
        for i in range(n):
            task = make_task(f"Opgave {offset + i}", category=CATEGORIES[i % 4])
            if i % 2:
                services.answers_save(
                    task=task, values=survey.field_values(TestData.complete), by=staff
                )

    make(2, 0)
    few = count_queries(client, url)
    make(30, 2)
    many = count_queries(client, url)
    assert few == many


def test_the_export_page_runs_a_fixed_number_of_queries(
    client, personas, make_task, staff, django_assert_num_queries
):
    for i in range(25):
        make_task(f"Opgave {i}", category=CATEGORIES[i % 4])
    client.force_login(personas[roles.INNOVATIONSCHEF])
    url = export_url(fra="2025-01-01", til="2025-12-31")
    client.get(url)  # the session and the user's groups, as on any page
    with django_assert_num_queries(count_queries(client, url)):
        response = client.get(url)
    assert response.status_code == 200
