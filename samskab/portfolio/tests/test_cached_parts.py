"""The board and the roadmap are kept in the cache (core.fragments) and never show
what the database no longer holds."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.governance.models import Forum, Meeting
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import ExitCheck, ExitCriterion, InnovationTask
from samskab.portfolio.services import tasks as task_services


@pytest.fixture(autouse=True)
def _room(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


def get(client, url):
    """The page's HTML (without the CSRF token, masked anew each time) and its query count."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())
    return html, len(queries)


@pytest.mark.parametrize("page", ["portfolio:board", "portfolio:roadmap"])
def test_a_second_look_is_served_from_the_cache_with_fewer_queries(
    client, personas, make_proposal, start, page
):
    start(make_proposal(title="Træn dig fri"))
    client.force_login(personas[roles.DIREKTION])

    first, built = get(client, reverse(page))
    again, kept = get(client, reverse(page))

    assert "Træn dig fri" in first
    assert again == first
    assert kept < built


@pytest.mark.parametrize("page", ["portfolio:board", "portfolio:roadmap"])
def test_a_change_to_a_task_shows_at_once(client, personas, make_proposal, start, page):
    task = start(make_proposal(title="Træn dig fri"))
    client.force_login(personas[roles.DIREKTION])
    get(client, reverse(page))

    task.title = "Træn dig fri hjemme"
    task_services.task_update(task=task, by=personas[roles.INNOVATIONSCHEF])
    start(make_proposal(title="Flytning med ét klik"))

    html, _ = get(client, reverse(page))
    assert "Træn dig fri hjemme" in html
    assert "Flytning med ét klik" in html


def test_a_write_in_another_app_that_the_cards_read_shows_at_once(
    client, personas, make_proposal, start, owner
):
    """The card names the task's owner, a person of the organisation app."""
    start(make_proposal(title="Træn dig fri"))
    client.force_login(personas[roles.DIREKTION])
    assert owner.name in get(client, reverse("portfolio:board"))[0]

    owner.name = "Birte Ny-Navn"
    owner.save()

    assert "Birte Ny-Navn" in get(client, reverse("portfolio:board"))[0]


def test_each_choice_of_filters_and_each_language_has_a_part_of_its_own(
    client, personas, make_proposal, start, owner
):
    other_area = OrgUnit.objects.create(name="Social og Sundhed", kind=OrgUnit.Kind.AREA)
    start(make_proposal(title="Træn dig fri"))
    elsewhere = start(make_proposal(title="Flytning med ét klik"))
    InnovationTask.objects.filter(pk=elsewhere.pk).update(owning_area=other_area)
    client.force_login(personas[roles.DIREKTION])
    get(client, reverse("portfolio:board"))  # the unfiltered board, in Danish, is kept

    filtered, _ = get(client, reverse("portfolio:board") + f"?omraade={owner.org_unit_id}")
    english, _ = get(client, "/en" + reverse("portfolio:board"))

    assert "Træn dig fri" in filtered and "Flytning med ét klik" not in filtered
    assert "Tasks by phase" in english and "Opgaver efter fase" not in english


def test_whether_meetings_may_be_opened_is_part_of_the_roadmaps_key(
    client, personas, make_proposal, start
):
    """Direktion opens the meetings from the roadmap; an employee sees them as text."""
    start(make_proposal())
    forum = Forum.objects.get(kind=Forum.Kind.EXECUTIVE)
    meeting = Meeting.objects.create(forum=forum, starts_at=timezone.now(), title="Direktionsmøde")
    link = f'href="{reverse("governance:meeting-detail", args=[meeting.pk])}"'

    client.force_login(personas[roles.DIREKTION])
    assert link in get(client, reverse("portfolio:roadmap"))[0]
    client.force_login(personas[roles.MEDARBEJDER])
    html, _ = get(client, reverse("portfolio:roadmap"))
    assert link not in html
    assert "Direktionsmøde" in html


# The task page ---------------------------------------------------------------------------


def test_the_task_page_is_kept_for_its_reader_and_a_tick_shows_at_once(
    client, personas, make_proposal, start
):
    task = start(make_proposal(title="Træn dig fri"))
    criterion = ExitCriterion.objects.filter(phase=1, active=True).first()
    url = reverse("portfolio:task-detail", args=[task.pk])
    client.force_login(personas[roles.DIREKTION])
    first, built = get(client, url)
    again, kept = get(client, url)
    assert again == first
    assert kept < built
    assert f'<span class="sr-only">Ikke gennemført: </span>{criterion.label}' in first

    task_services.exit_check_set(
        task=task, criterion=criterion, done=True, by=personas[roles.INNOVATIONSENHED]
    )

    assert f'<span class="sr-only">Gennemført: </span>{criterion.label}' in get(client, url)[0]


def test_each_reader_gets_their_own_task_page(client, personas, make_proposal, start):
    """The unit may edit the task and record decisions; direktion, reading it after them,
    gets no edit button from the unit's page in the cache."""
    task = start(make_proposal())
    url = reverse("portfolio:task-detail", args=[task.pk])
    edit = f'href="{reverse("portfolio:task-edit", args=[task.pk])}"'
    client.force_login(personas[roles.INNOVATIONSENHED])
    assert edit in get(client, url)[0]
    client.force_login(personas[roles.DIREKTION])
    assert edit not in get(client, url)[0]


def test_the_checklists_forms_get_a_fresh_token_that_works(personas, make_proposal, start):
    """Whoever may tick gets the checklist's forms rendered on each request, never from the
    cache, so their CSRF token is always this session's."""
    task = start(make_proposal())
    criterion = ExitCriterion.objects.filter(phase=1, active=True).first()
    url = reverse("portfolio:task-detail", args=[task.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas[roles.INNOVATIONSENHED])
    client.get(url)  # the page is kept now
    client.cookies.clear()  # a new browser session of the same person
    client.force_login(personas[roles.INNOVATIONSENHED])
    html = client.get(url).content.decode()
    action = reverse("portfolio:task-exit-check", args=[task.pk, criterion.pk])
    form = re.search(rf'<form method="post" action="{action}".*?</form>', html, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', form).group(1)

    response = client.post(action, {"done": "1", "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert response["Location"] == url
    assert ExitCheck.objects.filter(task=task, criterion=criterion).exists()


@pytest.mark.parametrize("page", ["portfolio:board", "portfolio:roadmap"])
def test_a_filter_that_is_not_valid_is_answered_but_nothing_is_kept(
    client, personas, make_proposal, start, page
):
    """Endless variants of a wrong filter can't fill the cache."""
    start(make_proposal(title="Træn dig fri"))
    client.force_login(personas[roles.DIREKTION])
    url = reverse(page) + "?omraade=ikke-et-omraade"

    first, built = get(client, url)
    again, counted = get(client, url)

    assert "Træn dig fri" in first
    assert again == first
    assert counted == built


def test_a_filter_typed_two_ways_shares_one_part(client, personas, make_proposal, start, owner):
    start(make_proposal(title="Træn dig fri"))
    client.force_login(personas[roles.DIREKTION])
    _, built = get(client, reverse("portfolio:board") + f"?omraade={owner.org_unit_id}")
    html, kept = get(client, reverse("portfolio:board") + f"?omraade=0{owner.org_unit_id}")
    assert "Træn dig fri" in html
    assert kept < built
