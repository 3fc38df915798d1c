"""Demo data: every task in phase 5–7 has a scaling plan with target units at different
states, milestones, and (from phase 6) a handover; tasks in phase 7 are taken up by another
area and by a neighbouring municipality of the 4K co-operation.

Written in bulk, because ``seed_demo --scale 334`` makes thousands of tasks.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from samskab.network.models import Organisation
from samskab.organisation.models import OrgUnit
from samskab.organisation.queries import OrgTree
from samskab.portfolio.models import InnovationTask

from .models import Adoption, AdoptionEvent, Handover, Milestone, ScalingPlan, Uptake

MOST_TARGETS = 8
APPROACHES = (
    "Løsningen udbredes i bølger: først de enheder, der var med i prøvehandlingerne, derefter "
    "resten af området. Hver enhed får en introduktion, en lokal tovholder og sparring fra "
    "innovationspartnerne de første tre måneder.",
    "Vi starter med to fyrtårne, som viser vejen, og tager derefter de øvrige enheder i takt "
    "med, at de er klar. Lederne i området har forpligtet sig på planen i chefforum.",
)
SCALING_STEPS = ("Introduktion for lederne", "Første bølge i drift", "Hele området i drift")
IMPLEMENTATION_STEPS = ("Arbejdsgange beskrevet i kvalitetshåndbogen", "Drift overdraget")
FOUR_K = ("Gladsaxe Kommune", "Lyngby-Taarbæk Kommune", "Rudersdal Kommune")
ADAPTED = "Tilpasset til aftenvagter: forløbet er kortere og holdes på den enkelte afdeling."
ABANDONED = "Enheden lukker og flytter sammen med en anden i 2027; løsningen tages med dér."


def _share_in_operation(phase: int) -> float:
    return {5: 0.4, 6: 0.7, 7: 0.9}[phase]


def seed_spread(*, rng: random.Random) -> int:
    today = timezone.localdate()
    tasks = list(
        InnovationTask.objects.filter(phase__gte=5, scaling_plan__isnull=True)
        .select_related("owner")
        .order_by("pk")
    )
    if not tasks:
        return 0
    tree = OrgTree.load()
    areas = [unit for unit in tree.units.values() if unit.kind == OrgUnit.Kind.AREA]
    four_k = [
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.MUNICIPALITY}
        )[0]
        for name in FOUR_K
    ]
    plans, milestones, handovers, uptakes = [], [], [], []
    targets: list[tuple[Adoption, list[tuple[str, object, str]]]] = []
    for number, task in enumerate(tasks):
        begun = max(task.started_on, today - timedelta(days=720)) + timedelta(days=90)
        begun = min(begun, today - timedelta(days=120))
        approved = task.phase >= 6 or number % 3 != 0
        plans.append(
            ScalingPlan(
                task=task,
                approach=APPROACHES[number % len(APPROACHES)],
                status=ScalingPlan.Status.APPROVED if approved else ScalingPlan.Status.DRAFT,
                approved_on=begun + timedelta(days=14) if approved else None,
            )
        )
        below = [pk for pk in tree.descendant_ids(task.owning_area_id) if pk != task.owning_area_id]
        candidates = sorted(
            (tree.units[pk] for pk in below),
            key=lambda unit: (unit.kind != OrgUnit.Kind.INSTITUTION, unit.name),
        )
        chosen = candidates[:MOST_TARGETS]
        running = round(_share_in_operation(task.phase) * len(chosen))
        span = max((today - begun).days, 4)
        for index, unit in enumerate(chosen):
            history = [(Adoption.State.PLANNED, begun, "")]
            if index <= running:
                preparing = begun + timedelta(days=rng.randint(1, span // 4))
                history.append((Adoption.State.PREPARING, preparing, ""))
            if index < running:
                adapted = task.phase == 7 and index == 1
                history.append(
                    (
                        Adoption.State.ADAPTED if adapted else Adoption.State.OPERATING,
                        preparing + timedelta(days=rng.randint(1, span // 2)),
                        ADAPTED if adapted else "",
                    )
                )
            elif task.phase >= 6 and index == len(chosen) - 1 and len(chosen) > 3:
                history.append((Adoption.State.ABANDONED, today - timedelta(days=20), ABANDONED))
            state, since, note = history[-1]
            adoption = Adoption(task=task, unit=unit, state=state, since=since, note=note)
            targets.append((adoption, history))
        for step, title in enumerate(SCALING_STEPS):
            due = begun + timedelta(days=60 + 120 * step)
            milestones.append(
                Milestone(
                    task=task,
                    plan=Milestone.Plan.SCALING,
                    title=title,
                    due_on=due,
                    owner=task.owner,
                    done_on=due if due < today and (task.phase >= 6 or step == 0) else None,
                )
            )
        if task.phase >= 6:
            for step, title in enumerate(IMPLEMENTATION_STEPS):
                due = today + timedelta(days=-30 + 90 * step)
                milestones.append(
                    Milestone(
                        task=task,
                        plan=Milestone.Plan.IMPLEMENTATION,
                        title=title,
                        due_on=due,
                        owner=task.owner,
                        done_on=due if due < today else None,
                    )
                )
            handovers.append(
                Handover(
                    task=task,
                    operated_by=tree.units[task.owning_area_id],
                    owner=task.owner,
                    yearly_budget=Decimal(rng.randrange(150_000, 900_000, 25_000)),
                    handed_over_on=today - timedelta(days=30) if task.phase == 7 else None,
                )
            )
        if task.phase == 7:
            others = [area for area in areas if area.pk != task.owning_area_id]
            if others:
                uptakes.append(
                    Uptake(
                        task=task,
                        area=rng.choice(others),
                        state=Uptake.State.PREPARING,
                        since=today - timedelta(days=45),
                        note="Området vil afprøve løsningen i to enheder først.",
                    )
                )
            uptakes.append(
                Uptake(
                    task=task,
                    organisation=four_k[number % len(four_k)],
                    state=Uptake.State.OPERATING if number % 2 else Uptake.State.INTERESTED,
                    since=today - timedelta(days=75),
                    contact_name="Innovationskonsulent i 4K-netværket",
                    note="Delt i 4K-samarbejdet om velfærdsinnovation.",
                )
            )
    ScalingPlan.objects.bulk_create(plans, batch_size=2000)
    Milestone.objects.bulk_create(milestones, batch_size=2000)
    Handover.objects.bulk_create(handovers, batch_size=2000)
    Uptake.objects.bulk_create(uptakes, batch_size=2000)
    Adoption.objects.bulk_create([adoption for adoption, _history in targets], batch_size=2000)
    AdoptionEvent.objects.bulk_create(
        [
            AdoptionEvent(adoption=adoption, state=state, on=on, note=note)
            for adoption, history in targets
            for state, on, note in history
        ],
        batch_size=2000,
    )
    return len(tasks)
