"""Each concluded trial's effect and interval in figures on the task page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.evidence import statistics
from samskab.evidence.models import Design, Direction, Measurement


def effects_section(client, task) -> str:
    response = client.get(reverse("portfolio:task-detail", args=[task.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    if 'id="effects-heading"' not in body:
        return ""
    return body.split('id="effects-heading"')[1].split("</section>")[0]


def test_a_concluded_trial_shows_its_change_against_the_baseline_with_its_interval(
    client, task, make_experiment, measure, conclude, personas
):
    experiment = measure(make_experiment(task), [30, 32, 34])  # baseline 20, target 10
    conclude(experiment)
    interval = statistics.mean_against([30.0, 32.0, 34.0], 20.0)
    client.force_login(personas[roles.DIREKTION])

    section = effects_section(client, task)

    assert "Træning før hjælp" in section
    assert "<strong>+12\xa0%</strong>" in section
    low, high = (f"{value:.2f}".replace(".", ",") for value in (interval.low, interval.high))
    assert f"95 %-konfidensinterval {low} til {high}" in section
    assert "Ingen sammenligningsgruppe" in section
    assert "2 af 5" in section
    assert "<strong>Opfyldt</strong>" in section


def test_a_trial_with_a_comparison_group_shows_welchs_interval_and_when_it_missed(
    client, task, make_experiment, measure, conclude, personas
):
    experiment = make_experiment(
        task,
        "Med sammenligning",
        design=Design.COMPARISON,
        direction=Direction.LOWER,
        baseline=20,
        target_change=5,
    )
    measure(experiment, [19, 21, 20])
    measure(experiment, [20, 22, 21], group=Measurement.Group.COMPARISON)
    conclude(experiment)
    welch = statistics.welch([19.0, 21.0, 20.0], [20.0, 22.0, 21.0])
    client.force_login(personas[roles.DIREKTION])

    section = effects_section(client, task)

    assert "<strong>-1\xa0%</strong>" in section  # the trial group's mean less the comparison's
    low, high = (f"{value:.2f}".replace(".", ",") for value in (welch.low, welch.high))
    assert f"Welchs 95 %-konfidensinterval {low} til {high}" in section
    assert "<strong>Ikke opfyldt</strong>" in section


def test_a_running_trial_has_no_figures_yet(client, task, make_experiment, measure, personas):
    measure(make_experiment(task), [30, 32])
    client.force_login(personas[roles.DIREKTION])
    assert effects_section(client, task) == ""


@pytest.mark.parametrize("design", [Design.BEFORE_AFTER, Design.COMPARISON])
def test_the_effects_cost_the_same_with_few_and_many_trials(
    client, task, make_experiment, measure, conclude, personas, design
):
    url = reverse("portfolio:task-detail", args=[task.pk])
    client.force_login(personas[roles.INNOVATIONSENHED])

    def add(n, offset=0):
        for i in range(n):
            experiment = make_experiment(task, f"Forsøg {offset + i}", design=design)
            measure(experiment, [30 + i, 31, 33])
            if design == Design.COMPARISON:
                measure(experiment, [20, 21, 22], group=Measurement.Group.COMPARISON)
            conclude(experiment)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    add(1)
    few = count()
    add(8, offset=1)
    assert few == count()
    assert "Forsøg 8" in effects_section(client, task)
