"""The trial pages: recording, measuring by hand and from a file, concluding; query counts."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.evidence.models import Design, Experiment, LearningCard, Measurement
from samskab.governance.models import Forum, Meeting


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def csv_file(text: str, name: str = "maalinger.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_the_owner_records_a_trial_through_the_form(client, personas, task, owner):
    client.force_login(personas[roles.OMRAADELEDER])
    response = client.post(
        reverse("evidence:experiment-create", args=[task.pk]),
        {
            "title": "Træning før hjælp",
            "hypothesis": "Vi tror at træning gør flere selvhjulpne.",
            "intervention": "12 ugers træning.",
            "metric": "Selvhjulpne",
            "unit": "%",
            "direction": "higher",
            "baseline": "20,5",
            "success_criterion": "10 procentpoint flere.",
            "target_change": "10",
            "design": "before_after",
            "starts_on": "2026-01-01",
            "ends_on": "2026-06-30",
            "owner": owner.pk,
            "value_served": "quality",
        },
    )
    experiment = Experiment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evidence:experiment-detail", args=[experiment.pk])
    assert str(experiment.baseline) == "20.5000"


def test_a_trial_that_ends_before_it_starts_is_refused_keeping_what_was_typed(
    client, personas, task, owner
):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("evidence:experiment-create", args=[task.pk]),
        {"title": "Baglæns", "starts_on": "2026-06-01", "ends_on": "2026-01-01"},
    )
    assert response.status_code == 200
    assert "Prøvehandlingen kan ikke slutte, før den starter." in response.content.decode()
    assert 'value="Baglæns"' in response.content.decode()
    assert not Experiment.objects.exists()


def test_measurements_are_entered_and_shown_as_a_chart_and_a_table(
    client, personas, task, make_experiment
):
    experiment = make_experiment(task)
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("evidence:experiment-measure", args=[experiment.pk]),
        {"measured_on": "2026-02-01", "group": "trial", "value": "31,5", "observations": "12"},
    )
    assert response.status_code == 302
    assert Measurement.objects.get().value == pytest.approx(31.5)
    page = client.get(reverse("evidence:experiment-detail", args=[experiment.pk])).content.decode()
    assert "<svg" in page and "<table" in page
    assert "31,5" in page


def test_an_import_with_bad_rows_imports_nothing_and_names_each_row(
    client, personas, task, make_experiment
):
    experiment = make_experiment(task)
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("evidence:experiment-import", args=[experiment.pk]),
        {
            "file": csv_file(
                "dato;gruppe;værdi;antal;kilde\n"
                "2026-02-01;forsøg;31,5;12;Omsorgssystemet\n"
                "2026-02-08;forsøg;mange;12;Omsorgssystemet\n"
                "30-02-2026;forsøg;33;0;Omsorgssystemet\n"
                "2026-02-22;sammenligning;30;10;\n"
            )
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Intet blev importeret" in page
    assert "Række 3: værdien “mange” er ikke et tal." in page
    assert "Række 4: datoen “30-02-2026”" in page
    assert "Række 4: antallet af observationer “0”" in page
    assert "Række 5: prøvehandlingens design har ingen sammenligningsgruppe." in page
    assert not Measurement.objects.exists()


def test_a_good_csv_file_is_imported_whole(client, personas, task, make_experiment):
    experiment = make_experiment(task, design=Design.COMPARISON)
    client.force_login(personas[roles.OMRAADELEDER])
    response = client.post(
        reverse("evidence:experiment-import", args=[experiment.pk]),
        {
            "file": csv_file(
                "Dato,Gruppe,Værdi,Antal,Note\n"
                "2026-02-01,forsøg,31.5,12,\n"
                "08-02-2026,sammenligning,22,10,Skole B\n"
                "15.02.2026,,33,,\n"
            )
        },
    )
    assert response.status_code == 302
    rows = list(experiment.measurements.order_by("measured_on"))
    assert [(str(m.measured_on), m.group, float(m.value), m.observations) for m in rows] == [
        ("2026-02-01", "trial", 31.5, 12),
        ("2026-02-08", "comparison", 22.0, 10),
        ("2026-02-15", "trial", 33.0, 1),
    ]
    experiment.refresh_from_db()
    assert experiment.evidence_level == 2


def test_an_excel_file_is_imported(client, personas, task, make_experiment):
    experiment = make_experiment(task)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["dato", "værdi", "antal"])
    sheet.append([timezone.datetime(2026, 3, 1), 30.25, 14])
    sheet.append(["2026-03-08", 31, 15])
    data = io.BytesIO()
    workbook.save(data)
    client.force_login(personas[roles.INNOVATIONSENHED])
    upload = SimpleUploadedFile("maalinger.xlsx", data.getvalue())
    response = client.post(
        reverse("evidence:experiment-import", args=[experiment.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert sorted(float(v) for v in experiment.measurements.values_list("value", flat=True)) == [
        30.25,
        31.0,
    ]


def test_a_file_without_the_needed_columns_is_refused(client, personas, task, make_experiment):
    experiment = make_experiment(task)
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("evidence:experiment-import", args=[experiment.pk]),
        {"file": csv_file("navn;alder\nA;3\n")},
    )
    assert "Filen skal have kolonnerne dato (date) og værdi (value)" in response.content.decode()
    assert not Measurement.objects.exists()


def test_concluding_with_a_learning_card_shows_the_advice_beside_the_gate(
    client, personas, task, make_experiment, measure
):
    experiment = measure(make_experiment(task), [32, 35])
    client.force_login(personas[roles.OMRAADELEDER])
    response = client.post(
        reverse("evidence:experiment-conclude", args=[experiment.pk]),
        {"saw": "Flere klarede sig.", "learned": "Træning virker.", "decide": "Vi udbreder."},
    )
    assert response.status_code == 302
    assert LearningCard.objects.get().advice == "go"
    page = client.get(reverse("portfolio:task-detail", args=[task.pk])).content.decode()
    assert "Evidensniveau 2" in page
    assert "Go: prøvehandlingen opfyldte sit succeskriterium" in page
    assert "Hvert krav til gaten er opfyldt." in page or "tjekliste" in page


def test_the_trials_panel_costs_the_same_with_few_and_many_trials(
    client, personas, task, make_experiment, measure, conclude
):
    client.force_login(personas[roles.INNOVATIONSENHED])
    url = reverse("portfolio:task-detail", args=[task.pk])
    conclude(measure(make_experiment(task, "Forsøg 0"), [30, 31]))
    few = count_queries(client, url)
    for i in range(1, 15):
        experiment = measure(make_experiment(task, f"Forsøg {i}"), [30 + i, 31])
        if i % 2:
            conclude(experiment)
    many = count_queries(client, url)
    assert few == many
    assert "Forsøg 14" in client.get(url).content.decode()


def test_the_meeting_pack_shows_each_tasks_evidence_at_a_constant_cost(
    client, personas, make_task, make_experiment, measure, conclude
):
    meeting = Meeting.objects.create(
        forum=Forum.objects.get(kind=Forum.Kind.EXECUTIVE),
        starts_at=timezone.now() + timedelta(days=7),
    )
    url = reverse("governance:meeting-pack", args=[meeting.pk])
    client.force_login(personas[roles.DIREKTION])

    def tasks_due(n, offset=0):
        for i in range(n):
            task = make_task(f"Opgave {offset + i}")
            task.next_gate_on = timezone.localdate()
            task.save(update_fields=["next_gate_on"])
            conclude(measure(make_experiment(task, f"Forsøg {offset + i}"), [30, 35]))
            make_experiment(task, f"Løbende {offset + i}")

    tasks_due(2)
    few = count_queries(client, url)
    tasks_due(10, offset=2)
    many = count_queries(client, url)
    assert few == many
    page = client.get(url).content.decode()
    assert "Forsøg 11 · Evidensniveau 2 · Go: prøvehandlingen opfyldte sit succeskriterium" in page
