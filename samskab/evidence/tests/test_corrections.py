"""Correcting and deleting a measurement entered by mistake; clearing the closure flag again;
the trials in the admin."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.accounts import roles
from samskab.evidence import services
from samskab.evidence.models import Measurement


def only_measurement(experiment) -> Measurement:
    return experiment.measurements.get()


def test_a_mistyped_value_is_corrected_and_the_evidence_recomputed(
    task, make_experiment, measure, staff
):
    experiment = measure(make_experiment(task), [320, 35, 29, 34])  # 320 was meant as 32
    wrong = experiment.measurements.get(value=Decimal("320"))
    wrong.value = Decimal("32")
    services.measurement_change(measurement=wrong, by=staff)
    assert sorted(experiment.measurements.values_list("value", flat=True)) == [29, 32, 34, 35]
    assert services.experiment_effect(experiment).change == pytest.approx(12.5)


def test_deleting_a_measurement_recomputes_the_evidence_level(
    task, make_experiment, measure, staff
):
    experiment = measure(make_experiment(task), [32])
    services.measurement_delete(measurement=only_measurement(experiment), by=staff)
    experiment.refresh_from_db()
    assert not experiment.measurements.exists()
    assert experiment.evidence_level == 1


def test_a_comparison_value_cannot_be_moved_to_a_design_without_one(
    task, make_experiment, measure, staff
):
    experiment = measure(make_experiment(task), [32])
    measurement = only_measurement(experiment)
    measurement.group = Measurement.Group.COMPARISON
    with pytest.raises(ValidationError):
        services.measurement_change(measurement=measurement, by=staff)


def test_a_concluded_trial_keeps_its_figures(task, make_experiment, measure, conclude, staff):
    experiment = measure(make_experiment(task), [32, 35, 29, 34])
    conclude(experiment)
    measurement = experiment.measurements.first()
    measurement.value = Decimal("1")
    with pytest.raises(ValidationError, match="kan ikke længere rettes eller slettes"):
        services.measurement_change(measurement=measurement, by=staff)
    with pytest.raises(ValidationError, match="kan ikke længere rettes eller slettes"):
        services.measurement_delete(measurement=measurement, by=staff)
    assert experiment.measurements.count() == 4
    assert sorted(experiment.measurements.values_list("value", flat=True)) == [29, 32, 34, 35]


def test_the_team_corrects_a_measurement_on_its_page(
    client, personas, task, make_experiment, measure
):
    experiment = measure(make_experiment(task), [32])
    measurement = only_measurement(experiment)
    client.force_login(personas[roles.OMRAADELEDER])
    detail = client.get(reverse("evidence:experiment-detail", args=[experiment.pk]))
    assert reverse("evidence:measurement-edit", args=[measurement.pk]) in detail.content.decode()
    response = client.post(
        reverse("evidence:measurement-edit", args=[measurement.pk]),
        {"measured_on": "2026-01-12", "group": "trial", "value": "33,5", "observations": "12"},
    )
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert (measurement.measured_on, measurement.value, measurement.observations) == (
        date(2026, 1, 12),
        Decimal("33.5"),
        12,
    )


def test_deleting_asks_for_confirmation_before_it_deletes(
    client, personas, task, make_experiment, measure
):
    experiment = measure(make_experiment(task), [32])
    url = reverse("evidence:measurement-delete", args=[only_measurement(experiment).pk])
    client.force_login(personas[roles.INNOVATIONSENHED])
    page = client.get(url)
    assert page.status_code == 200
    assert b'method="post"' in page.content and b"csrfmiddlewaretoken" in page.content
    assert experiment.measurements.exists()  # looking at the page deletes nothing
    response = client.post(url)
    assert response.url == reverse("evidence:experiment-detail", args=[experiment.pk])
    assert not experiment.measurements.exists()


def test_the_pages_refuse_to_change_a_concluded_trial_in_danish(
    client, personas, task, make_experiment, measure, conclude
):
    experiment = measure(make_experiment(task), [32])
    conclude(experiment)
    measurement = only_measurement(experiment)
    client.force_login(personas[roles.INNOVATIONSENHED])
    detail = client.get(reverse("evidence:experiment-detail", args=[experiment.pk]))
    assert reverse("evidence:measurement-delete", args=[measurement.pk]) not in (
        detail.content.decode()
    )
    trial = reverse("evidence:experiment-detail", args=[experiment.pk])
    refused = client.post(
        reverse("evidence:measurement-delete", args=[measurement.pk]), follow=True
    )
    assert refused.redirect_chain == [(trial, 302)]
    assert "kan ikke længere rettes eller slettes" in refused.content.decode()
    refused = client.post(
        reverse("evidence:measurement-edit", args=[measurement.pk]),
        {"measured_on": "2026-01-05", "group": "trial", "value": "1", "observations": "1"},
        follow=True,
    )
    assert refused.redirect_chain == [(trial, 302)]
    assert "kan ikke længere rettes eller slettes" in refused.content.decode()
    measurement.refresh_from_db()
    assert measurement.value == Decimal("32")


def test_an_employee_outside_the_team_may_not_correct(
    client, personas, task, make_experiment, measure
):
    experiment = measure(make_experiment(task), [32])
    client.force_login(personas[roles.MEDARBEJDER])
    url = reverse("evidence:measurement-delete", args=[only_measurement(experiment).pk])
    assert client.post(url).status_code == 403
    assert experiment.measurements.exists()


def test_the_flag_is_cleared_when_a_later_concluded_trial_meets_its_criterion(
    task, make_experiment, measure, conclude
):
    conclude(measure(make_experiment(task, "Første forsøg"), [21, 22]))
    conclude(measure(make_experiment(task, "Andet forsøg"), [20, 23]))
    task.refresh_from_db()
    assert "Første forsøg, Andet forsøg" in task.closure_reason
    conclude(measure(make_experiment(task, "Tredje forsøg"), [35, 38]))
    task.refresh_from_db()
    assert task.closure_reason == ""


def test_a_flag_written_by_hand_is_kept_when_a_trial_meets_its_criterion(
    task, make_experiment, measure, conclude
):
    conclude(measure(make_experiment(task, "Første forsøg"), [21, 22]))
    task.closure_flag = "Direktionen vil drøfte at lukke opgaven."
    task.closure_flag_code, task.closure_flag_params = "", {}  # typed over Samskab's flag
    task.save(update_fields=["closure_flag", "closure_flag_code", "closure_flag_params"])
    conclude(measure(make_experiment(task, "Andet forsøg"), [35, 38]))
    task.refresh_from_db()
    assert task.closure_reason == "Direktionen vil drøfte at lukke opgaven."


def test_the_admin_shows_trials_but_offers_no_add_change_or_delete(
    client, personas, task, make_experiment, measure, conclude
):
    experiment = measure(make_experiment(task), [32, 35])
    card = conclude(experiment)
    client.force_login(personas[roles.ADMINISTRATOR])
    for model, pk in [
        ("experiment", experiment.pk),
        ("measurement", experiment.measurements.first().pk),
        ("learningcard", card.pk),
    ]:
        changelist = client.get(reverse(f"admin:evidence_{model}_changelist"))
        assert changelist.status_code == 200
        assert b"delete_selected" not in changelist.content
        assert client.get(reverse(f"admin:evidence_{model}_add")).status_code == 403
        change = client.get(reverse(f"admin:evidence_{model}_change", args=[pk]))
        assert change.status_code == 200
        assert b'name="_save"' not in change.content
        delete_url = reverse(f"admin:evidence_{model}_delete", args=[pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert experiment.measurements.count() == 2
