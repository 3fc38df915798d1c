import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from samskab.accounts import roles
from samskab.governance.models import Decision, Forum
from samskab.governance.services import decision_record
from samskab.ideas.models import Idea
from samskab.ideas.search import index_ideas
from samskab.portfolio.models import ExitCriterion, InnovationTask, TaskProposal
from samskab.portfolio.services import tasks as task_services


@pytest.fixture(autouse=True)
def _room(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def make_tasks(make_proposal, start, n, offset=0):
    tasks = []
    for i in range(n):
        task = start(make_proposal(title=f"Opgave {offset + i}"))
        if i % 3 == 0:
            InnovationTask.objects.filter(pk=task.pk).update(phase=1 + i % 7)
        tasks.append(task)
    return tasks


@pytest.mark.parametrize(
    "params", [{}, {"visning": "liste"}, {"visning": "liste", "status": "active"}]
)
def test_board_and_list_queries_do_not_grow_with_the_number_of_tasks(
    client, personas, make_proposal, start, params
):
    client.force_login(personas[roles.DIREKTION])
    make_tasks(make_proposal, start, 2)
    few = count_queries(client, reverse("portfolio:board"), params)
    make_tasks(make_proposal, start, 40, offset=2)
    many = count_queries(client, reverse("portfolio:board"), params)
    assert few == many


def test_task_page_queries_do_not_grow_with_decisions_and_history(
    client, personas, make_proposal, start
):
    task = start(make_proposal())
    client.force_login(personas[roles.INNOVATIONSENHED])
    url = reverse("portfolio:task-detail", args=[task.pk])
    forum = Forum.objects.get(kind=Forum.Kind.EXECUTIVE)

    def churn(n):
        for i in range(n):
            decision_record(
                kind=Decision.Kind.RECALIBRATE,
                forum=forum,
                task=task,
                rationale=f"Justering {i}",
                ambition=f"Ny ambition {i}",
                by=personas[roles.DIREKTION],
            )

    churn(1)
    few = count_queries(client, url)
    churn(30)
    many = count_queries(client, url)
    assert few == many


def test_the_board_shows_each_active_task_in_its_phase_and_the_band(
    client, personas, make_proposal, start, settings
):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 5
    settings.SAMSKAB_MIN_ACTIVE_TASKS = 3
    first = start(make_proposal(title="Træn dig fri"))
    InnovationTask.objects.filter(pk=first.pk).update(phase=5)
    start(make_proposal(title="Synlig læring"))
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("portfolio:board"))
    columns = {
        column.phase.number: [t.title for t in column.tasks]
        for column in response.context["columns"]
    }
    assert columns[5] == ["Træn dig fri"]
    assert columns[1] == ["Synlig læring"]
    assert response.context["wip"].too_few
    assert "2 aktive opgaver" in response.content.decode()


def test_the_task_page_shows_what_the_next_gate_lacks_and_the_history(
    client, personas, make_proposal, start
):
    task = start(make_proposal())
    staff = personas[roles.INNOVATIONSENHED]
    criterion = ExitCriterion.objects.filter(phase=1).first()
    task_services.exit_check_set(task=task, criterion=criterion, done=True, by=staff)
    task.title = "Træn dig fri – udvidet"
    task_services.task_update(task=task, by=staff)
    client.force_login(staff)
    response = client.get(reverse("portfolio:task-detail", args=[task.pk]))
    body = response.content.decode()
    review = {answer.requirement.key: answer.met for answer in response.context["review"]()}
    assert review == {"ownership": True, "exit-checklist": False}
    assert "Træn dig fri – udvidet" in body
    history = response.context["history"]()
    assert any(
        field["new"] == "Træn dig fri – udvidet" for change in history for field in change["fields"]
    )


def test_a_citizen_sees_nothing_of_the_portfolio(client, personas, make_proposal, start):
    task = start(make_proposal())
    client.force_login(personas[roles.BORGER])
    assert client.get(reverse("portfolio:board")).status_code == 403
    assert client.get(reverse("portfolio:task-detail", args=[task.pk])).status_code == 403


