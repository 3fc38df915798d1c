"""Deleting a draft's benefit line, and correcting or deleting a realisation recorded by mistake."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.accounts import roles
from samskab.benefits import queries, services
from samskab.benefits.models import BenefitLine, BenefitRealisation, BenefitTarget


def test_a_line_of_a_draft_is_deleted_with_its_targets(task, draft_with_line, staff):
    agreement, line = draft_with_line(task)
    _, other = draft_with_line(task, kpi="Frigjorte timer", kind="hours")
    services.line_delete(line=line, by=staff)
    assert list(agreement.lines.all()) == [other]
    assert not BenefitTarget.objects.filter(line_id=line.pk).exists()


def test_a_line_of_a_signed_agreement_is_never_deleted(task, signed, staff):
    agreement, line = signed(task)
    with pytest.raises(ValidationError, match="aldrig"):
        services.line_delete(line=line, by=staff)
    assert agreement.lines.filter(pk=line.pk).exists()


def test_deleting_a_line_of_a_revision_leaves_the_signed_version_alone(task, signed, staff):
    old, old_line = signed(task)
    revision = services.agreement_revise(agreement=old, reason="Nyt budget", by=staff)
    services.line_delete(line=revision.lines.get(), by=staff)
    assert not revision.lines.exists()
    assert BenefitLine.objects.filter(pk=old_line.pk).exists()
    assert old_line.targets.count() == 3


def test_a_line_is_deleted_through_its_confirm_page(client, task, draft_with_line, staff):
    _agreement, line = draft_with_line(task)
    client.force_login(staff)
    url = reverse("benefits:line-delete", args=[line.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Sparet hjemmehjælp" in page.content.decode()
    assert BenefitLine.objects.filter(pk=line.pk).exists()  # the GET only asks
    assert client.post(url).status_code == 302
    assert not BenefitLine.objects.filter(pk=line.pk).exists()


def test_the_confirm_page_of_a_signed_line_refuses(client, task, signed, staff):
    _, line = signed(task)
    client.force_login(staff)
    response = client.post(reverse("benefits:line-delete", args=[line.pk]), follow=True)
    assert "aldrig" in response.content.decode()
    assert BenefitLine.objects.filter(pk=line.pk).exists()


def test_a_realisation_is_corrected_and_its_history_kept(task, signed, realise, personas):
    _, line = signed(task)
    realisation = realise(line, "40000")
    manager = personas[roles.OMRAADELEDER]
    realisation.value = Decimal("4000")
    services.realisation_update(realisation=realisation, by=manager)
    realisation.refresh_from_db()
    assert realisation.value == Decimal("4000")
    history = list(realisation.history.order_by("history_date"))
    assert [(h.history_type, h.value) for h in history] == [
        ("+", Decimal("40000")),
        ("~", Decimal("4000")),
    ]
    assert history[-1].history_user == manager


def test_a_correction_follows_the_rules_of_recording(task, signed, realise, staff):
    _, line = signed(task)
    realisation = realise(line, "40000")
    realisation.period_end = date(2026, 3, 31)  # across two calendar years
    with pytest.raises(ValidationError):
        services.realisation_update(realisation=realisation, by=staff)
    realisation.refresh_from_db()
    assert realisation.period_end == date(2025, 3, 31)


def test_a_realisation_is_deleted_and_its_history_says_so(task, signed, realise, staff):
    _, line = signed(task)
    realisation = realise(line, "40000")
    pk = realisation.pk
    services.realisation_delete(realisation=realisation, by=staff)
    assert not BenefitRealisation.objects.filter(pk=pk).exists()
    last = BenefitRealisation.history.filter(id=pk).latest("history_date")
    assert (last.history_type, last.history_user) == ("-", staff)


def test_a_realisation_taken_home_is_neither_corrected_nor_deleted(task, signed, realise, staff):
    _, line = signed(task)
    realisation = realise(line, "40000", taken_home=True)
    realisation.value = Decimal("1")
    with pytest.raises(ValidationError, match="budgettet"):
        services.realisation_update(realisation=realisation, by=staff)
    with pytest.raises(ValidationError, match="budgettet"):
        services.realisation_delete(realisation=realisation, by=staff)
    realisation.refresh_from_db()
    assert realisation.value == Decimal("40000")


def test_the_pages_refuse_a_realisation_taken_home(client, task, signed, realise, staff):
    _, line = signed(task)
    realisation = realise(line, "40000", taken_home=True)
    client.force_login(staff)
    for name in ("benefits:realisation-edit", "benefits:realisation-delete"):
        response = client.post(reverse(name, args=[realisation.pk]), {}, follow=True)
        assert "budgettet" in response.content.decode()
    assert BenefitRealisation.objects.get(pk=realisation.pk).value == Decimal("40000")


def test_a_correction_changes_the_totals_of_the_task_and_the_rollup(
    client, task, signed, realise, manager
):
    _, line = signed(task)
    mistaken = realise(line, "40000")
    realise(line, "10000", start=date(2025, 4, 1), end=date(2025, 6, 30))
    assert queries.task_benefits(task).lines[0].realised == Decimal("50000")
    client.force_login(manager)
    response = client.post(
        reverse("benefits:realisation-edit", args=[mistaken.pk]),
        {
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "value": "4000",
            "evidence": "Udtræk, rettet",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert queries.task_benefits(task).lines[0].realised == Decimal("14000")
    by_year = {row.key: row.realised for row in queries.rollup_by_year("economic")}
    assert by_year[2025] == Decimal("14000")

    assert client.get(reverse("benefits:realisation-delete", args=[mistaken.pk])).status_code == 200
    assert (
        client.post(reverse("benefits:realisation-delete", args=[mistaken.pk])).status_code == 302
    )
    assert queries.task_benefits(task).lines[0].realised == Decimal("10000")
    by_year = {row.key: row.realised for row in queries.rollup_by_year("economic")}
    assert by_year[2025] == Decimal("10000")


def test_only_those_who_record_realisations_correct_them(client, task, signed, realise, personas):
    _, line = signed(task)
    realisation = realise(line, "40000")
    client.force_login(personas[roles.MEDARBEJDER])
    url = reverse("benefits:realisation-edit", args=[realisation.pk])
    assert client.post(url, {"value": "1"}).status_code == 403
    assert (
        client.post(reverse("benefits:realisation-delete", args=[realisation.pk])).status_code
        == 403
    )
    assert BenefitRealisation.objects.get(pk=realisation.pk).value == Decimal("40000")


def test_the_task_page_offers_corrections_only_where_allowed(client, task, signed, realise, staff):
    _, line = signed(task)
    open_one = realise(line, "40000")
    taken = realise(line, "30000", start=date(2025, 4, 1), end=date(2025, 6, 30), taken_home=True)
    client.force_login(staff)
    page = client.get(reverse("benefits:task-benefits", args=[task.pk])).content.decode()
    assert reverse("benefits:realisation-edit", args=[open_one.pk]) in page
    assert reverse("benefits:realisation-edit", args=[taken.pk]) not in page
    assert reverse("benefits:line-delete", args=[line.pk]) not in page  # signed
