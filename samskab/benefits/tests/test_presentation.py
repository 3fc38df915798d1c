"""Amounts on a task's benefit pages: kroner with "kr." where the line counts kroner."""

from decimal import Decimal

from django.urls import reverse

from samskab.accounts import roles
from samskab.benefits.models import BenefitKind, BenefitLine

NBSP = "\xa0"


def test_the_task_page_shows_kroner_where_the_unit_is_kroner(
    client, personas, task, signed, realise
):
    _, line = signed(task)
    BenefitLine.objects.filter(pk=line.pk).update(unit="DKK")
    realise(line, "30000.50")
    client.force_login(personas[roles.DIREKTION])

    body = client.get(reverse("benefits:task-benefits", args=[task.pk])).content.decode()

    assert f"<li>2025: 100.000{NBSP}kr.</li>" in body  # a target
    assert f"<td>30.000,50{NBSP}kr." in body  # realised so far, and the realisation
    assert "30.000,50 DKK" not in body
    agreement = client.get(reverse("benefits:agreement-detail", args=[line.agreement_id]))
    assert f"2025: 100.000{NBSP}kr." in agreement.content.decode()


def test_the_task_page_shows_other_units_with_their_unit(client, personas, task, signed, realise):
    _, line = signed(task, kind=BenefitKind.HOURS, targets=[(2025, Decimal("1500"))])
    BenefitLine.objects.filter(pk=line.pk).update(unit="timer")
    realise(line, "120.5")
    client.force_login(personas[roles.DIREKTION])

    body = client.get(reverse("benefits:task-benefits", args=[task.pk])).content.decode()

    assert "<li>2025: 1.500</li>" in body
    assert f"<td>120,5{NBSP}timer</td>" in body
    assert f"1.500{NBSP}kr." not in body


def test_the_panel_on_the_task_page_shows_realised_kroner(client, personas, task, signed, realise):
    _, line = signed(task)
    realise(line, "45000")
    client.force_login(personas[roles.DIREKTION])

    body = client.get(reverse("portfolio:task-detail", args=[task.pk])).content.decode()

    assert f"Økonomisk (kr.): 45.000{NBSP}kr." in body
