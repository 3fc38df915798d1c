"""Fixtures of the business case tests (imported by them): a task, its team and finance staff."""

from datetime import date
from decimal import Decimal

import pytest

from samskab.accounts import roles
from samskab.benefits import services as benefit_services
from samskab.benefits.models import BenefitKind, BenefitLine, BenefitRealisation, ChainLevel
from samskab.finance import services_case
from samskab.finance.services_case import LineFigures
from samskab.portfolio.models import Category, InnovationTask, Novelty


@pytest.fixture
def manager(personas, unit):
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = unit.parent
    person.save()
    return personas[roles.OMRAADELEDER]


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def finance(personas):
    return personas[roles.OEKONOMI]


@pytest.fixture
def make_task(manager, unit):
    def make(title="Træn dig fri", *, owning_area=None):
        return InnovationTask.objects.create(
            title=title,
            problem="Ældre mister funktionsevne.",
            ambition="Halvt så mange får hjemmehjælp.",
            novelty=Novelty.RADICAL,
            category=Category.SERVICE,
            owning_area=owning_area or unit.parent,
            owner=manager.person,
            political_reference="KB 12.03.2026, pkt. 4",
            phase=4,
        )

    return make


@pytest.fixture
def task(make_task):
    return make_task()


def figures(kind, year, low, expected, high) -> LineFigures:
    return LineFigures(
        kind=kind, year=year, low=Decimal(low), expected=Decimal(expected), high=Decimal(high)
    )


@pytest.fixture
def case(task, staff):
    """Version 1: 100 invested in 2026, 50 gained a year 2027-2029 (expected)."""
    case = services_case.business_case_new_version(task=task, by=staff)
    return services_case.business_case_update(
        case=case,
        discount_rate=Decimal("3.5"),
        first_year=2026,
        note="Forudsætter 20 borgere om året.",
        lines=[
            figures("investment", 2026, 90, 100, 120),
            *(figures("gain_budget", year, 40, 50, 60) for year in (2027, 2028, 2029)),
        ],
        by=staff,
    )


@pytest.fixture
def signed_agreement(staff, manager):
    def make(task, targets=((2027, "100000"), (2028, "200000"))):
        agreement = benefit_services.agreement_create(
            task=task, parties="Ældre og Pleje", review_cadence="quarterly", by=staff
        )
        line = benefit_services.line_save(
            line=BenefitLine(
                agreement=agreement,
                kind=BenefitKind.ECONOMIC,
                level=ChainLevel.BENEFIT,
                description="Færre timer hjemmehjælp",
                kpi="Sparet hjemmehjælp",
                unit="kr.",
                baseline=Decimal("0"),
                measurement_method="Udtræk hvert kvartal.",
                responsible=manager.person,
            ),
            targets=[(year, Decimal(value)) for year, value in targets],
            by=staff,
        )
        benefit_services.agreement_sign(agreement=agreement, by=manager, signed_on=date(2026, 1, 5))
        agreement.refresh_from_db()
        return agreement, line

    return make


@pytest.fixture
def take_home(staff):
    def make(line, value, *, end=date(2026, 3, 31)):
        return BenefitRealisation.objects.create(
            line=line,
            period_start=date(end.year, 1, 1),
            period_end=end,
            value=Decimal(value),
            evidence="Udtræk",
            recorded_by=staff,
            taken_home=True,
            taken_home_on=end,
        )

    return make
