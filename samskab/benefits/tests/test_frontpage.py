"""Benefit realisation on the front page and the follow-up page the panels lead to."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.accounts import roles
from samskab.benefits import queries
from samskab.benefits.models import (
    BenefitAgreement,
    BenefitKind,
    BenefitLine,
    BenefitRealisation,
    BenefitTarget,
)
from samskab.dashboards.testing import front_page, item, labels
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio.models import InnovationTask


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def other_area(area) -> OrgUnit:
    return OrgUnit.objects.create(
        name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=area.parent
    )


@pytest.fixture
def this_year(today):
    """Targets of last year and this year, so that something is expected by now."""
    return [(today.year - 1, Decimal("1200")), (today.year, Decimal("1200"))]


def closed(task, status=InnovationTask.Status.COMPLETED):
    InnovationTask.objects.filter(pk=task.pk).update(status=status, ended_on=timezone.localdate())


# Signatures ------------------------------------------------------------------------


def test_unit_sees_open_tasks_past_phase_3_without_a_signed_agreement(
    client, personas, make_task, draft_with_line, signed
):
    make_task("Ingen aftale", phase=4)
    draft_with_line(make_task("Kun et udkast", phase=5))
    signed(make_task("Underskrevet", phase=5))
    draft_with_line(make_task("Udkast i fase 3", phase=3))
    closed(make_task("Afsluttet uden aftale", phase=6))

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["agreements-unsigned"]

    assert labels(panel) == ["Ingen aftale", "Kun et udkast"]
    assert item(panel, "Ingen aftale").detail == "4. Forretningsudvikling · ingen aftale endnu"
    assert "Persona omraadeleder" in item(panel, "Kun et udkast").detail
    task = InnovationTask.objects.get(title="Ingen aftale")
    assert panel.items[0].url == reverse("benefits:task-benefits", args=[task.pk])
    assert panel.see_all == reverse("benefits:follow-up") + "#unsigned"


def test_area_manager_sees_the_drafts_waiting_for_their_own_signature(
    client, personas, make_task, draft_with_line, signed, manager
):
    draft, _line = draft_with_line(make_task("Til underskrift", phase=3))
    signed(make_task("Allerede underskrevet"))
    someone = Person.objects.create(name="En anden leder", kind=Person.Kind.EMPLOYEE)
    BenefitAgreement.objects.create(task=make_task("En andens udkast"), owner=someone, parties="x")

    panel = front_page(client, manager)["agreements-to-sign"]

    assert labels(panel) == ["Til underskrift"]
    assert panel.items[0].url == reverse("benefits:agreement-detail", args=[draft.pk])


# Lines behind their profile ----------------------------------------------------------------


def test_unit_sees_lines_of_agreements_in_force_behind_their_profile(
    client, personas, make_task, signed, draft_with_line, realise, this_year, today
):
    last_year = {"start": date(today.year - 1, 1, 1), "end": date(today.year - 1, 3, 31)}
    _a, behind = signed(make_task("Bagud"), targets=this_year, kpi="Sparet")
    realise(behind, "100", **last_year)
    _a, on_track = signed(make_task("Foran"), targets=this_year, kpi="Sparet")
    realise(on_track, "5000", **last_year)
    draft_with_line(make_task("Udkast"), targets=this_year)
    signed(make_task("På pause"), targets=this_year, kpi="Timer")
    InnovationTask.objects.filter(title="På pause").update(status="paused")
    _a, done = signed(make_task("Afsluttet"), targets=this_year)
    closed(done.agreement.task)

    panel = front_page(client, personas[roles.INNOVATIONSCHEF])["benefits-behind"]

    assert labels(panel) == ["Bagud: Sparet", "På pause: Timer"]
    expected = queries.expected_to_date(dict(this_year), today)
    assert item(panel, "Bagud: Sparet").detail == (
        f"Realiseret 100\xa0kr. af {format_kroner(expected)} forventet til nu"
    )
    assert panel.see_all == reverse("benefits:follow-up") + "#behind"


def format_kroner(value) -> str:
    from samskab.core.formatting import kroner

    return kroner(value)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    targets=st.dictionaries(
        st.integers(min_value=-2, max_value=1),
        st.decimals(min_value=0, max_value=10_000, places=2),
        max_size=4,
    ),
    realised=st.lists(st.decimals(min_value=-500, max_value=10_000, places=2), max_size=3),
)
def test_the_front_page_finds_the_lines_behind_as_the_task_page_does(
    make_task, manager, today, targets, realised
):
    """A line is behind on the front page exactly when the task's page says so."""
    task = make_task(f"Opgave {InnovationTask.objects.count()}")
    agreement = BenefitAgreement.objects.create(
        task=task,
        owner=manager.person,
        parties="x",
        status=BenefitAgreement.Status.SIGNED,
        signed_on=date(today.year - 3, 1, 1),
    )
    line = BenefitLine.objects.create(
        agreement=agreement,
        kind=BenefitKind.ECONOMIC,
        description="x",
        kpi="x",
        unit="kr.",
        baseline=0,
        measurement_method="x",
        responsible=manager.person,
    )
    by_year = {today.year + offset: value for offset, value in targets.items()}
    BenefitTarget.objects.bulk_create(
        BenefitTarget(line=line, year=year, value=value) for year, value in by_year.items()
    )
    end = date(today.year - 1, 6, 30)
    BenefitRealisation.objects.bulk_create(
        BenefitRealisation(
            line=line, period_start=end.replace(day=1), period_end=end, value=value, evidence="x"
        )
        for value in realised
    )
    total = sum(realised, Decimal(0))

    found = line.pk in [view.line.pk for view in queries.lines_behind(today=today)]

    assert found == (line.pk in [view.line.pk for view in queries.task_benefits(task).behind])
    assert found == queries.is_behind(by_year, total, today)


