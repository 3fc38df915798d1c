"""How a trial's figures are shown: the chart's ticks and labels, measured values, concluded trials."""

import re
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from samskab.accounts import roles
from samskab.core.charts import text_width
from samskab.evidence.chart import chart_of
from samskab.evidence.queries import measurements_of

TICK_FONT = 13  # .chart-tick in samskab.css


def svg_texts(page: str) -> tuple[float, list[tuple[float, str, str]]]:
    """The chart's width and its labels: (x, text-anchor, text)."""
    svg = re.search(
        r'<svg class="prioritisation-chart" viewBox="0 0 (\d+) \d+".*?</svg>', page, re.S
    )
    assert svg, "no chart on the page"
    texts = re.findall(
        r'<text class="chart-tick" x="([\d.]+)"[^>]*text-anchor="(\w+)"[^>]*>([^<]*)</text>',
        svg.group(0),
    )
    return float(svg.group(1)), [(float(x), anchor, label) for x, anchor, label in texts]


def test_the_y_axis_has_round_ticks_in_the_active_languages_format(task, make_experiment, measure):
    experiment = measure(make_experiment(task, baseline=Decimal("9.5")), [10, "11.5"])

    with translation.override("da"):
        danish = chart_of(experiment, measurements_of(experiment))
    with translation.override("en"):
        english = chart_of(experiment, measurements_of(experiment))

    assert [tick.label for tick in danish.y_ticks] == ["9,5", "10", "10,5", "11", "11,5"]
    assert [tick.label for tick in english.y_ticks] == ["9.5", "10", "10.5", "11", "11.5"]
    # The lowest tick sits on the x axis, the highest on the top of the plot.
    assert danish.y_ticks[0].at == danish.bottom
    assert danish.y_ticks[-1].at == danish.top


def test_every_label_of_the_chart_fits_inside_it(client, personas, task, make_experiment, measure):
    experiment = measure(
        make_experiment(task, baseline=Decimal("1234567.5"), unit="kr."), [1250000, 1312345]
    )
    client.force_login(personas[roles.INNOVATIONSENHED])

    page = client.get(reverse("evidence:experiment-detail", args=[experiment.pk])).content.decode()

    width, texts = svg_texts(page)
    for x, anchor, label in texts:
        drawn = text_width(label, font_size=TICK_FONT)
        start = {"start": x, "middle": x - drawn / 2, "end": x - drawn}[anchor]
        assert start >= 0 and start + drawn <= width, (label, start, start + drawn, width)
    assert [label for _x, _anchor, label in texts][-2:] == ["05.01.2026", "12.01.2026"]
    assert "1.320.000" in [label for _x, _anchor, label in texts]


def test_measured_values_are_shown_without_trailing_zeros(
    client, personas, task, make_experiment, measure
):
    experiment = measure(make_experiment(task, baseline=Decimal("20.5")), ["12.1", "1234.25"])
    client.force_login(personas[roles.INNOVATIONSENHED])

    page = client.get(reverse("evidence:experiment-detail", args=[experiment.pk])).content.decode()

    assert '<td class="align-text-right">12,1</td>' in page
    assert '<td class="align-text-right">1.234,25</td>' in page
    assert "12,1000" not in page
    assert "20,5 %" in page.replace("\xa0", " ")  # the baseline, in its unit
    assert "20,5000" not in page


def test_the_correction_forms_show_values_without_trailing_zeros(
    client, personas, task, make_experiment, measure
):
    experiment = measure(make_experiment(task, baseline=Decimal("20.5")), ["100", "12.1"])
    measurement = experiment.measurements.get(value=Decimal("12.1"))
    client.force_login(personas[roles.INNOVATIONSENHED])

    correct = client.get(reverse("evidence:measurement-edit", args=[measurement.pk]))
    edit = client.get(reverse("evidence:experiment-edit", args=[experiment.pk]))

    assert 'name="value" value="12,1"' in correct.content.decode()
    assert 'name="baseline" value="20,5"' in edit.content.decode()
    assert 'name="target_change" value="10"' in edit.content.decode()


# A concluded trial takes no more measurements -------------------------------------


def test_a_concluded_trial_offers_no_measurement_entry_or_import(
    client, personas, task, make_experiment, measure, conclude
):
    experiment = measure(make_experiment(task), [31, 33])
    conclude(experiment)
    client.force_login(personas[roles.INNOVATIONSENHED])

    page = client.get(reverse("evidence:experiment-detail", args=[experiment.pk])).content.decode()

    assert reverse("evidence:experiment-measure", args=[experiment.pk]) not in page
    assert reverse("evidence:experiment-import", args=[experiment.pk]) not in page
    assert reverse("evidence:experiment-edit", args=[experiment.pk]) not in page


def test_the_forms_of_a_concluded_trial_send_back_to_the_trial_and_say_why(
    client, personas, task, make_experiment, measure, conclude
):
    experiment = measure(make_experiment(task), [31, 33])
    measurement = experiment.measurements.first()
    conclude(experiment)
    client.force_login(personas[roles.INNOVATIONSENHED])
    trial = reverse("evidence:experiment-detail", args=[experiment.pk])
    no_more = "Prøvehandlingen er afsluttet med et læringskort og tager ikke flere målinger."
    kept = (
        "Prøvehandlingen er afsluttet med et læringskort; dens målinger bevares, som de var, "
        "og kan ikke længere rettes eller slettes."
    )

    for url, reason in [
        (reverse("evidence:experiment-measure", args=[experiment.pk]), no_more),
        (reverse("evidence:experiment-import", args=[experiment.pk]), no_more),
        (reverse("evidence:measurement-edit", args=[measurement.pk]), kept),
        (reverse("evidence:measurement-delete", args=[measurement.pk]), kept),
        (
            reverse("evidence:experiment-edit", args=[experiment.pk]),
            "Prøvehandlingen er afsluttet med et læringskort; den kan ikke længere ændres.",
        ),
    ]:
        response = client.get(url, follow=True)
        assert response.redirect_chain == [(trial, 302)], url
        assert [str(m) for m in response.context["messages"]] == [reason], url

    posted = client.post(
        reverse("evidence:experiment-measure", args=[experiment.pk]),
        {"measured_on": "2026-03-01", "group": "trial", "value": "40", "observations": "5"},
    )
    assert posted.status_code == 302 and posted["Location"] == trial
    assert experiment.measurements.count() == 2


def test_the_forms_of_a_trial_of_a_closed_task_send_back_to_the_trial(
    client, personas, task, make_experiment
):
    experiment = make_experiment(task)
    type(task).objects.filter(pk=task.pk).update(
        status=type(task).Status.STOPPED, ended_on=task.started_on
    )
    client.force_login(personas[roles.INNOVATIONSENHED])

    response = client.get(reverse("evidence:experiment-measure", args=[experiment.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("evidence:experiment-detail", args=[experiment.pk])
