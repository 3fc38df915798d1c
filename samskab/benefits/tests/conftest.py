from datetime import date
from decimal import Decimal

import pytest

from samskab.accounts import roles
from samskab.benefits import services
from samskab.benefits.models import BenefitKind, BenefitLine, BenefitRealisation, ChainLevel
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import Category, InnovationTask, Novelty


@pytest.fixture
def area(unit) -> OrgUnit:
    return unit.parent


@pytest.fixture
def manager(personas, area):
    """The area manager persona, employed in the owning area itself."""
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = area
    person.save()
    return personas[roles.OMRAADELEDER]


@pytest.fixture
def make_task(manager, area):
    def make(title: str = "Træn dig fri", *, phase: int = 4, owning_area=None, **fields):
        return InnovationTask.objects.create(
            title=title,
            problem="Ældre mister funktionsevne.",
            ambition="Halvt så mange får hjemmehjælp.",
            novelty=Novelty.RADICAL,
            category=Category.SERVICE,
            owning_area=owning_area or area,
            owner=manager.person,
            political_reference="KB 12.03.2026, pkt. 4",
            phase=phase,
            **fields,
        )

    return make


@pytest.fixture
def task(make_task):
    return make_task()


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def draft_with_line(staff, manager):
    """A drafted agreement with one economic benefit line (targets 2025-2027)."""

    def make(task, *, targets=None, kind=BenefitKind.ECONOMIC, kpi="Sparet hjemmehjælp"):
        agreement = task.benefit_agreements.filter(status="draft").first() or (
            services.agreement_create(
                task=task, parties="Ældre og Pleje\nØkonomi", review_cadence="quarterly", by=staff
            )
        )
        line = services.line_save(
            line=BenefitLine(
                agreement=agreement,
                kind=kind,
                level=ChainLevel.BENEFIT,
                description="Færre timer hjemmehjælp",
                kpi=kpi,
                unit="kr.",
                baseline=Decimal("0"),
                measurement_method="Udtræk fra omsorgssystemet hvert kvartal.",
                responsible=manager.person,
            ),
            targets=targets
            if targets is not None
            else [(2025, Decimal("100000")), (2026, Decimal("200000")), (2027, Decimal("300000"))],
            by=staff,
        )
        return agreement, line

    return make


@pytest.fixture
def signed(draft_with_line, manager):
    def make(task, **kwargs):
        agreement, line = draft_with_line(task, **kwargs)
        services.agreement_sign(agreement=agreement, by=manager, signed_on=date(2025, 1, 10))
        agreement.refresh_from_db()
        line.refresh_from_db()
        return agreement, line

    return make


@pytest.fixture
def realise(staff):
    def make(line, value, *, start=date(2025, 1, 1), end=date(2025, 3, 31), taken_home=False):
        return BenefitRealisation.objects.create(
            line=line,
            period_start=start,
            period_end=end,
            value=Decimal(value),
            evidence="Udtræk",
            recorded_by=staff,
            taken_home=taken_home,
            taken_home_on=end if taken_home else None,
        )

    return make