# Realisations due -------------------------------------------------------------------------------


def test_area_manager_sees_realisations_due_on_the_areas_tasks(
    client, make_task, signed, realise, manager, today, other_area
):
    def realised_up_to(end):
        return {"start": end.replace(day=1), "end": end}

    _a, late = signed(make_task("Forsinket"), kpi="Forsinket")
    realise(late, "10", **realised_up_to(queries.months_from(today, -5)))
    _a, recent = signed(make_task("Nylig"), kpi="Nylig")
    realise(recent, "10", **realised_up_to(today - timedelta(days=20)))
    signed(make_task("Intet registreret"), kpi="Intet registreret")
    yearly, slow = signed(make_task("Årlig"), kpi="Årlig")
    BenefitAgreement.objects.filter(pk=yearly.pk).update(review_cadence="yearly")
    realise(slow, "10", **realised_up_to(queries.months_from(today, -5)))
    signed(make_task("Et andet område", owning_area=other_area), kpi="Et andet område")

    panel = front_page(client, manager)["realisations-due"]

    assert set(labels(panel)) == {"Forsinket", "Intet registreret"}
    assert item(panel, "Forsinket").url == reverse("benefits:realisation-create", args=[late.pk])
    assert "ingen registreret endnu" in item(panel, "Intet registreret").detail
    assert panel.see_all.endswith(f"?omraade={manager.person.org_unit_id}#due")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 12, 15), 3, date(2026, 3, 15)),
        (date(2025, 1, 15), -12, date(2024, 1, 15)),
    ],
)
def test_months_from_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert queries.months_from(day, months) == expected


# The follow-up page ---------------------------------------------------------------------------


def test_the_follow_up_page_lists_each_section_and_filters_by_area(
    client, personas, make_task, draft_with_line, signed, other_area, area
):
    draft_with_line(make_task("Vores udkast", phase=5))
    draft_with_line(make_task("Deres udkast", phase=5, owning_area=other_area))
    client.force_login(personas[roles.DIREKTION])

    everything = client.get(reverse("benefits:follow-up")).content.decode()
    ours = client.get(reverse("benefits:follow-up") + f"?omraade={area.pk}").content.decode()

    assert "Vores udkast" in everything and "Deres udkast" in everything
    assert "Vores udkast" in ours and "Deres udkast" not in ours


def test_the_follow_up_page_runs_a_fixed_number_of_queries(
    client, personas, make_task, signed, draft_with_line, realise, this_year
):
    client.force_login(personas[roles.INNOVATIONSCHEF])

    def grow(n):
        for i in range(n):
            _a, line = signed(make_task(f"Opgave {i}-{n}"), targets=this_year)
            realise(line, "1")
            draft_with_line(make_task(f"Udkast {i}-{n}", phase=5))
            make_task(f"Uden {i}-{n}", phase=5)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries_run:
            response = client.get(reverse("benefits:follow-up"))
        assert response.status_code == 200
        return len(queries_run)

    grow(1)
    few = count()
    grow(4)
    assert count() == few
