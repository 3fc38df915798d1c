"""Agreements in versions: drafted by the unit or the task's owner, signed by the area's manager."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.accounts import roles
from samskab.benefits import queries, services
from samskab.benefits.models import BenefitAgreement, BenefitLine, ChainLevel
from samskab.portfolio import gates


def test_the_agreement_is_owned_by_the_manager_of_the_owning_area(task, staff, manager):
    agreement = services.agreement_create(
        task=task, parties="Ældre og Pleje", review_cadence="yearly", by=staff
    )
    assert agreement.owner == manager.person
    assert (agreement.version, agreement.status) == (1, "draft")


def test_only_the_owner_signs(task, draft_with_line, personas, manager):
    agreement, _ = draft_with_line(task)
    for role in (roles.INNOVATIONSENHED, roles.DIREKTION):
        with pytest.raises(ValidationError):
            services.agreement_sign(agreement=agreement, by=personas[role])
    services.agreement_sign(agreement=agreement, by=manager)
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.signed_on is not None


def test_an_agreement_without_lines_or_targets_is_not_signed(task, staff, manager, draft_with_line):
    agreement = services.agreement_create(task=task, parties="x", review_cadence="yearly", by=staff)
    with pytest.raises(ValidationError, match="mindst én gevinstlinje"):
        services.agreement_sign(agreement=agreement, by=manager)
    draft_with_line(task, targets=[])
    with pytest.raises(ValidationError, match="mål for mindst ét år"):
        services.agreement_sign(agreement=agreement, by=manager)


def test_a_signed_agreement_is_never_edited(task, signed, staff):
    agreement, line = signed(task)
    agreement.parties = "Nogen andre"
    with pytest.raises(ValidationError):
        services.agreement_update(agreement=agreement, by=staff)
    line.kpi = "Ændret"
    with pytest.raises(ValidationError):
        services.line_save(line=line, targets=[(2025, Decimal("1"))], by=staff)
    agreement.refresh_from_db()
    line.refresh_from_db()
    assert agreement.parties == "Ældre og Pleje\nØkonomi"
    assert line.kpi == "Sparet hjemmehjælp"
    assert [t.value for t in line.targets.all()] == [
        Decimal("100000"),
        Decimal("200000"),
        Decimal("300000"),
    ]


def test_revising_keeps_the_old_version_readable_and_in_force_until_the_new_is_signed(
    task, signed, staff, manager, client, realise
):
    old, old_line = signed(task)
    realise(old_line, "40000")
    revision = services.agreement_revise(agreement=old, reason="Nyt budget", by=staff)
    assert (revision.version, revision.status) == (2, "draft")
    new_line = revision.lines.get()
    assert new_line.lineage == old_line.lineage and new_line.pk != old_line.pk
    assert [(t.year, t.value) for t in new_line.targets.all()] == [
        (t.year, t.value) for t in old_line.targets.all()
    ]
    # The signed version still counts at the gate while the revision is drafted.
    old.refresh_from_db()
    assert old.status == "signed"
    assert not [
        u for u in gates.unmet(task, to_phase=5) if u.requirement.key == "benefit-agreement"
    ]

    new_line.kpi = "Sparet hjemmehjælp og madservice"
    services.line_save(line=new_line, targets=[(2026, Decimal("250000"))], by=staff)
    services.agreement_sign(agreement=revision, by=manager)
    old.refresh_from_db()
    old_line.refresh_from_db()
    assert (old.status, old_line.kpi) == ("revised", "Sparet hjemmehjælp")
    assert [t.value for t in old_line.targets.all()][1] == Decimal("200000")

    client.force_login(staff)
    page = client.get(reverse("benefits:agreement-detail", args=[old.pk]))
    assert page.status_code == 200
    assert "Sparet hjemmehjælp" in page.content.decode()
    # What the line realised before the revision still counts on the new version.
    benefits = client.get(reverse("benefits:task-benefits", args=[task.pk])).context["benefits"]
    assert benefits.lines[0].realised == Decimal("40000")


def test_only_one_draft_at_a_time(task, signed, staff):
    agreement, _ = signed(task)
    services.agreement_revise(agreement=agreement, reason="Nyt budget", by=staff)
    with pytest.raises(ValidationError):
        services.agreement_revise(agreement=agreement, reason="Igen", by=staff)
    with pytest.raises(ValidationError):
        services.agreement_create(task=task, parties="x", review_cadence="yearly", by=staff)
    assert BenefitAgreement.objects.filter(task=task).count() == 2


def test_the_map_links_output_to_effect_to_benefit(task, draft_with_line, staff, manager):
    agreement, benefit = draft_with_line(task)
    fields = {
        "agreement": agreement,
        "kind": "hours",
        "description": "x",
        "unit": "timer",
        "baseline": Decimal("0"),
        "measurement_method": "x",
        "responsible": manager.person,
    }
    effect = services.line_save(
        line=BenefitLine(
            level=ChainLevel.EFFECT, kpi="Flere selvhjulpne", leads_to=benefit, **fields
        ),
        targets=[(2025, Decimal("10"))],
        by=staff,
    )
    with pytest.raises(ValidationError):
        services.line_save(
            line=BenefitLine(level=ChainLevel.OUTPUT, kpi="Forløb", leads_to=benefit, **fields),
            targets=[],
            by=staff,
        )
    services.line_save(
        line=BenefitLine(level=ChainLevel.OUTPUT, kpi="Forløb", leads_to=effect, **fields),
        targets=[],
        by=staff,
    )
    benefit_map = {
        level: [item.line.kpi for item in items]
        for level, _label, items in queries.task_benefits(task).benefit_map
    }
    assert benefit_map == {
        "output": ["Forløb"],
        "effect": ["Flere selvhjulpne"],
        "benefit": ["Sparet hjemmehjælp"],
    }


def test_staff_drafts_and_the_manager_signs_through_the_pages(client, task, staff, manager):
    client.force_login(staff)
    response = client.post(
        reverse("benefits:agreement-create", args=[task.pk]),
        {"parties": "Ældre og Pleje", "review_cadence": "quarterly"},
    )
    assert response.status_code == 302
    agreement = BenefitAgreement.objects.get(task=task)
    response = client.post(
        reverse("benefits:line-create", args=[agreement.pk]),
        {
            "level": "benefit",
            "kind": "economic",
            "description": "Færre timer",
            "kpi": "Sparet hjemmehjælp",
            "unit": "kr.",
            "baseline": "0",
            "measurement_method": "Udtræk",
            "responsible": manager.person.pk,
            f"target_{date.today().year}": "150000",  # noqa: DTZ011 - the form's years are local years
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    # Staff cannot sign.
    assert client.post(reverse("benefits:agreement-sign", args=[agreement.pk])).status_code == 403
    client.force_login(manager)
    assert client.post(reverse("benefits:agreement-sign", args=[agreement.pk])).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    assert agreement.lines.get().targets.get().value == Decimal("150000")
