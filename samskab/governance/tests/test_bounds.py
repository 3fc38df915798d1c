"""Extreme dates and amounts get a Danish message, never a server error (a meeting dated
31.12.9999 made its page and pack answer 500 for good)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.benefits import services as benefit_services
from samskab.benefits.models import BenefitAgreement, BenefitLine
from samskab.core.validators import latest_date, validate_sensible_date
from samskab.governance import services
from samskab.governance.models import Decision, Meeting

Kind = Decision.Kind


@pytest.mark.parametrize("typed", ["9999-12-31T23:59", "0001-01-01T00:00", "1999-12-31T10:00"])
def test_a_meeting_far_outside_sensible_dates_is_refused_in_danish(
    client, personas, executive, typed
):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("governance:meeting-create"),
        {"forum": executive.pk, "starts_at": typed, "title": "Langt ude i fremtiden"},
    )
    assert response.status_code == 200
    assert "Angiv en dato mellem 1. januar 2000 og" in response.content.decode()
    assert 'value="Langt ude i fremtiden"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_stored_at_the_end_of_time_still_shows_its_page_and_pack(
    client, executive, director, start_task
):
    start_task(next_gate_on=timezone.localdate())
    far = datetime(9999, 12, 31, 10, 0, tzinfo=UTC)
    meeting = Meeting.objects.create(forum=executive, starts_at=far)  # stored before the bound
    client.force_login(director)
    assert client.get(reverse("governance:meeting-detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("governance:meeting-pack", args=[meeting.pk])).status_code == 200


def test_the_bound_is_from_2000_to_25_years_ahead():
    validate_sensible_date(date(2000, 1, 1))
    validate_sensible_date(latest_date())
    with pytest.raises(ValidationError):
        validate_sensible_date(date(1999, 12, 31))
    with pytest.raises(ValidationError):
        validate_sensible_date(latest_date() + timedelta(days=1))


def test_a_recalibration_to_a_gate_in_the_year_9999_is_refused(start_task, executive, director):
    task = start_task()
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            kind=Kind.RECALIBRATE,
            forum=executive,
            task=task,
            next_gate_on=date(9999, 12, 31),
            rationale="Langt frem.",
            by=director,
        )
    assert "next_gate_on" in refused.value.error_dict
    assert not Decision.objects.filter(kind=Kind.RECALIBRATE).exists()
    task.refresh_from_db()
    assert task.next_gate_on is None


def test_a_task_edited_to_end_in_the_year_9999_is_refused(client, start_task, personas):
    task = start_task()
    client.force_login(personas[roles.INNOVATIONSENHED])
    page = client.get(reverse("portfolio:task-edit", args=[task.pk]))
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(planned_end_on="9999-12-31", owner=task.owner_id, owning_area=task.owning_area_id)
    response = client.post(reverse("portfolio:task-edit", args=[task.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["planned_end_on"]
    task.refresh_from_db()
    assert task.planned_end_on is None


@pytest.fixture
def draft_line(start_task, owner, personas):
    task = start_task()
    agreement = BenefitAgreement.objects.create(task=task, owner=owner)
    return BenefitLine.objects.create(
        agreement=agreement,
        kind="economic",
        description="Færre visitationer",
        kpi="Visitationer om året",
        unit="kr.",
        baseline=Decimal("100"),
        measurement_method="Tælles i omsorgssystemet",
        responsible=owner,
    )


@pytest.mark.parametrize(
    ("year", "value"), [(2027, Decimal("-5")), (9999, Decimal("5")), (1999, Decimal("5"))]
)
def test_a_benefit_target_is_a_gain_in_a_sensible_year(draft_line, personas, year, value):
    with pytest.raises(ValidationError):
        benefit_services.line_save(
            line=draft_line, targets=[(year, value)], by=personas[roles.INNOVATIONSENHED]
        )
    assert not draft_line.targets.exists()
    benefit_services.line_save(
        line=draft_line, targets=[(2027, Decimal("0"))], by=personas[roles.INNOVATIONSENHED]
    )
    assert draft_line.targets.get().value == 0