def test_an_idea_links_to_its_task_for_employees_only(
    client, personas, make_proposal, start, make_idea
):
    idea = make_idea(title="Træning i stedet for hjemmehjælp")
    proposal = make_proposal()
    proposal.ideas.set([idea])
    task = start(proposal)
    url = reverse("ideas:idea-detail", args=[idea.pk])
    client.force_login(personas[roles.MEDARBEJDER])
    assert reverse("portfolio:task-detail", args=[task.pk]) in client.get(url).content.decode()
    client.force_login(personas[roles.BORGER])
    body = client.get(url).content.decode()
    assert reverse("portfolio:task-detail", args=[task.pk]) not in body
    assert "indgår nu i innovationsopgaven" in body  # the status trail still says so


def test_the_list_of_all_tasks_is_paginated_and_keeps_its_filters(
    client, personas, make_proposal, start, settings
):
    settings.SAMSKAB_PAGE_SIZE = 4
    tasks = make_tasks(make_proposal, start, 6)
    client.force_login(personas[roles.DIREKTION])
    url = reverse("portfolio:board")
    first = client.get(url, {"visning": "liste", "status": "active"})
    second = client.get(url, {"visning": "liste", "status": "active", "side": 2})
    first_page = list(first.context["page_obj"])
    second_page = list(second.context["page_obj"])
    assert (len(first_page), len(second_page)) == (4, 2)
    assert set(first_page) | set(second_page) == set(tasks)
    assert 'href="?visning=liste&amp;status=active&amp;side=2"' in first.content.decode()
    assert second_page[-1].title in second.content.decode()
    assert second_page[-1].title not in first.content.decode()


def test_ready_for_the_next_gate_asks_each_requirement_and_answers_it(
    client, personas, make_proposal, start
):
    """The page said "Fasens tjekliste er gennemført: Fasens tjekliste er ikke gennemført: …"."""
    task = start(make_proposal())
    client.force_login(personas[roles.INNOVATIONSENHED])
    with translation.override("da"):
        body = client.get(reverse("portfolio:task-detail", args=[task.pk])).content.decode()
    assert "Er fasens tjekliste gennemført?" in body
    assert "Har opgaven en ejer fra ejerområdet?" in body
    assert "ikke afkrydset: Problemet er beskrevet med data" in body
    assert "tjekliste er gennemført: " not in body
    assert "tjekliste er ikke gennemført" not in body


@pytest.mark.django_db
def test_the_checklists_leave_out_what_a_gate_rule_decides():
    """A signed agreement stood beside an unticked "Gevinstrealiseringsaftale er underskrevet"."""
    active = set(ExitCriterion.objects.filter(active=True).values_list("text", flat=True))
    for decided in (
        "Gevinstrealiseringsaftale er underskrevet",
        "1-2 innovationspartnere fra området er udpeget",
        "Holdets kompetencer er afstemt med opgavens behov",
        "Mindst én prøvehandling er gennemført og evalueret",
        "Plan for skalering i hele området er godkendt",  # the scaling plan's approval decides
    ):
        assert decided not in active
    assert ExitCriterion.objects.filter(active=True, phase=6).exists()


def test_checklist_items_samskab_comes_with_are_shown_in_the_readers_language(
    client, personas, make_proposal, start
):
    task = start(make_proposal())
    client.force_login(personas[roles.INNOVATIONSENHED])
    with translation.override("en"):
        body = client.get(reverse("portfolio:task-detail", args=[task.pk])).content.decode()
    assert "The problem is described with data and in the citizens&#x27; own words" in body
    assert "Problemet er beskrevet med data" not in body


def test_a_checklist_item_rewritten_by_the_unit_is_shown_as_written(personas):
    criterion = ExitCriterion.objects.get(code="business-case")
    criterion.text = "Business case er godkendt af økonomi"
    task_services.exit_criteria_save(criteria=[criterion], by=personas[roles.INNOVATIONSCHEF])
    criterion.refresh_from_db()
    with translation.override("en"):
        assert (criterion.code, criterion.label) == ("", "Business case er godkendt af økonomi")


