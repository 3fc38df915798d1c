"""Demo data for triage, sparring, the portfolio and its governance.

The three examples of seed §2 (Træn dig fri, one contact person for the whole
family, visible learning) and enough other tasks, proposals, sparring requests,
meetings and decisions to show every state. They are made through the
services, so they obey the rules. ``--scale N`` adds N×20 closed tasks with
their decisions, for benchmarks at size.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from samskab.accounts.models import User
from samskab.governance.models import Decision, Forum, Meeting
from samskab.governance.services import decision_record
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.queries import OrgTree

from .models import (
    Assessment,
    AssessorAssignment,
    Category,
    Criterion,
    ExitCheck,
    ExitCriterion,
    InnovationTask,
    Novelty,
    Score,
    SparringLog,
    SparringRequest,
    TaskProposal,
)
from .services import tasks as task_services

# title, area, novelty, category, problem, ambition, target phase, final status
TASKS = [
    (
        "Træn dig fri",
        "Social og Sundhed",
        Novelty.RADICAL,
        Category.SERVICE,
        "Ældre, der søger hjemmehjælp, får hjælp til det, de ikke kan selv – og mister derved gradvist mere funktionsevne.",
        "Borgere, der søger hjemmehjælp, tilbydes først et træningsforløb. Målet er, at halvdelen klarer sig uden hjælp bagefter.",
        5,
        "active",
    ),
    (
        "Én kontaktperson – hele familien",
        "Social og Sundhed",
        Novelty.RADICAL,
        Category.ORGANISATION,
        "Familier med flere sager møder mange sagsbehandlere, der hver ser en del af familien.",
        "Én gennemgående kontaktperson med helhedssyn på familien, færre møder og hurtigere hjælp.",
        3,
        "active",
    ),
    (
        "Synlig læring",
        "Børn og Skole",
        Novelty.RADICAL,
        Category.PROCESS,
        "Undervisningen tilrettelægges efter, hvad læreren underviser i, ikke efter hvad eleverne lærer.",
        "Skiftet fra undervisning til synlig læring: alle elever ved, hvad de skal lære, og hvordan de kommer dertil.",
        6,
        "active",
    ),
    (
        "Flytning med ét klik",
        "Tværgående Funktioner",
        Novelty.INCREMENTAL,
        Category.PROCESS,
        "Nye borgere skal selv kontakte fem afdelinger, når de flytter til kommunen.",
        "Ét digitalt forløb klarer skole, læge, affald og parkering på én gang.",
        2,
        "active",
    ),
    (
        "Vasketoiletter i plejeboliger",
        "Social og Sundhed",
        Novelty.INCREMENTAL,
        Category.SERVICE,
        "Beboere er afhængige af hjælp ved toiletbesøg.",
        "Mere selvhjulpne beboere og frigjort tid for personalet.",
        4,
        "paused",
    ),
    (
        "Regnbede i stedet for kloak",
        "By, Plan og Miljø",
        Novelty.INCREMENTAL,
        Category.SERVICE,
        "Skybrud oversvømmer kældre, og kloakudvidelse er dyr.",
        "Regnvand håndteres lokalt i grønne regnbede.",
        3,
        "stopped",
    ),
    (
        "Lektiecafé på biblioteket",
        "Kultur, Unge og Fritid",
        Novelty.INCREMENTAL,
        Category.SERVICE,
        "Elever uden hjælp derhjemme halter bagefter med lektierne.",
        "Frivillige og ældre elever hjælper to eftermiddage om ugen.",
        7,
        "completed",
    ),
]

PROPOSALS = [
    (
        "Fælles vikarkorps på tværs",
        "Tværgående Funktioner",
        Novelty.INCREMENTAL,
        Category.ORGANISATION,
        "Dyre vikarbureauer dækker sygefravær i institutionerne.",
        "Et fælles korps af vikarer for daginstitutioner, skoler og plejecentre.",
    ),
    (
        "Ensomhed blandt ældre",
        "Social og Sundhed",
        Novelty.RADICAL,
        Category.SERVICE,
        "Mange ældre mister kontakten til andre, når ægtefællen dør.",
        "Frivillige fællesskaber, der når de ensomme, før de isolerer sig.",
    ),
]

# A gate due before the executive board's next meeting (in 14 days): the chief's front
# page warns that it falls between meetings.
GATE_IN_DAYS = {"Flytning med ét klik": 10}

SPARRING = [
    ("Workshop om borgerrejser i Borgerservice", "Tværgående Funktioner", 20, 6),
    ("Hjælp til at teste en ny visitationsproces", "Social og Sundhed", 20, 24),
    ("Sparring på idé om cykelbibliotek", "By, Plan og Miljø", 10, 0),
    ("Forældreinddragelse i dagtilbud", "Børn og Skole", 20, 3),
    ("Ungepanel i Kultur, Unge og Fritid", "Kultur, Unge og Fritid", 15, 0),
]


def _owner_in(area: OrgUnit, tree: OrgTree) -> Person:
    units = tree.descendant_ids(area.pk)
    manager = Person.objects.filter(user__username="omraadeleder", org_unit__in=units).first()
    return (
        manager
        or Person.objects.filter(kind=Person.Kind.EMPLOYEE, org_unit__in=units)
        .order_by("pk")
        .first()
    )


def seed_portfolio(*, scale: int, rng: random.Random) -> dict:
    chief = User.objects.get(username="innovationschef")
    board = User.objects.get(username="direktion")
    staff = User.objects.get(username="innovationsmedarbejder")
    committee = User.objects.get(username="opgaveudvalg")
    forums = {forum.kind: forum for forum in Forum.objects.all()}
    executive = forums[Forum.Kind.EXECUTIVE]
    areas = {unit.name: unit for unit in OrgUnit.objects.filter(kind=OrgUnit.Kind.AREA)}
    tree = OrgTree.load()
    today = timezone.localdate()
    now = timezone.now()

    past = Meeting.objects.create(
        forum=executive,
        title="Direktion og chefforum",
        starts_at=now - timedelta(days=30),
        location="Rådhuset, mødelokale 1",
    )
    Meeting.objects.create(
        forum=executive,
        title="Direktion og chefforum",
        starts_at=now + timedelta(days=14),
        location="Rådhuset, mødelokale 1",
    )
    Meeting.objects.create(
        forum=executive,
        title="Direktion og chefforum",
        starts_at=now + timedelta(days=56),
        location="Rådhuset, mødelokale 1",
    )
    committee_meeting = Meeting.objects.create(
        forum=forums[Forum.Kind.COMMITTEE],
        title="Opgaveudvalget",
        starts_at=now - timedelta(days=10),
    )
    # Every forum has a meeting ahead, for its members' front page.
    Meeting.objects.create(
        forum=forums[Forum.Kind.COMMITTEE],
        title="Opgaveudvalget",
        starts_at=now + timedelta(days=21),
    )
    Meeting.objects.create(
        forum=forums[Forum.Kind.COUNCIL],
        title="Kommunalbestyrelsen",
        starts_at=now + timedelta(days=28),
        location="Rådhuset, byrådssalen",
    )

    ideas_by_title = {}
    for idea in Idea.objects.filter(moderation=Idea.Moderation.APPROVED).only("id", "title")[:400]:
        ideas_by_title.setdefault(idea.title.split(" i ")[0], idea)

    tasks = []
    for title, area_name, novelty, category, problem, ambition, phase, status in TASKS:
        area = areas[area_name]
        proposal = task_services.proposal_save(
            proposal=TaskProposal(
                title=title,
                problem=problem,
                ambition=ambition,
                novelty=novelty,
                category=category,
                owning_area=area,
                owner=_owner_in(area, tree),
            ),
            ideas=[
                idea for key, idea in ideas_by_title.items() if key.startswith(title.split()[0])
            ][:2],
            by=chief,
        )
        decision = decision_record(
            kind=Decision.Kind.START,
            forum=executive,
            proposal=proposal,
            by=board,
            rationale="Opgaven er politisk prioriteret og har stort potentiale for både kvalitet og økonomi.",
            political_reference=f"Kommunalbestyrelsen {today.year}, sag {rng.randint(100, 999)}",
            # The further a task has come, the longer ago it started.
            decided_on=today - timedelta(days=60 + 120 * phase + 10 * len(tasks)),
        )
        task = decision.task
        # The proposal was made a month before the decision that started it (the task's story).
        TaskProposal.objects.filter(pk=proposal.pk).update(
            created_at=now - (today - decision.decided_on) - timedelta(days=30)
        )
        # The gates fall evenly between the start and today.
        step = (today - decision.decided_on) / phase
        for gate in range(phase - 1):
            for criterion in ExitCriterion.objects.filter(phase=task.phase, active=True):
                ExitCheck.objects.get_or_create(
                    task=task, criterion=criterion, defaults={"checked_by": staff}
                )
            decision_record(
                kind=Decision.Kind.GATE_GO,
                forum=executive,
                task=task,
                by=board,
                rationale="Fasens exitkriterier er opfyldt, og effekten er dokumenteret.",
                decided_on=decision.decided_on + step * (gate + 1),
                next_gate_on=decision.decided_on + step * (gate + 2),
            )
            task.refresh_from_db()
        if status == "paused":
            decision_record(
                kind=Decision.Kind.PAUSE,
                forum=executive,
                task=task,
                by=board,
                rationale="Sat på pause, indtil leverandøren kan levere.",
            )
        elif status == "stopped":
            decision_record(
                kind=Decision.Kind.GATE_STOP,
                forum=executive,
                task=task,
                by=board,
                rationale="Prøvehandlingerne viste for lille effekt i forhold til omkostningen.",
                worked="Borgerne tog godt imod regnbedene.",
                not_worked="Vedligeholdelsen var dyrere end forventet, og effekten ved skybrud lille.",
            )
        elif status == "completed":
            decision_record(
                kind=Decision.Kind.COMPLETE,
                forum=executive,
                task=task,
                by=board,
                rationale="Lektiecaféen er udbredt til alle biblioteker og drives nu af foreningerne.",
                worked="Samarbejdet med de frivillige.",
                not_worked="Tilmelding via skolen virkede ikke.",
            )
        else:
            task.next_gate_on = today + timedelta(days=rng.randint(7, 90))
            if title in GATE_IN_DAYS:
                task.next_gate_on = today + timedelta(days=GATE_IN_DAYS[title])
            task.planned_end_on = today + timedelta(days=rng.randint(200, 600))
            task.save(update_fields=["next_gate_on", "planned_end_on"])
        tasks.append(task)
    InnovationTask.objects.filter(title="Vasketoiletter i plejeboliger").update(
        closure_flag="Leverandøren kan ikke levere før om et år; overvej at lukke opgaven.",
        closure_flag_code="",  # typed by the unit: shown as typed in every language
        closure_flag_params={},
    )
    # Direktion's last meeting moved a gate; its pack is kept as the meeting had it.
    moved = InnovationTask.objects.get(pk=next(t.pk for t in tasks if t.status == "active"))
    decision_record(
        kind=Decision.Kind.RECALIBRATE,
        forum=executive,
        meeting=past,
        task=moved,
        by=board,
        rationale="Gaten flyttes, så prøvehandlingens sidste målinger kan nå at komme med.",
        decided_on=timezone.localtime(past.starts_at).date(),
        next_gate_on=moved.next_gate_on,
    )
    decision_record(
        kind=Decision.Kind.RECOMMENDATION,
        forum=forums[Forum.Kind.COMMITTEE],
        meeting=committee_meeting,
        task=tasks[0],
        by=committee,
        rationale="Udvalget anbefaler, at Træn dig fri udbredes til hele ældreområdet og til 4K-kommunerne.",
        decided_on=timezone.localtime(committee_meeting.starts_at).date(),
    )

    for title, area_name, novelty, category, problem, ambition in PROPOSALS:
        area = areas[area_name]
        task_services.proposal_save(
            proposal=TaskProposal(
                title=title,
                problem=problem,
                ambition=ambition,
                novelty=novelty,
                category=category,
                owning_area=area,
                owner=_owner_in(area, tree),
            ),
            by=chief,
        )

    _seed_assessments(rng=rng, chief=chief, staff=[staff, chief])
    _seed_sparring(areas=areas, chief=chief, staff=staff)
    closed = _seed_closed_tasks(
        scale=scale, rng=rng, areas=areas, tree=tree, by=board, forum=executive
    )
    return {"tasks": len(tasks) + closed, "proposals": len(PROPOSALS)}


def _seed_assessments(*, rng: random.Random, chief: User, staff: list[User]) -> None:
    criteria = list(Criterion.objects.filter(active=True))
    candidates = Idea.objects.filter(
        moderation=Idea.Moderation.APPROVED, status=Idea.Status.UNDER_ASSESSMENT
    )[:8]
    for i, idea in enumerate(candidates):
        assessment = Assessment.objects.create(
            title=idea.title,
            created_by=chief,
            novelty=rng.choice(Novelty.values),
            category=rng.choice(Category.values),
        )
        assessment.ideas.add(idea)
        for assessor in staff[: 1 + i % 2]:
            assignment = AssessorAssignment.objects.create(
                assessment=assessment,
                assessor=assessor,
                assigned_by=chief,
                submitted_at=timezone.now() if i % 3 else None,
            )
            Score.objects.bulk_create(
                Score(
                    assignment=assignment,
                    criterion=criterion,
                    value=rng.randint(1, 5),
                    reason="Vurderet ud fra idéens beskrivelse og områdets data.",
                )
                for criterion in criteria
            )


def _seed_sparring(*, areas, chief: User, staff: User) -> None:
    requester = User.objects.get(username="medarbejder")
    for position, (title, area_name, box, used) in enumerate(SPARRING, start=1):
        request = SparringRequest.objects.create(
            title=title,
            description="Vi vil gerne have hjælp af innovationsenheden.",
            requested_by=requester,
            area=areas[area_name],
            position=position,
            time_box_hours=Decimal(box),
            status=SparringRequest.Status.ACTIVE if used else SparringRequest.Status.QUEUED,
            assigned_to=staff if used else None,
            hours_used=Decimal(used),
        )
        if used:
            SparringLog.objects.create(
                request=request, by=staff, hours=Decimal(used), note="Workshops og opfølgning."
            )


def _seed_closed_tasks(
    *, scale: int, rng: random.Random, areas, tree: OrgTree, by: User, forum: Forum
) -> int:
    """N×20 tasks that ran and ended, with their start and end decisions, in bulk."""
    if scale <= 1:
        return 0
    count = 20 * scale
    area_list = list(areas.values())
    owners = {area.pk: _owner_in(area, tree) for area in area_list}
    today = timezone.localdate()
    tasks = []
    for i in range(count):
        area = area_list[i % len(area_list)]
        started = today - timedelta(days=rng.randint(400, 3000))
        status = rng.choice([InnovationTask.Status.COMPLETED, InnovationTask.Status.STOPPED])
        tasks.append(
            InnovationTask(
                title=f"Afsluttet opgave {i + 1}",
                problem="Et problem, der er løst.",
                ambition="En løsning.",
                novelty=rng.choice(Novelty.values),
                category=rng.choice(Category.values),
                owning_area=area,
                owner=owners[area.pk],
                political_reference=f"KB sag {i + 1}",
                status=status,
                phase=7 if status == InnovationTask.Status.COMPLETED else rng.randint(1, 6),
                started_on=started,
                ended_on=started + timedelta(days=rng.randint(60, 380)),
                learned_worked="Samskabelsen med borgerne.",
                learned_not_worked="Tidsplanen.",
            )
        )
    InnovationTask.objects.bulk_create(tasks, batch_size=2000)
    decisions = []
    for task in tasks:
        decisions.append(
            Decision(
                kind=Decision.Kind.START,
                forum=forum,
                task=task,
                decided_on=task.started_on,
                rationale="Prioriteret.",
                political_reference=task.political_reference,
                recorded_by=by,
            )
        )
        decisions.append(
            Decision(
                kind=Decision.Kind.COMPLETE
                if task.status == "completed"
                else Decision.Kind.GATE_STOP,
                forum=forum,
                task=task,
                decided_on=task.ended_on,
                rationale="Afsluttet.",
                recorded_by=by,
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=2000)
    return count
