"""The decision log: newest first, filtered by forum, kind, task and period, paginated."""

from datetime import date

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.governance import services
from samskab.governance.models import Decision

Kind = Decision.Kind
LOG = "governance:decision-list"


@pytest.fixture
def log(start_task, make_proposal, executive, committee, director, personas):
    first = start_task("Første")
    second = start_task("Anden")
    rejected = make_proposal("Afvist")

    def record(kind, forum, by, decided_on, **fields):
        return services.decision_record(
            kind=kind,
            forum=forum,
            by=by,
            rationale=f"{kind} {decided_on}",
            decided_on=decided_on,
            **fields,
        )

    member = personas[roles.OPGAVEUDVALG]
    return {
        "first": first,
        "second": second,
        "pause": record(Kind.PAUSE, executive, director, date(2026, 3, 1), task=first),
        "advice": record(Kind.RECOMMENDATION, committee, member, date(2026, 2, 1), task=second),
        "reject": record(Kind.REJECT, executive, director, date(2026, 1, 15), proposal=rejected),
        "old": record(Kind.RECOMMENDATION, committee, member, date(2025, 6, 1), task=first),
    }


def shown(client, **params) -> list[Decision]:
    response = client.get(reverse(LOG), params)
    assert response.status_code == 200
    return list(response.context["page_obj"].object_list)


def test_the_log_is_newest_first(client, log, director):
    client.force_login(director)
    decisions = shown(client)
    assert [d.decided_on for d in decisions] == sorted(
        (d.decided_on for d in decisions), reverse=True
    )
    assert decisions[-1] == log["old"]


def test_filter_by_forum(client, log, committee, director):
    client.force_login(director)
    assert shown(client, forum=committee.pk) == [log["advice"], log["old"]]


def test_filter_by_kind(client, log, director):
    client.force_login(director)
    assert shown(client, type=Kind.PAUSE) == [log["pause"]]


def test_filter_by_task_includes_its_start(client, log, director):
    client.force_login(director)
    first = log["first"]
    start = Decision.objects.get(task=first, kind=Kind.START)  # recorded today
    assert shown(client, opgave=first.pk) == [start, log["pause"], log["old"]]


def test_the_task_filter_offers_open_tasks_and_still_finds_a_closed_one(
    client, log, executive, director
):
    first, second = log["first"], log["second"]
    services.decision_record(
        kind=Kind.GATE_STOP,
        forum=executive,
        task=second,
        rationale="Ingen effekt.",
        not_worked="Borgerne brugte den ikke.",
        by=director,
    )
    client.force_login(director)
    offered = client.get(reverse(LOG)).context["form"]["opgave"].field.widget.choices
    assert [pk for pk, _title in offered] == ["", first.pk]
    response = client.get(reverse(LOG), {"opgave": second.pk})
    chosen = response.context["form"]["opgave"].field.widget.choices
    assert second.pk in [pk for pk, _title in chosen]
    assert f'<option value="{second.pk}" selected>' in response.content.decode()
    assert all(d.task == second for d in response.context["page_obj"])


def test_filter_by_period_includes_both_days(client, log, director):
    client.force_login(director)
    assert shown(client, fra="2026-01-15", til="2026-02-01") == [log["advice"], log["reject"]]


def test_a_period_that_ends_before_it_starts_is_an_error_not_a_crash(client, log, director):
    client.force_login(director)
    response = client.get(reverse(LOG), {"fra": "2026-03-01", "til": "2026-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["til"]


@pytest.mark.parametrize(
    "params",
    [{"forum": "x"}, {"type": "nonsense"}, {"opgave": "999999"}, {"fra": "i går"}, {"side": "-3"}],
)
def test_bad_filters_show_the_whole_log(client, log, director, params):
    client.force_login(director)
    assert len(shown(client, **params)) == Decision.objects.count()


def test_the_log_is_paginated(client, log, director, settings):
    settings.SAMSKAB_PAGE_SIZE = 4
    client.force_login(director)
    first_page = shown(client)
    second_page = shown(client, side=2)
    assert Decision.objects.count() == 6
    assert (len(first_page), len(second_page)) == (4, 2)
    assert not set(first_page) & set(second_page)


def test_htmx_gets_only_the_results(client, log, director):
    client.force_login(director)
    response = client.get(reverse(LOG), {"type": Kind.REJECT}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "<html" not in body


def test_the_committee_and_the_council_read_the_log(client, log, personas):
    for persona in (roles.OPGAVEUDVALG, roles.KOMMUNALBESTYRELSE, roles.MEDARBEJDER):
        client.force_login(personas[persona])
        assert len(shown(client)) == Decision.objects.count()
