"""Demo teams: needs, members who came and went, external participants, learning records.

Runs after the portfolio's demo, for every demo task, in bulk (``--scale 334``
makes thousands of tasks). The portfolio's demo replays the tasks' earlier
gates before any team exists (``seed_demo`` sets this app's gate requirements
aside meanwhile); this demo then records the teams the tasks had.
"""

import random
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from samskab.accounts.models import User
from samskab.network.models import Organisation
from samskab.organisation.models import Competency, OrgUnit, Person, PersonCompetency
from samskab.organisation.queries import OrgTree
from samskab.portfolio.models import InnovationTask

from . import services_programmes
from .models import (
    Attendance,
    CompetencyNeed,
    LearningRecord,
    Participation,
    Programme,
    ProgrammeCompetency,
    Role,
    Session,
    StaffCapacity,
    TeamMembership,
)

# The needs of the named demo tasks: competency slug -> importance.
NEEDS = {
    "Træn dig fri": {"antropologi": 3, "forandringsledelse": 3, "oekonomi": 2, "design": 1},
    "Én kontaktperson – hele familien": {"jura": 3, "relationer": 3, "hr": 2},
    "Synlig læring": {"forandringsledelse": 3, "dataindsamling": 2, "kommunikation": 2},
    "Flytning med ét klik": {"digitalisering": 3, "jura": 3, "design": 2, "kommunikation": 1},
}
# The task whose critical needs are left for the composer to cover in the demo.
UNCOVERED = "Flytning med ét klik"
EXTERNALS = [
    (
        "Fysioterapi Nord ApS",
        Organisation.Kind.COMPANY,
        Person.Kind.COMPANY,
        "Karin Holt",
        "design",
    ),
    (
        "Ældresagen Gentofte",
        Organisation.Kind.ASSOCIATION,
        Person.Kind.ASSOCIATION,
        "Bent Sørensen",
        "relationer",
    ),
    (
        "Roskilde Universitet",
        Organisation.Kind.KNOWLEDGE_INSTITUTION,
        Person.Kind.RESEARCHER,
        "Nadia Rahimi",
        "antropologi",
    ),
    (None, None, Person.Kind.CITIZEN, "Poul Erik Madsen", "ideudvikling"),
]
CONSENT = "Navn, rolle, organisation og e-mail gemmes, så længe opgaven kører."
ACTIVITIES = [
    "Faciliterede workshops med borgere og medarbejdere",
    "Interviewede borgere i deres hjem",
    "Byggede og testede en prototype",
    "Lavede business case sammen med økonomerne",
    "Planlagde og fulgte prøvehandlingen",
]


def _externals(competencies: dict[str, Competency]) -> list[Person]:
    people = []
    for org_name, org_kind, kind, name, slug in EXTERNALS:
        organisation = (
            Organisation.objects.create(name=org_name, kind=org_kind) if org_name else None
        )
        person = Person.objects.create(
            kind=kind,
            name=name,
            email=f"{name.split()[0].lower()}@eksempel.dk",
            organisation=organisation,
        )
        PersonCompetency.objects.create(person=person, competency=competencies[slug], level=4)
        people.append(person)
    return people


