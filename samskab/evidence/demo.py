"""Demo trials: every task in phase 3 or later gets plausible experiments and measurements.

Tasks past phase 3 passed its gate, so each has a concluded trial with a
documented effect that met its criterion (go); a stopped task's last trial
missed (stop); tasks in phase 3 have running trials. Everything is written in
bulk, so ``seed_demo --scale 334`` (thousands of tasks) stays fast.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from samskab.accounts.models import User
from samskab.portfolio.models import InnovationTask

from .effects import effect_of
from .models import Design, Direction, Experiment, LearningCard, Measurement

# title, hypothesis, what is tried, metric, unit, direction, baseline, target, design, value
TRIALS = [
    (
        "Træning før hjælp",
        "Vi tror at et træningsforløb, før der visiteres hjemmehjælp, gør flere selvhjulpne.",
        "12 ugers hverdagstræning med terapeut for nye ansøgere om hjemmehjælp.",
        "Andel selvhjulpne efter forløbet",
        "%",
        Direction.HIGHER,
        Decimal("22"),
        Decimal("10"),
        Design.COMPARISON,
        "quality",
    ),
    (
        "Én indgang for familien",
        "Vi tror at én gennemgående kontaktperson giver færre møder for familien.",
        "En kontaktperson koordinerer alle familiens sager i et halvt år.",
        "Møder pr. familie pr. måned",
        "møder",
        Direction.LOWER,
        Decimal("6"),
        Decimal("2"),
        Design.BEFORE_AFTER,
        "citizen_involvement",
    ),
    (
        "Digital selvbetjening først",
        "Vi tror at en guidet digital løsning sparer sagsbehandlertid.",
        "Borgerne tilbydes en guidet selvbetjening før telefonen.",
        "Sagsbehandlingstid",
        "minutter",
        Direction.LOWER,
        Decimal("45"),
        Decimal("10"),
        Design.RANDOMISED,
        "efficiency",
    ),
    (
        "Læringsmål på tavlen",
        "Vi tror at synlige læringsmål øger elevernes oplevelse af at lære.",
        "Alle timer starter med læringsmål og slutter med exit-billetter.",
        "Elever, der ved, hvad de skal lære",
        "%",
        Direction.HIGHER,
        Decimal("48"),
        Decimal("15"),
        Design.COMPARISON,
        "quality",
    ),
    (
        "Faste teams i vagtplanen",
        "Vi tror at faste teams øger medarbejdernes trivsel.",
        "Vagtplanen lægges i faste teams på tre afdelinger.",
        "Trivselsscore",
        "point",
        Direction.HIGHER,
        Decimal("3.4"),
        Decimal("0.3"),
        Design.BEFORE_AFTER,
        "employee_satisfaction",
    ),
]
WEEKS = 8


def _values(rng: random.Random, centre: float, spread: float) -> list[Decimal]:
    return [Decimal(f"{rng.gauss(centre, spread):.2f}") for _ in range(WEEKS)]


def seed_evidence(*, rng: random.Random) -> int:
    """Trials, measurements and learning cards for every task in phase 3 or later."""
    staff = User.objects.filter(username="innovationsmedarbejder").first()
    tasks = list(
        InnovationTask.objects.filter(phase__gte=3).only(
            "id", "phase", "status", "started_on", "owner_id", "title"
        )
    )
    plans = []  # (experiment, measurements, concluded)
    for index, task in enumerate(tasks):
        count = 2 if task.phase >= 4 and index % 3 == 0 else 1
        for n in range(count):
            title, hypothesis, tried, metric, unit, direction, baseline, target, design, value = (
                TRIALS[(index + n) % len(TRIALS)]
            )
            starts_on = task.started_on + timedelta(days=60 + 70 * n)
            is_last = n == count - 1
            concluded = task.phase >= 4 or (task.status == "stopped" and is_last)
            misses = task.status == "stopped" and is_last
            sign = 1 if direction == Direction.HIGHER else -1
            spread = float(baseline) * 0.06
            effect = 0.0 if misses else float(target) * rng.uniform(1.2, 1.8)
            trial_centre = float(baseline) + sign * effect
            experiment = Experiment(
                task_id=task.pk,
                title=title if count == 1 else f"{title} (runde {n + 1})",
                hypothesis=hypothesis,
                intervention=tried,
                metric=metric,
                unit=unit,
                direction=direction,
                baseline=baseline,
                target_change=target,
                success_criterion=f"Mindst {target} {unit} bedre end udgangspunktet.",
                design=design,
                starts_on=starts_on,
                ends_on=starts_on + timedelta(weeks=WEEKS),
                owner_id=task.owner_id,
                value_served=value,
                created_by=staff,
            )
            measurements = []
            for week, number in enumerate(_values(rng, trial_centre, spread)):
                measurements.append(
                    Measurement(
                        measured_on=starts_on + timedelta(weeks=week + 1),
                        group=Measurement.Group.TRIAL,
                        value=number,
                        observations=rng.randint(12, 60),
                        source="Fagsystemet",
                        recorded_by=staff,
                    )
                )
            if experiment.has_comparison:
                for week, number in enumerate(_values(rng, float(baseline), spread)):
                    measurements.append(
                        Measurement(
                            measured_on=starts_on + timedelta(weeks=week + 1),
                            group=Measurement.Group.COMPARISON,
                            value=number,
                            observations=rng.randint(12, 60),
                            source="Fagsystemet",
                            recorded_by=staff,
                        )
                    )
            result = effect_of(experiment, measurements)
            experiment.evidence_level = result.level
            experiment.criterion_met = result.criterion_met
            plans.append((experiment, measurements, concluded, result))

    Experiment.objects.bulk_create([plan[0] for plan in plans], batch_size=2000)
    rows, cards = [], []
    for experiment, measurements, concluded, result in plans:
        for measurement in measurements:
            measurement.experiment_id = experiment.pk
        rows.extend(measurements)
        if concluded:
            cards.append(
                LearningCard(
                    experiment_id=experiment.pk,
                    saw="Målingerne viste en tydelig forbedring."
                    if result.criterion_met
                    else "Målingerne viste ingen forbedring af betydning.",
                    learned="Løsningen virker, når borgerne tages med fra start."
                    if result.criterion_met
                    else "Forudsætningerne holdt ikke i praksis.",
                    decide="Vi går videre og skalerer."
                    if result.criterion_met
                    else "Vi stopper prøvehandlingen og bruger læringen i andre opgaver.",
                    advice=result.advice,
                    evidence_level=result.level,
                    criterion_met=result.criterion_met,
                    effect_documented=result.documented,
                    concluded_by=staff,
                )
            )
    Measurement.objects.bulk_create(rows, batch_size=5000)
    LearningCard.objects.bulk_create(cards, batch_size=2000)
    # A trial is concluded a week after it ends (or today), as the task's story tells it;
    # bulk_create stamps the cards with the time they were written.
    ends = {experiment.pk: experiment.ends_on for experiment, *_rest in plans}
    now = timezone.now()
    for card in cards:
        days = (timezone.localdate(now) - ends[card.experiment_id]).days - 7
        card.created_at = now - timedelta(days=max(days, 0))
    LearningCard.objects.bulk_update(cards, ["created_at"], batch_size=2000)
    return len(plans)
