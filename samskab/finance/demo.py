"""Demo data of the finance app: the unit's budget, its sources, fund applications, and every
task's funding, budgets, expenses and business case.

- This year's budget, approved: salaries for the chief and two consultants, operations, the
  pool for trials, the innovation house and the one-off establishment, financed by the
  municipal budget and the investment pool. A foundation and an EU programme are sources too.
- Four fund applications: one granted (with a report due soon), one submitted, one being
  drafted (its deadline within the month: the front page's panel) and one refused.
- For each task: one or two fundings, a budget per year since it started, 3-6 expenses; an
  hourly rate for each team role; a business case, version 1, over five years (a first
  estimate in the early phases), referencing the task's signed benefit agreement if any.

Written in bulk, because ``seed_demo --scale 334`` makes thousands of tasks.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from samskab.accounts.models import User
from samskab.benefits.models import BenefitAgreement
from samskab.network.models import Organisation
from samskab.organisation.models import Person
from samskab.portfolio.models import InnovationTask
from samskab.teams.models import Role

from . import services_budget
from .models import (
    Application,
    BudgetLine,
    BusinessCase,
    BusinessCaseLine,
    Expense,
    Funding,
    FundingSource,
    GrantReport,
    HourlyRate,
    TaskBudget,
)

BATCH = 2000
CASE_YEARS = 5
RATES = {
    Role.OWNER: 750,
    Role.LEAD: 650,
    Role.PARTNER: 525,
    Role.CONSULTANT: 600,
    Role.SPECIALIST: 450,
}
EXPENSES = [
    "Workshop med borgere",
    "Prototype og materialer",
    "Ekstern evaluering",
    "Vikardækning til afprøvning",
    "Forplejning ved samskabelsesdag",
    "Licens til testsoftware",
    "Konsulentbistand til dataanalyse",
    "Transport til besøg i anden kommune",
    "Tryk af informationsmateriale",
]


def _kr(value) -> Decimal:
    return Decimal(value).quantize(Decimal("1"))


def _sources() -> dict[str, FundingSource]:
    foundation_org = Organisation.objects.filter(kind=Organisation.Kind.FOUNDATION).first()
    rows = {
        "municipal": ("Kommunens budget", FundingSource.Kind.MUNICIPAL, None, "", ""),
        "pool": (
            "Investeringspuljen",
            FundingSource.Kind.INVESTMENT_POOL,
            None,
            "Til afprøvning af løsninger med en forventet gevinst. Gevinster, der hjemtages, "
            "går tilbage til puljen.",
            "Status på gevinstrealiseringen til direktionen hvert halve år.",
        ),
        "foundation": (
            foundation_org.name if foundation_org else "Fonden for Velfærd og Fornyelse",
            FundingSource.Kind.FOUNDATION,
            foundation_org,
            "Medfinansiering på mindst 25 %. Resultaterne skal kunne deles med andre kommuner.",
            "Midtvejsrapport og slutrapport med regnskab.",
        ),
        "eu": (
            "Interreg Øresund-Kattegat-Skagerrak",
            FundingSource.Kind.EU,
            None,
            "Mindst én partner fra Sverige eller Norge. Medfinansiering 50 %.",
            "Halvårlige statusrapporter og revisorpåtegnet slutregnskab.",
        ),
    }
    found = {}
    for key, (name, kind, organisation, conditions, reporting) in rows.items():
        found[key] = FundingSource.objects.create(
            name=name,
            kind=kind,
            organisation=organisation,
            conditions=conditions,
            reporting=reporting,
        )
    return found


def _person(username: str) -> Person | None:
    return Person.objects.filter(user__username=username).first()


def _budget(*, rng: random.Random, sources: dict, by: User | None, today: date) -> None:
    version = services_budget.budget_start(year=today.year, by=by)
    share = Decimal(today.timetuple().tm_yday) / Decimal(366)  # of the year gone
    chief = _person("innovationschef")
    consultant = _person("innovationsmedarbejder")
    rows = [
        (
            "salaries",
            f"Løn, innovationschef ({chief.name if chief else 'chef'})",
            "municipal",
            850_000,
        ),
        (
            "salaries",
            f"Løn, innovationskonsulent ({consultant.name if consultant else 'konsulent'})",
            "municipal",
            620_000,
        ),
        ("salaries", "Løn, innovationskonsulent (data og evaluering)", "municipal", 600_000),
        ("operations", "Drift og administration", "municipal", 180_000),
        ("trials", "Pulje til prøvehandlinger og aktiviteter", "pool", 1_500_000),
        ("house", "Innovationshuset: husleje, drift og værksted", "municipal", 420_000),
        ("establishment", "Etablering af innovationsenheden (engangsbeløb)", "pool", 750_000),
    ]
    for category, description, source, granted in rows:
        granted = Decimal(granted)
        if category == "establishment":
            spent, committed = granted * Decimal("0.9"), Decimal(0)
        else:
            spent = granted * share * Decimal(rng.uniform(0.8, 1.0))
            committed = (granted - spent) * Decimal(rng.uniform(0.2, 0.6))
        services_budget.budget_line_save(
            line=BudgetLine(
                version=version,
                category=category,
                description=description,
                source=sources[source],
                granted=granted,
                committed=_kr(committed),
                spent=_kr(spent),
            ),
            by=by,
        )
    services_budget.budget_approve(
        version=version, by=by, today=min(today, date(today.year, 1, 15))
    )


def _applications(*, sources: dict, by: User | None, today: date) -> None:
    responsible = (
        _person("innovationsmedarbejder") or Person.objects.filter(user__isnull=False).first()
    )
    if responsible is None:
        return
    tasks = list(InnovationTask.objects.order_by("pk")[:4])

    def task(index: int):
        return tasks[index] if index < len(tasks) else None

    def save(**fields) -> Application:
        return services_budget.application_save(
            application=Application(responsible=responsible, **fields), by=by
        )

    granted = save(
        title="Fondsstøtte til udbredelse af løsningen",
        source=sources["foundation"],
        task=task(0),
        amount_sought=Decimal("1200000"),
        deadline=today - timedelta(days=200),
    )
    services_budget.application_move(
        application=granted,
        status=Application.Status.SUBMITTED,
        by=by,
        submitted_on=today - timedelta(days=205),
    )
    services_budget.application_move(
        application=granted,
        status=Application.Status.GRANTED,
        by=by,
        granted_amount=Decimal("950000"),
        decided_on=today - timedelta(days=120),
        conditions="Slutrapport med regnskab senest tre måneder efter projektets afslutning.",
    )
    GrantReport.objects.bulk_create(
        [
            GrantReport(
                application=granted,
                title="Opstartsnotat",
                due_on=today - timedelta(days=60),
                done_on=today - timedelta(days=65),
            ),
            GrantReport(
                application=granted, title="Midtvejsrapport", due_on=today + timedelta(days=10)
            ),
            GrantReport(
                application=granted,
                title="Slutrapport og regnskab",
                due_on=today + timedelta(days=300),
            ),
        ]
    )
    submitted = save(
        title="Grænseoverskridende velfærdsteknologi (Interreg)",
        source=sources["eu"],
        task=task(1),
        amount_sought=Decimal("2400000"),
        deadline=today - timedelta(days=20),
    )
    services_budget.application_move(
        application=submitted,
        status=Application.Status.SUBMITTED,
        by=by,
        submitted_on=today - timedelta(days=22),
    )
    drafting = save(
        title="Ansøgning om midler til afprøvning i flere institutioner",
        source=sources["foundation"],
        task=task(2),
        amount_sought=Decimal("600000"),
        deadline=today + timedelta(days=12),
    )
    services_budget.application_move(
        application=drafting, status=Application.Status.DRAFTING, by=by
    )
    refused = save(
        title="Digitale læringsforløb (Interreg)",
        source=sources["eu"],
        task=task(3),
        amount_sought=Decimal("1800000"),
        deadline=today - timedelta(days=150),
    )
    services_budget.application_move(
        application=refused,
        status=Application.Status.SUBMITTED,
        by=by,
        submitted_on=today - timedelta(days=152),
    )
    services_budget.application_move(
        application=refused,
        status=Application.Status.REFUSED,
        by=by,
        decided_on=today - timedelta(days=60),
    )


def _task_economy(*, rng: random.Random, sources: dict, by: User | None, today: date) -> None:
    tasks = list(InnovationTask.objects.order_by("pk").only("pk", "started_on", "phase"))
    fundings, budgets, expenses = [], [], []  # expenses: (expense, index of its funding)
    for task in tasks:
        start = min(task.started_on, today)
        years = list(range(start.year, today.year + 1))
        yearly = _kr(rng.randint(150, 900) * 1000)
        budgets.extend(TaskBudget(task=task, year=year, amount=yearly) for year in years)
        own = [
            Funding(
                task=task,
                source=sources["municipal"],
                year=start.year,
                granted=yearly,
                note="Fra det ejende områdes budget",
            )
        ]
        if rng.random() < 0.5:
            own.append(
                Funding(
                    task=task,
                    source=sources["pool"],
                    year=years[-1],
                    granted=_kr(rng.randint(100, 500) * 1000),
                    note="Bevilget af investeringspuljen",
                )
            )
        first = len(fundings)
        fundings.extend(own)
        drawn = [Decimal(0)] * len(own)
        span = max((today - start).days, 1)
        for description in rng.sample(EXPENSES, rng.randint(3, 6)):
            which = rng.randrange(len(own))
            amount = _kr(rng.randint(2, 120) * 1000)
            if drawn[which] + amount > own[which].granted:
                amount = max(own[which].granted - drawn[which], Decimal(0))
            drawn[which] += amount
            expenses.append(
                (
                    Expense(
                        task=task,
                        spent_on=start + timedelta(days=rng.randrange(span)),
                        description=description,
                        amount=amount,
                        recorded_by=by,
                    ),
                    first + which,
                )
            )
        for funding, total in zip(own, drawn, strict=True):
            funding.drawn = total
    TaskBudget.objects.bulk_create(budgets, batch_size=BATCH)
    created = Funding.objects.bulk_create(fundings, batch_size=BATCH)
    for expense, index in expenses:
        expense.funding = created[index]
    Expense.objects.bulk_create([expense for expense, _ in expenses], batch_size=BATCH)


def _business_cases(*, rng: random.Random, by: User | None) -> None:
    tasks = list(InnovationTask.objects.order_by("pk"))
    signed = {}
    for agreement in BenefitAgreement.objects.filter(
        task__in=tasks, status=BenefitAgreement.Status.SIGNED
    ).order_by("task_id", "version"):
        signed[agreement.task_id] = agreement
    cases = [
        BusinessCase(
            task=task,
            version=1,
            discount_rate=settings.SAMSKAB_DISCOUNT_RATE,
            first_year=task.started_on.year,
            agreement=signed.get(task.pk),
            note="Gevinsterne bygger på prøvehandlingernes målte effekt og den underskrevne "
            "gevinstrealiseringsaftale. Lønninger efter kommunens gennemsnitlige timepris.",
            created_by=by,
        )
        for task in tasks
    ]
    cases = BusinessCase.objects.bulk_create(cases, batch_size=BATCH)
    lines = []
    for case in cases:
        scale = Decimal(rng.randint(4, 20)) * 50_000
        for offset in range(CASE_YEARS):
            year = case.first_year + offset
            figures = {
                BusinessCaseLine.Kind.INVESTMENT: scale if offset < 2 else 0,
                BusinessCaseLine.Kind.RUNNING: scale * Decimal("0.2") if offset >= 1 else 0,
                BusinessCaseLine.Kind.GAIN_BUDGET: scale * Decimal("0.6") * (offset - 1)
                if offset >= 2
                else 0,
                BusinessCaseLine.Kind.GAIN_OTHER: scale * Decimal("0.3") * offset,
            }
            for kind, expected in figures.items():
                if not expected:
                    continue
                expected = _kr(expected * Decimal(rng.uniform(0.85, 1.15)))
                lines.append(
                    BusinessCaseLine(
                        case=case,
                        kind=kind,
                        year=year,
                        low=_kr(expected * Decimal("0.7")),
                        expected=expected,
                        high=_kr(expected * Decimal("1.3")),
                    )
                )
    BusinessCaseLine.objects.bulk_create(lines, batch_size=BATCH)


def seed_finance(*, rng: random.Random) -> dict:
    today = timezone.localdate()
    by = User.objects.filter(username="oekonomi").first()
    sources = _sources()
    _budget(rng=rng, sources=sources, by=by, today=today)
    HourlyRate.objects.bulk_create(
        HourlyRate(role=role, rate=Decimal(rate)) for role, rate in RATES.items()
    )
    _task_economy(rng=rng, sources=sources, by=by, today=today)
    _business_cases(rng=rng, by=by)
    _applications(sources=sources, by=by, today=today)
    return {"sources": len(sources)}