def seed_teams(*, rng: random.Random) -> dict:
    today = timezone.localdate()
    competencies = {c.slug: c for c in Competency.objects.all()}
    all_competencies = list(competencies.values())
    tree = OrgTree.load()
    area_of: dict[int, int] = {}
    for unit in tree.units.values():
        if unit.kind == OrgUnit.Kind.AREA:
            for unit_id in tree.descendant_ids(unit.pk):
                area_of[unit_id] = unit.pk
    by_area: dict[int, list[int]] = {}
    for person_id, unit_id in (
        Person.objects.filter(kind=Person.Kind.EMPLOYEE, org_unit__isnull=False)
        .exclude(user__username="admin")  # the system administrator's login isn't a colleague's
        .order_by("pk")
        .values_list("pk", "org_unit_id")
    ):
        if unit_id in area_of:
            by_area.setdefault(area_of[unit_id], []).append(person_id)
    able: dict[int, list[int]] = {}
    held: dict[int, list[tuple[int, int]]] = {}
    # The demo users' own learning sets their level afterwards: they can't be the ones
    # covering that competency (_seed_demo_users_work).
    relearned = {(username, competencies[slug].pk) for username, _t, _r, _a, slug, *_ in OWN_WORK}
    for person_id, competency_id, level, username in (
        PersonCompetency.objects.filter(person__kind=Person.Kind.EMPLOYEE)
        .order_by("pk")
        .values_list("person_id", "competency_id", "level", "person__user__username")
    ):
        held.setdefault(person_id, []).append((competency_id, level))
        if level >= 3 and (username, competency_id) not in relearned:
            able.setdefault(competency_id, []).append(person_id)
    unit_staff = list(
        Person.objects.filter(user__username__in=["innovationsmedarbejder", "innovationschef"])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sara = Person.objects.filter(user__username="innovationspartner").first()
    externals = _externals(competencies)
    chief = User.objects.get(username="innovationschef")
    for person_id, hours in zip(unit_staff, (Decimal(37), Decimal(30)), strict=False):
        StaffCapacity.objects.create(person_id=person_id, hours_per_week=hours)

    needs, memberships, records = [], [], []
    tasks = list(
        InnovationTask.objects.only(
            "id", "title", "owning_area_id", "owner_id", "status", "phase", "started_on", "ended_on"
        ).order_by("pk")
    )
    for task in tasks:
        closed = task.status in (InnovationTask.Status.COMPLETED, InnovationTask.Status.STOPPED)
        start = task.started_on
        end = task.ended_on if closed else None
        wanted = NEEDS.get(task.title) or {
            c.slug: rng.choice([1, 2, 2, 3]) for c in rng.sample(all_competencies, k=3)
        }
        task_needs = [
            CompetencyNeed(
                task=task,
                competency=competencies[slug],
                importance=importance,
                phase=2 if importance == 3 else rng.randint(2, 4),
            )
            for slug, importance in wanted.items()
        ]
        needs.extend(task_needs)
        members: list[TeamMembership] = []

        def add(
            person_id,
            role,
            allocation,
            starts_on,
            ends_on=None,
            *,
            task=task,
            members=members,
            **consent,
        ):
            if any(m.person_id == person_id and m.ends_on is None for m in members):
                return None
            member = TeamMembership(
                task=task,
                person_id=person_id,
                role=role,
                allocation=allocation,
                starts_on=starts_on,
                ends_on=ends_on,
                added_by=chief,
                **consent,
            )
            members.append(member)
            return member

        add(task.owner_id, Role.OWNER, 10, start, end)
        pool = by_area.get(task.owning_area_id, [])
        if task.title == UNCOVERED:  # nobody holding its critical competencies joins
            critical_ids = {need.competency.pk for need in task_needs if need.importance == 3}
            pool = [p for p in pool if not any(c in critical_ids for c, _ in held.get(p, []))]
        is_sara_task = sara and task.title in ("Træn dig fri", "Én kontaktperson – hele familien")
        picked = rng.sample(pool, k=min(len(pool), 3))
        partners = [p for p in picked if p != task.owner_id][: 2 if task.pk % 3 else 1]
        if is_sara_task:
            partners = [sara.pk, *partners[:1]]
        for i, person_id in enumerate(partners):
            allocation = (
                60 if person_id == (sara.pk if sara else None) else rng.choice([20, 30, 50])
            )
            add(person_id, Role.PARTNER, allocation, start, end)
            grown = [(c, lv) for c, lv in held.get(person_id, []) if lv > 1]
            for competency_id, level in rng.sample(grown, k=min(len(grown), 2 - i)):
                learned = (end or today) - timedelta(days=rng.randint(10, 300))
                records.append(
                    LearningRecord(
                        person_id=person_id,
                        competency_id=competency_id,
                        level_before=level - 1,
                        level_after=level,
                        activity=rng.choice(ACTIVITIES),
                        task=task,
                        learned_on=max(learned, start),
                        recorded_by=chief,
                    )
                )
        if unit_staff and not closed:
            add(unit_staff[task.pk % len(unit_staff)], Role.CONSULTANT, 20, start)
        # Specialists: one who left along the way, one who covers a need now; every
        # critical need is covered, since the task passed the gate out of phase 2.
        critical = [need for need in task_needs if need.importance == 3]
        others = [need for need in task_needs if need.importance != 3]
        for need in critical + others[: max(0, 2 - len(critical))]:
            pool = able.get(need.competency.pk, [])
            if not pool:
                continue
            person_id = rng.choice(pool)
            if task.title == UNCOVERED and need.importance == 3:
                continue  # left uncovered: the composer has work to do in the demo
            left = start + timedelta(days=rng.randint(30, 120))
            if closed or left < today:
                add(person_id, Role.SPECIALIST, 10, start, min(left, end) if end else left)
                replacement = rng.choice(pool)
                add(replacement, Role.SPECIALIST, 15, min(left, end) if end else left, end)
            else:
                add(person_id, Role.SPECIALIST, 15, start, end)
        if task.pk % 4 == 0 or task.title in NEEDS:
            external = externals[task.pk % len(externals)]
            add(
                external.pk,
                {
                    Person.Kind.COMPANY: Role.COMPANY,
                    Person.Kind.ASSOCIATION: Role.ASSOCIATION,
                    Person.Kind.RESEARCHER: Role.RESEARCHER,
                    Person.Kind.CITIZEN: Role.CITIZEN,
                }[external.kind],
                5,
                start,
                end,
                consent_on=start,
                consent_to=CONSENT,
            )
        memberships.extend(m for m in members if m.ends_on is None or m.ends_on >= m.starts_on)

    CompetencyNeed.objects.bulk_create(needs, batch_size=2000)
    TeamMembership.objects.bulk_create(memberships, batch_size=2000)
    LearningRecord.objects.bulk_create(records, batch_size=2000)
    _seed_demo_users_work(today=today, competencies=competencies, by=chief)
    # A random stream of their own: the demos after this one draw as they did before.
    programmes = seed_programmes(
        rng=random.Random(2027),  # noqa: S311 - demo data, not security
        today=today,
        competencies=competencies,
        by=chief,
    )
    return {
        "memberships": len(memberships),
        "needs": len(needs),
        "learning": len(records),
        "programmes": programmes,
    }


# The demo employee, innovation partner and finance user each have a task and something
# learned on it.
OWN_WORK = [
    # username, task, role, allocation, competency, level before, level after, activity
    ("medarbejder", "Synlig læring", Role.SPECIALIST, 20, "dataindsamling", 1, 2, ACTIVITIES[4]),
    ("innovationspartner", "Træn dig fri", Role.PARTNER, 60, "antropologi", 2, 3, ACTIVITIES[1]),
    # The finance demo user helps a task with its business case.
    ("oekonomi", "Synlig læring", Role.SPECIALIST, 10, "oekonomi", 2, 3, ACTIVITIES[4]),
]


def _seed_demo_users_work(*, today, competencies: dict[str, Competency], by: User) -> None:
    people = {
        person.user.username: person
        for person in Person.objects.filter(
            user__username__in=[row[0] for row in OWN_WORK]
        ).select_related("user")
    }
    tasks = {
        task.title: task
        for task in InnovationTask.objects.filter(title__in=[r[1] for r in OWN_WORK])
    }
    for username, title, role, allocation, slug, before, after, activity in OWN_WORK:
        person, task, competency = people.get(username), tasks.get(title), competencies.get(slug)
        if person is None or task is None or competency is None:
            continue
        if not TeamMembership.objects.current().filter(task=task, person=person).exists():
            TeamMembership.objects.create(
                task=task,
                person=person,
                role=role,
                allocation=allocation,
                starts_on=max(task.started_on, today - timedelta(days=90)),
                added_by=by,
            )
        LearningRecord.objects.create(
            person=person,
            competency=competency,
            level_before=before,
            level_after=after,
            activity=activity,
            task=task,
            learned_on=max(task.started_on, today - timedelta(days=30)),
            recorded_by=by,
        )
        PersonCompetency.objects.update_or_create(
            person=person, competency=competency, defaults={"level": after}
        )


# Learning programmes: last year's innovation partners' programme, completed by most (its
# learning shows on the heatmap before and after), and this year's, under way, with the
# demo innovation partner taking part and sessions to come.
PROGRAMME_AIMS = {"facilitering": 3, "ideudvikling": 3, "forandringsledelse": 2, "antropologi": 3}
TOPICS = [
    "Opstart: hvad er en innovationsopgave?",
    "Brugerinddragelse og interview i hjemmet",
    "Idéudvikling og facilitering af workshops",
    "Prototyper og prøvehandlinger",
    "Effekt, data og gevinster",
    "Forandringsledelse i eget område",
    "Skalering og spredning",
    "Afslutning: tag det med hjem",
]
# The demo users keep their own front pages as they are: the programme's people are others
# (the demo innovation partner joins this year's programme by name below).
DEMO_USERNAMES = [
    "medarbejder",
    "innovationspartner",
    "omraadeleder",
    "innovationsmedarbejder",
    "innovationschef",
    "direktion",
    "chefforum",
    "oekonomi",
    "admin",
]
PLACES = ["Innovationshuset, mødelokale 1", "Innovationshuset, værkstedet", "Rådhuset, lokale 2"]


def _programme(title, purpose, starts_on, ends_on, competencies, by) -> Programme:
    programme = Programme.objects.create(
        title=title, purpose=purpose, starts_on=starts_on, ends_on=ends_on, created_by=by
    )
    ProgrammeCompetency.objects.bulk_create(
        ProgrammeCompetency(programme=programme, competency=competencies[slug], target_level=level)
        for slug, level in PROGRAMME_AIMS.items()
        if slug in competencies
    )
    step = max(1, (ends_on - starts_on).days // (len(TOPICS) - 1))
    Session.objects.bulk_create(
        Session(
            programme=programme,
            on=min(ends_on, starts_on + timedelta(days=step * i)),
            starts_at=time(9, 0),
            ends_at=time(12, 0),
            place=PLACES[i % len(PLACES)],
            topic=topic,
        )
        for i, topic in enumerate(TOPICS)
    )
    return programme


def seed_programmes(*, rng: random.Random, today, competencies, by: User) -> int:
    """Two programmes: last year's (ended, most completed) and this year's (under way)."""
    people = list(
        Person.objects.filter(kind=Person.Kind.EMPLOYEE, org_unit__isnull=False)
        .exclude(user__username__in=DEMO_USERNAMES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(people) < 12 or not competencies:
        return 0
    chosen = rng.sample(people, k=12)
    purpose = (
        "Innovationspartnerne lærer innovationsarbejdet ved at gøre det, på deres egen opgave, "
        "med et forløb ved siden af, og tager det med hjem til deres område."
    )
    last = _programme(
        f"Innovationspartnerforløbet {today.year - 1}",
        purpose,
        today - timedelta(days=330),
        today - timedelta(days=120),
        competencies,
        by,
    )
    current = _programme(
        f"Innovationspartnerforløbet {today.year + 1}",
        purpose,
        today - timedelta(days=100),
        today + timedelta(days=80),
        competencies,
        by,
    )
    sara = Person.objects.filter(user__username="innovationspartner").first()
    participations = [
        Participation(
            programme=last,
            person_id=person_id,
            status=Participation.Status.ACTIVE,
            asked_on=last.starts_on - timedelta(days=14),
            joined_on=last.starts_on - timedelta(days=7),
            added_by=by,
        )
        for person_id in chosen[:7]
    ]
    current_people = chosen[7:] + ([sara.pk] if sara else [])
    participations += [
        Participation(
            programme=current,
            person_id=person_id,
            status=Participation.Status.ACTIVE,
            asked_on=current.starts_on - timedelta(days=14),
            joined_on=current.starts_on - timedelta(days=7),
            added_by=by,
        )
        for person_id in current_people
    ]
    Participation.objects.bulk_create(participations)
    # Attendance of the sessions held: most came to most.
    held = list(Session.objects.filter(programme__in=[last, current], on__lte=today))
    by_programme = {}
    for participation in participations:
        by_programme.setdefault(participation.programme_id, []).append(participation)
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            participation=participation,
            present=rng.random() < 0.85,
            recorded_by=by,
        )
        for session in held
        for participation in by_programme[session.programme_id]
    )
    # Last year's: five completed on its last day, one dropped out along the way.
    finished = [p for p in participations if p.programme_id == last.pk]
    for participation in finished[:5]:
        services_programmes.participation_complete(
            participation=participation, on=last.ends_on, by=by
        )
    dropped = finished[5]
    dropped.status = Participation.Status.DROPPED
    dropped.dropped_on = last.starts_on + timedelta(days=60)
    dropped.drop_reason = "Nyt job i en anden kommune"
    dropped.save(update_fields=["status", "dropped_on", "drop_reason"])
    # This year's: one asked to join and waits for the unit's answer.
    waiting = Person.objects.filter(pk__in=people).exclude(pk__in=chosen).first()
    if waiting is not None:
        Participation.objects.create(
            programme=current,
            person=waiting,
            status=Participation.Status.REQUESTED,
            asked_on=today - timedelta(days=3),
            added_by=None,
        )
    return 2
