"""Demo data: every task from phase 3 on has an agreement (signed from phase 4), lines and realisations.

One paused task in phase 4 has its agreement still as a draft, waiting for the area
manager's signature: what the front page's "agreements unsigned past phase 3" shows.

Written in bulk, because ``seed_demo --scale 334`` makes thousands of tasks.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import InnovationTask

from . import services
from .models import (
    BenefitAgreement,
    BenefitKind,
    BenefitLine,
    BenefitRealisation,
    BenefitTarget,
    ChainLevel,
)

BATCH = 2000
PARTIES = "Det ejende område\nInnovationsenheden\nØkonomi og Analyse"
YEARS = 3
UNSIGNED = {"Vasketoiletter i plejeboliger"}  # paused before its agreement was signed


def _quarters(start: date, end: date):
    """The calendar quarters that begin on or after ``start`` and end before ``end``."""
    year, quarter = start.year, (start.month - 1) // 3 + 1
    if start != date(year, 3 * quarter - 2, 1):
        quarter += 1
    while True:
        if quarter > 4:
            year, quarter = year + 1, 1
        first = date(year, 3 * quarter - 2, 1)
        last = date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(1)
        if last >= end:
            return
        yield first, last
        quarter += 1


def seed_benefits(*, rng: random.Random) -> int:
    today = timezone.localdate()
    tasks = list(
        InnovationTask.objects.filter(phase__gte=3)
        .exclude(benefit_agreements__isnull=False)
        .select_related("owner")
        .order_by("pk")
    )
    owners = {}
    for area in OrgUnit.objects.filter(pk__in={task.owning_area_id for task in tasks}):
        probe = InnovationTask(
            owning_area=area, owner=next(t.owner for t in tasks if t.owning_area_id == area.pk)
        )
        owners[area.pk] = services.agreement_owner_for(probe)

    agreements = []
    for task in tasks:
        signs = task.phase >= 4 and task.title not in UNSIGNED
        signed_on = min(task.started_on + timedelta(days=rng.randint(120, 300)), today)
        agreements.append(
            BenefitAgreement(
                task=task,
                version=1,
                status=BenefitAgreement.Status.SIGNED if signs else BenefitAgreement.Status.DRAFT,
                owner=owners.get(task.owning_area_id, task.owner),
                parties=PARTIES,
                review_cadence=rng.choice(BenefitAgreement.Cadence.values),
                signed_on=signed_on if signs else None,
            )
        )
    BenefitAgreement.objects.bulk_create(agreements, batch_size=BATCH)

    benefits, effects = [], []
    for agreement in agreements:
        owner = agreement.owner
        benefits.append(
            BenefitLine(
                agreement=agreement,
                kind=BenefitKind.ECONOMIC,
                level=ChainLevel.BENEFIT,
                description="Lavere udgifter i driften, når løsningen er i brug.",
                kpi="Sparede driftsudgifter",
                unit="kr.",
                baseline=Decimal("0"),
                measurement_method="Økonomi sammenligner regnskab med baseline hvert kvartal.",
                responsible=owner,
                position=1,
            )
        )
        benefits.append(
            BenefitLine(
                agreement=agreement,
                kind=BenefitKind.HOURS,
                level=ChainLevel.BENEFIT,
                description="Medarbejdertimer, der bruges på borgerne i stedet.",
                kpi="Frigjorte timer",
                unit="timer",
                baseline=Decimal("0"),
                measurement_method="Tidsregistrering før og efter.",
                responsible=owner,
                position=2,
            )
        )
    BenefitLine.objects.bulk_create(benefits, batch_size=BATCH)
    for i, agreement in enumerate(agreements):
        effects.append(
            BenefitLine(
                agreement=agreement,
                kind=BenefitKind.QUALITY,
                level=ChainLevel.EFFECT,
                leads_to=benefits[2 * i],
                description="Borgerne klarer mere selv.",
                kpi="Andel selvhjulpne borgere",
                unit="%",
                baseline=Decimal(rng.randint(20, 50)),
                measurement_method="Visitationens opfølgning.",
                responsible=agreement.owner,
                position=3,
            )
        )
    BenefitLine.objects.bulk_create(effects, batch_size=BATCH)

    targets, realisations = [], []
    for i, agreement in enumerate(agreements):
        first_year = (agreement.signed_on or today).year
        money, hours = benefits[2 * i], benefits[2 * i + 1]
        scale = rng.choice([100_000, 250_000, 500_000, 1_000_000])
        for offset in range(YEARS):
            year = first_year + offset
            targets.append(
                BenefitTarget(line=money, year=year, value=Decimal(scale * (offset + 1)))
            )
            targets.append(BenefitTarget(line=hours, year=year, value=Decimal(400 * (offset + 1))))
            targets.append(
                BenefitTarget(line=effects[i], year=year, value=Decimal(5 * (offset + 1)))
            )
        if agreement.signed_on is None:
            continue
        pace = Decimal(rng.choice(["0.4", "0.7", "0.9", "1.0", "1.1"]))
        quarters = list(_quarters(agreement.signed_on, today))[-8:]
        for first, last in quarters:
            offset = min(first.year - first_year, YEARS - 1)
            value = (Decimal(scale * (offset + 1)) / 4 * pace).quantize(Decimal("1"))
            taken = last.year < today.year and rng.random() < 0.6
            realisations.append(
                BenefitRealisation(
                    line=money,
                    period_start=first,
                    period_end=last,
                    value=value,
                    evidence="Kvartalsopgørelse fra Økonomi.",
                    taken_home=taken,
                    taken_home_on=last + timedelta(days=30) if taken else None,
                )
            )
            realisations.append(
                BenefitRealisation(
                    line=hours,
                    period_start=first,
                    period_end=last,
                    value=(Decimal(100 * (offset + 1)) * pace).quantize(Decimal("1")),
                    evidence="Tidsregistrering.",
                )
            )
    BenefitTarget.objects.bulk_create(targets, batch_size=BATCH)
    BenefitRealisation.objects.bulk_create(realisations, batch_size=BATCH)
    return len(agreements)
