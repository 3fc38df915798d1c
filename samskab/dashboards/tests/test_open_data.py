"""Open data (/aabenhed/): only what is public, as a page, CSV files in a ZIP and JSON."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.benefits.models import BenefitAgreement, BenefitLine, BenefitRealisation
from samskab.dashboards import opendata, opendata_views
from samskab.evidence.models import Experiment, LearningCard, Measurement
from samskab.governance.models import Decision, Forum
from samskab.ideas.models import Audience, Idea, InternalNote
from samskab.portfolio.models import InnovationTask

PAGE = reverse("dashboards:open-data")
JSON = reverse("dashboards:open-data-json")
ZIP = reverse("dashboards:open-data-zip")


def recently(days: int = 10):
    return timezone.now() - timedelta(days=days)


def everything(client) -> str:
    """The page, the JSON and every file of the ZIP, as one text."""
    page = client.get(PAGE).content.decode()
    document = client.get(JSON).content.decode()
    archive = zipfile.ZipFile(io.BytesIO(client.get(ZIP).content))
    files = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    return page + document + files


@pytest.fixture
def executive():
    return Forum.objects.get(kind=Forum.Kind.EXECUTIVE)


@pytest.fixture
def decide(executive, personas):
    def make(task, kind=Decision.Kind.GATE_GO, *, forum=None, **fields) -> Decision:
        return Decision.objects.create(
            kind=kind,
            forum=forum or executive,
            task=task,
            rationale=fields.pop("rationale", "Begrundelse"),
            recorded_by=personas[roles.DIREKTION],
            **fields,
        )

    return make


@pytest.fixture
def portfolio(task_with_gates, decide, received, owner, personas):
    """A published task with a gate, a concluded trial and a benefit; and what must stay inside."""
    today = timezone.localdate()
    public_idea = received(recently(), responded=recently(9), title="Offentlig idé om cykler")
    internal = received(recently(), title="Intern idé om løn", audience=Audience.INTERNAL)
    pending = received(recently(), title="Upubliceret idé", moderation=Idea.Moderation.PENDING)
    InternalNote.objects.create(idea=public_idea, body="Intern note: ring til Hansen")
    task = task_with_gates(
        [public_idea, internal, pending],
        started=today - timedelta(days=200),
        title="Cykelbyen",
    )
    InnovationTask.objects.filter(pk=task.pk).update(
        problem="Hemmeligt problem", closure_flag="Lukkeflag", learned_worked="Intern læring"
    )
    task.refresh_from_db()
    decide(
        task,
        from_phase=1,
        to_phase=2,
        decided_on=today - timedelta(days=100),
        rationale="Fortroligt rationale",
        evidence="Intern evidens",
        political_reference="KB sag 42",
    )
    InnovationTask.objects.filter(pk=task.pk).update(phase=2)
    wrong = decide(task, Decision.Kind.RECALIBRATE, rationale="Forkert dato")
    decide(task, Decision.Kind.CORRECTION, corrects=wrong, rationale="Rettelsen af datoen")
    decide(task, Decision.Kind.WIP_OVERRIDE, rationale="Overskrid grænsen")
    decide(
        task,
        Decision.Kind.RECOMMENDATION,
        forum=Forum.objects.get(kind=Forum.Kind.COMMITTEE),
        rationale="Udvalgets anbefaling",
    )
    completed = task_with_gates(
        started=today - timedelta(days=900),
        gates=[today - timedelta(days=800 - 100 * g) for g in range(6)],
        status=InnovationTask.Status.COMPLETED,
        ended=today - timedelta(days=10),
        title='=HYPERLINK("http://example.com")',
    )
    stopped = task_with_gates(
        started=today - timedelta(days=300),
        status=InnovationTask.Status.STOPPED,
        ended=today - timedelta(days=20),
        title="Stoppet opgave om overvågning",
    )
    decide(stopped, Decision.Kind.GATE_STOP, from_phase=1, rationale="Stoppet")

    experiment = Experiment.objects.create(
        task=task,
        title="Cykelforsøg",
        hypothesis="Hemmelig hypotese",
        intervention="x",
        metric="Cyklister pr. dag",
        unit="antal",
        baseline=Decimal("100"),
        target_change=Decimal("10"),
        success_criterion="x",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=30),
        owner=owner,
        value_served="quality",
    )
    for value in (110, 120, 130):
        Measurement.objects.create(
            experiment=experiment, measured_on=today - timedelta(days=40), value=value
        )
    LearningCard.objects.create(
        experiment=experiment,
        saw="Læringskortets tekst",
        learned="x",
        decide="x",
        advice="go",
        evidence_level=2,
        criterion_met=True,
        effect_documented=True,
    )
    Experiment.objects.create(
        task=task,
        title="Igangværende forsøg",
        hypothesis="x",
        intervention="x",
        metric="x",
        unit="x",
        baseline=0,
        target_change=1,
        success_criterion="x",
        starts_on=today,
        ends_on=today,
        owner=owner,
        value_served="quality",
    )
    for on, value in ((task, "12500.50"), (stopped, "4711.33")):
        agreement = BenefitAgreement.objects.create(
            task=on, owner=owner, parties="x", status="signed", signed_on=today
        )
        line = BenefitLine.objects.create(
            agreement=agreement,
            kind="economic",
            description="x",
            kpi="Sparet",
            unit="kr.",
            baseline=0,
            measurement_method="x",
            responsible=owner,
        )
        BenefitRealisation.objects.create(
            line=line,
            period_start=date(today.year, 1, 1),
            period_end=date(today.year, 1, 31),
            value=Decimal(value),
            evidence="Intern dokumentation",
        )
    return {"task": task, "completed": completed, "stopped": stopped}


SECRETS = (
    "Intern idé om løn",
    "Upubliceret idé",
    "Intern note",
    "Hemmeligt problem",
    "Lukkeflag",
    "Intern læring",
    "Fortroligt rationale",
    "Intern evidens",
    "Forkert dato",
    "Rettelsen af datoen",
    "Overskrid grænsen",
    "Udvalgets anbefaling",
    "Stoppet opgave om overvågning",
    "Hemmelig hypotese",
    "Læringskortets tekst",
    "Igangværende forsøg",
    "Intern dokumentation",
    "Persona omraadeleder",  # the owner
    "4711.33",
)


def test_only_what_is_public_is_published(client, portfolio):
    published = everything(client)
    for secret in SECRETS:
        assert secret not in published, secret
    for public in ("Cykelbyen", "KB sag 42", "Cykelforsøg", "Cyklister pr. dag", "12500.5"):
        assert public in published, public


def test_the_public_funnel_counts_only_published_public_ideas(client, portfolio):
    document = json.loads(client.get(JSON).content)
    funnel = {(row["period"], row["step"]): row for row in document["datasets"]["funnel"]["rows"]}
    assert funnel[("current", "received")]["ideas"] == 1
    assert funnel[("current", "answered")]["ideas"] == 1
    assert funnel[("current", "task")]["ideas"] == 1
    assert funnel[("current", "task")]["tasks"] == 1
    assert funnel[("current", "answered")]["conversion_percent"] == 100


def test_the_public_portfolio_decisions_trials_and_benefits(client, portfolio):
    datasets = json.loads(client.get(JSON).content)["datasets"]
    tasks = {row["title"]: row for row in datasets["portfolio"]["rows"]}
    assert set(tasks) == {"Cykelbyen", '=HYPERLINK("http://example.com")'}
    assert tasks["Cykelbyen"]["phase"] == 2
    assert tasks["Cykelbyen"]["status"] == "active"
    assert tasks["Cykelbyen"]["area"] == "Børn og Skole"
    decisions = datasets["decisions"]["rows"]
    assert [
        (row["kind"], row["task_title"]) for row in decisions if row["task_title"] == "Cykelbyen"
    ] == [("gate_go", "Cykelbyen")]
    assert decisions[0]["political_reference"] in {"KB sag 42", ""}
    [trial] = datasets["trials"]["rows"]
    assert trial["effect"] == 20
    assert trial["effect_against"] == "baseline"
    assert trial["effect_low"] < 20 < trial["effect_high"]
    assert (trial["measurements"], trial["evidence_level"], trial["criterion_met"]) == (3, 2, True)
    assert trial["advice"] == "go"
    [benefit] = datasets["benefits"]["rows"]
    assert (benefit["task_title"], benefit["realised"], benefit["kind"]) == (
        "Cykelbyen",
        12500.5,
        "economic",
    )


def test_every_file_has_the_documented_fields_in_order(client, portfolio):
    archive = zipfile.ZipFile(io.BytesIO(client.get(ZIP).content))
    assert sorted(archive.namelist()) == sorted(
        [dataset.filename for dataset in opendata.DATASETS] + ["fields.csv"]
    )
    document = json.loads(client.get(JSON).content)
    for dataset in opendata.DATASETS:
        text = archive.read(dataset.filename).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == dataset.names
        described = document["datasets"][dataset.name]
        assert list(described["fields"]) == dataset.names
        assert len(rows) - 1 == len(described["rows"])
        for row in described["rows"]:
            assert list(row) == dataset.names
    fields = list(csv.reader(io.StringIO(archive.read("fields.csv").decode("utf-8-sig"))))
    assert len(fields) - 1 == sum(len(dataset.fields) for dataset in opendata.DATASETS)


def test_text_in_the_csv_files_is_never_read_as_a_formula(client, portfolio):
    archive = zipfile.ZipFile(io.BytesIO(client.get(ZIP).content))
    text = archive.read("portfolio.csv").decode("utf-8-sig")
    titles = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert '\'=HYPERLINK("http://example.com")' in titles
    assert not any(title.startswith("=") for title in titles)
    decisions = archive.read("decisions.csv").decode("utf-8-sig")
    assert "\n=" not in decisions and ",=" not in decisions
    # JSON is not a spreadsheet: the title is as it was typed.
    document = json.loads(client.get(JSON).content)
    titles = {row["title"] for row in document["datasets"]["portfolio"]["rows"]}
    assert '=HYPERLINK("http://example.com")' in titles


def test_every_field_is_described_in_the_documentation():
    text = (Path(settings.BASE_DIR) / "docs" / "open-data.md").read_text()
    for dataset in opendata.DATASETS:
        assert f"`{dataset.filename}`" in text, dataset.name
        for field in dataset.fields:
            assert f"`{field.name}`" in text, f"{dataset.name}.{field.name}"


def test_the_page_is_public_and_may_be_cached_by_anyone(client, personas, portfolio):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies
    html = response.content.decode()
    assert "Cykelbyen" in html
    client.force_login(personas[roles.BORGER])
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_second_visit_reads_the_figures_from_the_cache(client, portfolio):
    assert client.get(PAGE).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    assert response.status_code == 200
    assert len(captured) == 0


def test_the_page_runs_the_same_number_of_queries_whatever_the_data(
    client, received, task_with_gates, decide
):
    from django.core.cache import cache

    def grow(n: int) -> None:
        today = timezone.localdate()
        for i in range(n):
            received(recently(i + 1), responded=recently(i))
            task = task_with_gates(started=today - timedelta(days=50 + i), title=f"Opgave {i}")
            decide(task, from_phase=1, to_phase=2, decided_on=today - timedelta(days=i))

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(PAGE)
        assert response.status_code == 200
        return len(captured)

    grow(2)
    small = count()
    grow(6)
    assert count() == small


def test_downloads_are_limited_for_each_client(client, monkeypatch, portfolio):
    monkeypatch.setattr(opendata_views, "DOWNLOAD_RATE", "2/h")
    assert client.get(ZIP).status_code == 200
    assert client.get(JSON).status_code == 200
    refused = client.get(ZIP)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    # The page itself is not limited.
    assert client.get(PAGE).status_code == 200


def test_the_files_are_served_as_what_they_are(client, portfolio):
    response = client.get(ZIP)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="samskab-aabne-data-')
    assert "public" in response["Cache-Control"]
    response = client.get(JSON)
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["source"] == settings.SAMSKAB_MUNICIPALITY_NAME


def test_english_labels_in_english(client, portfolio):
    document = json.loads(client.get("/en" + JSON).content)
    task = document["datasets"]["portfolio"]["rows"][0]
    assert task["status_label"] in {"Active", "Completed"}
    assert document["datasets"]["portfolio"]["fields"]["title"] == "The task's title."


def test_a_trials_effect_is_computed_again_only_when_the_trial_changes(portfolio):
    from django.core.cache import cache

    def rebuilt():
        cache.delete(opendata.cache_key(timezone.localdate()))
        with CaptureQueriesContext(connection) as captured:
            data = opendata.open_data()
        measured = any("evidence_measurement" in query["sql"] for query in captured)
        return data.rows["trials"][0], measured

    first, measured = rebuilt()
    assert measured and first["effect"] == 20
    again, measured = rebuilt()
    assert not measured and again == first

    experiment = Experiment.objects.get(title="Cykelforsøg")
    Measurement.objects.filter(experiment=experiment).update(value=F("value") + 10)
    experiment.save()  # a changed trial is computed anew
    changed, measured = rebuilt()
    assert measured and changed["effect"] == 30


def test_each_language_gets_its_own_page(client, portfolio):
    assert "<h1>Åbne data</h1>" in client.get(PAGE).content.decode()
    english = client.get("/en" + PAGE).content.decode()
    assert "<h1>Open data</h1>" in english
    assert "The funnel of public ideas" in english
