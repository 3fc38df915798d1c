"""The benefit agreement and the realisations in a task's story."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.benefits import services
from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask

NBSP = "\xa0"


def benefits_in(task, reader, today=None):
    task = InnovationTask.objects.get(pk=task.pk)  # as a request reads it
    return [
        event
        for event in timeline.story(task, viewer=reader, today=today)
        if event.source == "benefits"
    ]


def test_an_agreement_is_told_when_signed_not_while_drafted(
    task, draft_with_line, manager, personas
):
    agreement, _line = draft_with_line(task)
    reader = personas[roles.DIREKTION]
    assert benefits_in(task, reader) == []

    services.agreement_sign(agreement=agreement, by=manager, signed_on=date(2025, 1, 10))
    [signed] = benefits_in(task, reader)

    assert signed.on == date(2025, 1, 10)
    assert signed.title == "Gevinstrealiseringsaftale underskrevet"
    assert signed.details == (f"Underskrevet af {manager.person.name}",)
    assert signed.url == reverse("benefits:agreement-detail", args=[agreement.pk])


def test_a_revision_is_told_when_its_version_is_signed_with_its_reason(
    task, signed, manager, staff, personas
):
    agreement, _line = signed(task)
    draft = services.agreement_revise(agreement=agreement, reason="Målene var for høje.", by=staff)
    services.agreement_sign(agreement=draft, by=manager, signed_on=date(2025, 9, 1))

    events = benefits_in(task, personas[roles.DIREKTION])

    assert [event.title for event in events] == [
        "Gevinstrealiseringsaftale underskrevet",
        "Gevinstrealiseringsaftalen revideret: version 2 underskrevet",
    ]
    assert "Målene var for høje." in events[1].details
    assert events[1].url == reverse("benefits:agreement-detail", args=[draft.pk])


def test_what_was_realised_is_told_per_period_on_its_last_day(
    task, signed, draft_with_line, realise, personas
):
    _agreement, line = signed(task)
    realise(line, "30000", start=date(2025, 1, 1), end=date(2025, 3, 31))
    realise(line, "45000", start=date(2025, 4, 1), end=date(2025, 6, 30))
    reader = personas[roles.DIREKTION]

    told = benefits_in(task, reader, today=date(2025, 6, 29))
    assert [event.on for event in told] == [date(2025, 1, 10), date(2025, 3, 31)]

    periods = [event for event in benefits_in(task, reader) if event.on != date(2025, 1, 10)]
    assert [event.on for event in periods] == [date(2025, 3, 31), date(2025, 6, 30)]
    assert periods[0].title == "Gevinster realiseret 01.01.2025–31.03.2025"
    assert periods[0].details == (f"Sparet hjemmehjælp: 30.000{NBSP}kr.",)
    assert periods[0].url == reverse("benefits:task-benefits", args=[task.pk])


def test_a_citizen_is_told_no_benefits(task, signed, personas):
    signed(task)
    assert benefits_in(task, personas[roles.BORGER]) == []


def test_the_story_of_benefits_costs_the_same_with_more_realisations(
    task, signed, realise, personas
):
    _agreement, line = signed(task)
    reader = personas[roles.DIREKTION]

    def count():
        with CaptureQueriesContext(connection) as queries:
            benefits_in(task, reader)
        return [query["sql"] for query in queries]

    realise(line, "1000")
    count()  # the reader's groups and permissions are read once, on the first
    few = count()
    for week in range(1, 30):
        start = date(2025, 1, 1) + timedelta(days=7 * week)
        realise(line, "1000", start=start, end=start + timedelta(days=6))
    assert count() == few
