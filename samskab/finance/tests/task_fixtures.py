"""Fixtures of a task's economy, imported by the test modules that need them."""

from datetime import date
from decimal import Decimal

import pytest

from samskab.accounts import roles
from samskab.finance.models import Expense, Funding, FundingSource, HourlyRate, TaskBudget
from samskab.portfolio.models import Category, InnovationTask, Novelty
from samskab.teams.models import TeamMembership


@pytest.fixture
def make_task(personas, unit):
    owner = personas[roles.OMRAADELEDER].person

    def make(title: str = "Træn dig fri", **fields) -> InnovationTask:
        return InnovationTask.objects.create(
            title=title,
            problem="Ældre mister funktionsevne.",
            ambition="Halvt så mange får hjemmehjælp.",
            novelty=Novelty.RADICAL,
            category=Category.SERVICE,
            owning_area=unit.parent,
            owner=owner,
            political_reference="KB 12.03.2026, pkt. 4",
            phase=fields.pop("phase", 3),
            **fields,
        )

    return make


@pytest.fixture
def task(make_task):
    return make_task()


@pytest.fixture
def source(db):
    return FundingSource.objects.create(name="Investeringspuljen", kind="pool")


@pytest.fixture
def fund(source):
    def make(task, granted="100000", *, year=2026, drawn="0") -> Funding:
        return Funding.objects.create(
            task=task, source=source, year=year, granted=Decimal(granted), drawn=Decimal(drawn)
        )

    return make


@pytest.fixture
def spend(db):
    def make(task, amount, *, on=date(2026, 3, 1), funding=None, description="Materialer"):
        return Expense.objects.create(
            task=task, spent_on=on, description=description, amount=Decimal(amount), funding=funding
        )

    return make


@pytest.fixture
def budget(db):
    def make(task, amount, *, year=2026) -> TaskBudget:
        return TaskBudget.objects.create(task=task, year=year, amount=Decimal(amount))

    return make


@pytest.fixture
def member(personas):
    def make(task, *, role="specialist", allocation=50, starts_on, ends_on=None, persona=None):
        person = personas[persona or roles.MEDARBEJDER].person
        return TeamMembership.objects.create(
            task=task,
            person=person,
            role=role,
            allocation=allocation,
            starts_on=starts_on,
            ends_on=ends_on,
        )

    return make


@pytest.fixture
def rate(db):
    def make(role, amount) -> HourlyRate:
        return HourlyRate.objects.create(role=role, rate=Decimal(amount))

    return make
