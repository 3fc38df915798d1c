"""A task's answers to the innovation barometer: who reads and who answers them, and the form."""

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.barometer import services, survey
from samskab.barometer.models import SurveyAnswers

COMPLETE = {
    "value": ["value_quality", "value_efficiency"],
    "origin": "adapted",
    "initiator": "employees",
    "partners": ["partner_citizens", "partner_knowledge"],
    "funding": ["funding_operating", "funding_pool"],
    "spread": "not_yet",
    "evaluation": "internal",
}


def url(task) -> str:
    return reverse("barometer:task-survey", args=[task.pk])


def test_unit_staff_answers_and_the_first_save_makes_the_row_with_history(client, task, staff):
    client.force_login(staff)
    assert not SurveyAnswers.objects.filter(task=task).exists()

    response = client.post(url(task), COMPLETE)

    assert response.status_code == 302
    answers = SurveyAnswers.objects.get(task=task)
    assert answers.value_quality and answers.value_efficiency and not answers.value_political
    assert answers.origin == "adapted" and answers.initiator == "employees"
    assert answers.partner_citizens and answers.partner_knowledge and not answers.partner_none
    assert answers.funding_operating and answers.funding_pool and not answers.funding_external
    assert (answers.spread, answers.evaluation) == ("not_yet", "internal")
    assert answers.updated_by == staff
    assert survey.unanswered(answers) == []

    client.post(url(task), {**COMPLETE, "spread": "yes"})
    assert SurveyAnswers.objects.filter(task=task).count() == 1
    assert [h.spread for h in SurveyAnswers.history.filter(task=task).order_by("history_date")] == [
        "not_yet",
        "yes",
    ]


def test_the_tasks_owner_answers(client, task, owner):
    client.force_login(owner)
    assert client.post(url(task), COMPLETE).status_code == 302
    assert SurveyAnswers.objects.get(task=task).updated_by == owner


@pytest.mark.parametrize("persona", [roles.MEDARBEJDER, roles.DIREKTION, roles.KOMMUNALBESTYRELSE])
def test_those_who_see_the_task_read_the_answers_but_cannot_change_them(
    client, task, staff, personas, persona
):
    services.answers_save(task=task, values=survey.field_values(COMPLETE), by=staff)
    client.force_login(personas[persona])

    page = client.get(url(task))

    assert page.status_code == 200
    assert page.context["form"] is None
    assert "Effektivitet" in page.content.decode()
    assert client.post(url(task), {**COMPLETE, "spread": "yes"}).status_code == 403
    assert SurveyAnswers.objects.get(task=task).spread == "not_yet"


def test_citizens_and_anonymous_visitors_do_not_get_the_answers(client, task, personas):
    assert client.get(url(task)).status_code == 302
    client.force_login(personas[roles.BORGER])
    assert client.get(url(task)).status_code == 403
    assert client.post(url(task), COMPLETE).status_code == 403
    assert not SurveyAnswers.objects.exists()


def test_a_task_that_does_not_exist_is_not_found(client, staff):
    client.force_login(staff)
    assert client.get("/opgaver/999999/innovationsbarometer/").status_code == 404
    assert client.get("/opgaver/abc/innovationsbarometer/").status_code == 404


def test_no_partners_with_a_type_of_partner_is_refused_next_to_the_field_keeping_the_rest(
    client, task, staff
):
    client.force_login(staff)

    response = client.post(url(task), {**COMPLETE, "partners": ["partner_none", "partner_state"]})

    assert response.status_code == 200
    form = response.context["form"]
    assert "“Ingen samarbejdspartnere” kan ikke vælges sammen med en type af partner." in str(
        form.errors["partners"]
    )
    assert form["origin"].value() == "adapted"
    assert form["partners"].value() == ["partner_none", "partner_state"]
    assert not SurveyAnswers.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"value": ["value_quality", "drop table"], "origin": "adapted"},
        {"origin": "x" * 100_000},
        {"spread": "-1", "evaluation": "9999"},
        {"partners": "partner_none" * 1000},
        {"funding": ["funding_pool"], "initiator": "ledelse"},
    ],
)
def test_hostile_input_is_refused_in_danish_and_nothing_is_saved(client, task, staff, data):
    client.force_login(staff)

    response = client.post(url(task), data)

    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not SurveyAnswers.objects.exists()


def test_an_empty_form_is_saved_as_not_answered(client, task, staff):
    client.force_login(staff)
    assert client.post(url(task), {}).status_code == 302
    answers = SurveyAnswers.objects.get(task=task)
    assert survey.unanswered(answers) == list(survey.QUESTIONS)


def test_the_task_page_shows_whether_the_answers_are_complete_with_a_link(client, task, staff):
    client.force_login(staff)
    detail = reverse("portfolio:task-detail", args=[task.pk])

    before = client.get(detail).content.decode()
    assert "Innovationsbarometeret" in before
    assert "7 spørgsmål er ikke besvaret" in before
    assert url(task) in before

    client.post(url(task), {**COMPLETE, "evaluation": ""})
    partly = client.get(detail).content.decode()
    assert "6 af 7 spørgsmål besvaret." in partly

    client.post(url(task), COMPLETE)
    assert "Alle spørgsmål er besvaret" in client.get(detail).content.decode()


def test_a_citizen_never_sees_the_panel(client, task, personas):
    from samskab.barometer.templatetags.barometer import barometer_panel

    class Request:
        user = personas[roles.BORGER]

    assert barometer_panel({"request": Request()}, task) == {"show": False}
