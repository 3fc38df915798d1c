"""The meeting list, a meeting's page, its pack and the decision log run a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.governance import services
from samskab.governance.models import Decision

Kind = Decision.Kind


@pytest.fixture
def grow(make_proposal, make_idea, start_task, make_meeting, executive, director):
    """Add items until there are ``n`` of each: meetings, agenda items, decisions."""
    meeting = make_meeting()
    made = {"items": 0, "meetings": 1}

    def add_item(i: int) -> None:
        idea = make_idea(f"Idé {i}")
        if i % 2:
            make_proposal(f"Forslag {i}", ideas=[idea])
        else:
            task = start_task(
                f"Opgave {i}",
                ideas=[idea],
                closure_flag="Lav værdi" if i % 4 == 0 else "",
                next_gate_on=timezone.localdate(),
                planned_end_on=timezone.localdate() - timezone.timedelta(days=1),
            )
            wrong = services.decision_record(
                kind=Kind.RECALIBRATE,
                forum=executive,
                meeting=meeting,
                task=task,
                rationale="Ny dato.",
                by=director,
            )
            services.decision_record(
                kind=Kind.PAUSE if i % 4 else Kind.RECALIBRATE,
                forum=executive,
                meeting=meeting,
                task=task,
                corrects=wrong,
                rationale="Rettelse.",
                by=director,
            )

    def to(n: int):
        while made["items"] < n:
            add_item(made["items"])
            made["items"] += 1
        while made["meetings"] < n:
            make_meeting(starts_at=timezone.now() - timezone.timedelta(days=made["meetings"]))
            made["meetings"] += 1
        return meeting

    return to


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name",
    [
        "governance:meeting-list",
        "governance:meeting-detail",
        "governance:meeting-pack",
        "governance:decision-list",
    ],
)
def test_queries_do_not_grow_with_the_rows(client, grow, director, name):
    meeting = grow(2)
    url = reverse(name, args=[meeting.pk]) if "detail" in name or "pack" in name else reverse(name)
    client.force_login(director)
    client.get(url)  # warm the caches that every page shares
    few = count(client, url)
    grow(40)
    assert Decision.objects.count() > 40
    many = count(client, url)
    assert few == many, f"{name}: {few} queries for 2 rows, {many} for 40"


def test_the_decision_log_with_filters_runs_a_fixed_number_of_queries(
    client, grow, director, executive
):
    grow(2)
    client.force_login(director)
    url = (
        reverse("governance:decision-list")
        + f"?forum={executive.pk}&type=recalibrate&fra=2020-01-01"
    )
    client.get(url)
    few = count(client, url)
    grow(40)
    assert count(client, url) == few
