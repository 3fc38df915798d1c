"""The task's scaling page, the org tree and the task page show the spread of a solution."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.organisation.models import OrgUnit
from samskab.spread import queries, services
from samskab.spread.models import Adoption, Handover

from .conftest import units_named

TODAY = timezone.localdate


@pytest.fixture
def spread_task(task, staff, other_area):
    """Three of four target units in operation by today, one since two months ago."""
    start = TODAY() - timedelta(days=100)
    adoptions = services.targets_add(
        task=task,
        units=units_named(
            "Dyssegårdsskolen", "Vangeboskolen", "Børnehuset Kilden", "Plejecenter Bakkehuset"
        ),
        by=staff,
        on=start,
    )
    services.adoption_set_state(
        adoption=adoptions[0], state="operating", on=start + timedelta(days=40), by=staff
    )
    for adoption in adoptions[1:3]:
        services.adoption_set_state(adoption=adoption, state="operating", on=TODAY(), by=staff)
    return task


def test_the_degree_over_time_follows_the_dated_changes(spread_task):
    points = queries.degree_over_time(spread_task, today=TODAY())
    assert points[0][1] == queries.Degree(0, 4)
    assert points[-1] == (TODAY(), queries.Degree(3, 4))
    in_between = [degree for day, degree in points if TODAY() - timedelta(days=59) <= day < TODAY()]
    assert in_between and all(degree == queries.Degree(1, 4) for degree in in_between)


def test_the_task_page_shows_the_degree_of_scaling(client, personas, spread_task):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("portfolio:task-detail", args=[spread_task.pk]))
    assert response.status_code == 200
    assert "Skaleringsgrad 75 %" in response.content.decode()


def test_the_scaling_page_shows_the_degree_over_time_as_chart_and_table(
    client, personas, spread_task
):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("spread:task-spread", args=[spread_task.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'aria-labelledby="degree-title degree-desc"' in page
    assert "3 af 4 målenheder i drift" in page
    assert '<td class="text-align-right">75 %</td>' in page


def test_the_scaling_page_runs_a_fixed_number_of_queries(
    client, personas, task, staff, django_assert_num_queries
):
    area = task.owning_area
    units = [
        OrgUnit.objects.create(name=f"Skole {n}", kind=OrgUnit.Kind.INSTITUTION, parent=area)
        for n in range(12)
    ]
    adoptions = services.targets_add(
        task=task, units=units, by=staff, on=TODAY() - timedelta(days=90)
    )
    for adoption in adoptions[:8]:
        services.adoption_set_state(adoption=adoption, state="operating", on=TODAY(), by=staff)
    client.force_login(staff)
    with django_assert_num_queries(12):
        response = client.get(reverse("spread:task-spread", args=[task.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Opdatér tilstanden") == 12


def test_the_org_tree_shows_which_units_run_which_solutions(
    client, personas, spread_task, make_task, staff
):
    other = make_task("Træn dig fri")
    services.targets_add(task=other, units=units_named("Vangeboskolen"), by=staff)
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("organisation:orgunit-list"))
    page = response.content.decode()
    assert response.status_code == 200
    row = page[page.index(">Dyssegårdsskolen<") :].split("</tr>")[0]
    assert "Synlig læring" in row
    row = page[page.index(">Vangeboskolen<") :].split("</tr>")[0]
    assert "Synlig læring" not in row and "Træn dig fri" not in row  # planned only: not running
    services.adoption_set_state(
        adoption=other.adoptions.get(), state="preparing", on=TODAY(), by=staff
    )
    page = client.get(reverse("organisation:orgunit-list")).content.decode()
    row = page[page.index(">Vangeboskolen<") :].split("</tr>")[0]
    assert "Træn dig fri" in row and "(forberedes)" in row


def test_the_org_tree_runs_a_fixed_number_of_queries(
    client, personas, make_task, staff, django_assert_num_queries
):
    for number in range(5):
        task = make_task(f"Løsning {number}")
        for adoption in services.targets_add(
            task=task, units=units_named("Vangeboskolen", "Dyssegårdsskolen"), by=staff
        ):
            services.adoption_set_state(adoption=adoption, state="operating", on=TODAY(), by=staff)
    client.force_login(personas[roles.MEDARBEJDER])
    with django_assert_num_queries(5):
        response = client.get(reverse("organisation:orgunit-list"))
    assert response.status_code == 200
    assert response.content.decode().count("Løsning 3") == 2


def test_targets_are_chosen_by_level_and_name_within_an_area(client, staff, task, area, other_area):
    client.force_login(staff)
    response = client.post(
        reverse("spread:targets-add", args=[task.pk]),
        {
            "within": area.pk,
            "level": "institution",
            "name_contains": "SKOLE",
            "units": [units_named("Plejecenter Bakkehuset")[0].pk],
        },
    )
    assert response.status_code == 302
    assert sorted(task.adoptions.values_list("unit__name", flat=True)) == [
        "Dyssegårdsskolen",
        "Plejecenter Bakkehuset",
        "Skolen ved Sundet",
        "Vangeboskolen",
    ]


@pytest.mark.parametrize(
    "data",
    [
        {"level": "institution"},
        {"within": "abc", "level": "institution"},
        {"within": "999999", "level": "institution"},
        {"units": ["1; DROP TABLE", "-1"]},
        {"within": "", "level": "kommune"},
    ],
)
def test_hostile_target_forms_are_refused_with_a_message(client, staff, task, area, data):
    client.force_login(staff)
    response = client.post(reverse("spread:targets-add", args=[task.pk]), data)
    assert response.status_code == 200
    assert "Formularen indeholder fejl" in response.content.decode()
    assert not task.adoptions.exists()


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31", "i går", ""])
def test_a_state_with_a_date_out_of_bounds_is_refused(client, staff, task, on):
    (adoption,) = services.targets_add(task=task, units=units_named("Vangeboskolen"), by=staff)
    client.force_login(staff)
    response = client.post(
        reverse("spread:adoption-edit", args=[adoption.pk]), {"state": "operating", "on": on}
    )
    assert response.status_code == 200
    adoption.refresh_from_db()
    assert adoption.state == Adoption.State.PLANNED


def test_developing_further_leads_to_the_new_proposals_form(client, staff, task):
    client.force_login(staff)
    response = client.post(reverse("spread:develop-further", args=[task.pk]))
    proposal = task.developments.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:proposal-edit", args=[proposal.pk])


def test_realisations_are_followed_against_the_units_in_operation(
    client, personas, spread_task, signed, realise
):
    """Three of four units run it: three quarters of what was expected by now can be realised."""
    _agreement, line = signed(
        spread_task, targets=[(2025, Decimal("120000")), (TODAY().year, Decimal("120000"))]
    )
    expected = queries.benefit_queries.expected_to_date(
        {2025: Decimal("120000"), TODAY().year: Decimal("120000")}, TODAY()
    )
    realise(line, expected * Decimal("0.7"))
    (row,) = queries.benefits_at_degree(spread_task, queries.degree_of(spread_task), today=TODAY())
    assert row.expected == expected
    assert row.at_degree == (expected * 3 / 4).quantize(Decimal("0.01"))
    assert row.behind  # 70 % realised where 75 % of the units run it
    realise(line, expected * Decimal("0.1"))
    (row,) = queries.benefits_at_degree(spread_task, queries.degree_of(spread_task), today=TODAY())
    assert not row.behind
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(reverse("spread:task-spread", args=[spread_task.pk])).content.decode()
    assert "Forventet ved 75 %" in page
    assert "I takt med enhederne i drift" in page


def test_no_benefits_are_set_against_the_degree_without_a_signed_agreement(
    spread_task, draft_with_line
):
    draft_with_line(spread_task)
    assert (
        queries.benefits_at_degree(spread_task, queries.degree_of(spread_task), today=TODAY()) == []
    )


def test_the_new_proposal_and_its_task_show_what_they_develop_further(client, staff, task):
    proposal = services.task_develop_further(task=task, by=staff)
    client.force_login(staff)
    page = client.get(reverse("portfolio:proposal-detail", args=[proposal.pk])).content.decode()
    assert "Videreudvikler løsningen fra" in page
    assert reverse("portfolio:task-detail", args=[task.pk]) in page


@pytest.mark.parametrize(("phase", "offered"), [(4, False), (5, True)])
def test_developing_further_is_offered_once_the_solution_is_scaled(
    client, staff, make_task, phase, offered
):
    task = make_task(f"Fase {phase}", phase=phase)
    client.force_login(staff)
    page = client.get(reverse("spread:task-spread", args=[task.pk])).content.decode()
    assert ("Videreudvikl som et nyt forslag" in page) is offered


def test_the_handover_shows_its_budget_in_kroner(client, staff, task, manager, area):
    services.handover_save(
        handover=Handover(
            task=task, operated_by=area, owner=manager.person, yearly_budget=Decimal("450000")
        ),
        by=staff,
    )
    client.force_login(staff)
    page = client.get(reverse("spread:task-spread", args=[task.pk])).content.decode()
    assert "450.000\xa0kr." in page  # a space that keeps the amount and "kr." together