def radios(body: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', body)


def test_a_new_proposal_preselects_no_blank_novelty_and_asks_for_one_in_danish(
    client, personas, owner
):
    client.force_login(personas[roles.INNOVATIONSENHED])
    url = reverse("portfolio:proposal-create")
    novelty = radios(client.get(url).content.decode(), "novelty")
    assert [re.search(r'value="([^"]*)"', radio).group(1) for radio in novelty] == [
        "radical",
        "incremental",
    ]
    assert not any(" checked" in radio for radio in novelty)
    response = client.post(
        url,
        {
            "title": "Træn dig fri",
            "problem": "Ældre mister funktionsevne.",
            "ambition": "Halvt så mange får hjemmehjælp.",
            "category": "service",
            "owning_area": owner.org_unit_id,
            "owner": owner.pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vælg radikal eller inkrementel." in body
    assert 'value="Træn dig fri"' in body
    assert "Halvt så mange får hjemmehjælp." in body


def test_editing_a_proposal_shows_its_novelty_chosen(client, personas, make_proposal):
    proposal = make_proposal(novelty="incremental")
    client.force_login(personas[roles.INNOVATIONSENHED])
    body = client.get(reverse("portfolio:proposal-edit", args=[proposal.pk])).content.decode()
    assert [radio for radio in radios(body, "novelty") if " checked" in radio] == [
        next(radio for radio in radios(body, "novelty") if 'value="incremental"' in radio)
    ]


def proposal_data(owner, **fields) -> dict:
    return {
        "title": "Træn dig fri",
        "problem": "Ældre mister funktionsevne.",
        "ambition": "Halvt så mange får hjemmehjælp.",
        "novelty": "radical",
        "category": "service",
        "owning_area": owner.org_unit_id,
        "owner": owner.pk,
        **fields,
    }


def ticked(body: str) -> list[tuple[int, bool]]:
    return [
        (int(re.search(r'value="(\d+)"', tag).group(1)), " checked" in tag)
        for tag in radios(body, "ideas_valg")
    ]


def test_ideas_behind_a_proposal_are_found_by_words_without_javascript(
    client, personas, owner, make_idea
):
    care = make_idea(title="Flere hænder i ældreplejen")
    training = make_idea(title="Træning for ældre i eget hjem")
    make_idea(title="Cykelsti langs Strandvejen")
    index_ideas([idea.pk for idea in Idea.objects.all()])
    client.force_login(personas[roles.INNOVATIONSENHED])
    url = reverse("portfolio:proposal-create")
    response = client.post(url, proposal_data(owner, ideas="ældre", soeg="ideas"))
    body = response.content.decode()
    assert response.status_code == 200
    assert sorted(ticked(body)) == [(care.pk, False), (training.pk, False)]
    assert 'value="Træn dig fri"' in body  # everything else as typed, and no errors
    assert "form-error-message" not in body
    assert not TaskProposal.objects.exists()

    response = client.post(
        url, proposal_data(owner, ideas="ældre", ideas_valg=[training.pk, care.pk])
    )
    proposal = TaskProposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("portfolio:proposal-detail", args=[proposal.pk])
    assert set(proposal.ideas.all()) == {care, training}


def test_ideas_behind_a_proposal_may_still_be_typed_as_numbers(client, personas, owner, make_idea):
    first, second = make_idea(title="Første"), make_idea(title="Anden")
    client.force_login(personas[roles.INNOVATIONSENHED])
    url = reverse("portfolio:proposal-create")
    response = client.post(url, proposal_data(owner, ideas=f"{first.pk}, #{second.pk}"))
    assert response.status_code == 302
    assert set(TaskProposal.objects.get().ideas.all()) == {first, second}
    response = client.post(url, proposal_data(owner, title="Igen", ideas="99998, 99999"))
    assert "Der er ingen idéer med numrene 99998, 99999." in response.content.decode()


def test_editing_a_proposal_shows_its_ideas_ticked(client, personas, make_proposal, make_idea):
    proposal = make_proposal()
    ideas = [make_idea(title="Første"), make_idea(title="Anden")]
    proposal.ideas.set(ideas)
    client.force_login(personas[roles.INNOVATIONSENHED])
    body = client.get(reverse("portfolio:proposal-edit", args=[proposal.pk])).content.decode()
    assert ticked(body) == [(ideas[0].pk, True), (ideas[1].pk, True)]
    assert 'aria-live="polite"' in body
