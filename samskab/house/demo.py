"""Demo data: the innovation house with its rooms, workshop, desks and equipment, bookings
over the coming weeks (one of them recurring) and two entrepreneurs in residence who gave
their consent to be proposed to teams.

Written in bulk: many tests load the demo.
"""

import random
from datetime import time, timedelta

from django.utils import timezone

from samskab.accounts.models import User
from samskab.network.models import Organisation
from samskab.organisation.models import Competency, Person
from samskab.portfolio.models import InnovationTask
from samskab.teams.models import CompetencyNeed, Importance

from .models import Booking, BookingSeries, Residency, ResidencySkill, Resource
from .services import at

STEP_FREE = "Niveaufri adgang fra gården og elevator til alle etager."
RESOURCES = (
    (
        "Værkstedet",
        Resource.Kind.WORKSHOP,
        12,
        "Stueetagen, lokale 0.04",
        "Værksted til fysiske prototyper: høvlebænke, værktøj, pap, træ og tekstil.",
        f"{STEP_FREE} Hæve-sænke-arbejdsborde. Høreværn udleveres.",
    ),
    (
        "Det store mødelokale",
        Resource.Kind.ROOM,
        30,
        "1. sal, lokale 1.10",
        "Til workshops og fællesmøder, med skærm, whiteboards og opslagstavler.",
        f"{STEP_FREE} Teleslynge. Handicaptoilet på etagen.",
    ),
    (
        "Fordybelsesrummet",
        Resource.Kind.ROOM,
        6,
        "1. sal, lokale 1.02",
        "Et lille, stille rum til fordybelse og samtaler.",
        f"{STEP_FREE} Dæmpet lys og lyddæmpning.",
    ),
    (
        "Skrivebord 1",
        Resource.Kind.DESK,
        1,
        "2. sal, det åbne kontor",
        "Fast plads til iværksættere i huset.",
        f"{STEP_FREE} Hæve-sænke-bord.",
    ),
    (
        "Skrivebord 2",
        Resource.Kind.DESK,
        1,
        "2. sal, det åbne kontor",
        "Fast plads til iværksættere i huset.",
        f"{STEP_FREE} Hæve-sænke-bord.",
    ),
    (
        "Skrivebord 3",
        Resource.Kind.DESK,
        1,
        "2. sal, det åbne kontor",
        "Flexplads, der kan bookes for en dag.",
        f"{STEP_FREE} Hæve-sænke-bord.",
    ),
    (
        "3D-printer",
        Resource.Kind.EQUIPMENT,
        None,
        "I Værkstedet",
        "Printer til prototyper i PLA, op til 25 × 25 × 25 cm.",
        "Betjenes fra siddende højde.",
    ),
    (
        "VR-sæt",
        Resource.Kind.EQUIPMENT,
        None,
        "Udlånes fra receptionen",
        "To VR-briller til at afprøve løsninger i et virtuelt miljø.",
        "Kan bruges siddende.",
    ),
)
TITLES = (
    "Workshop med borgere om fremtidens bibliotek",
    "Prototype af ny velkomstpakke",
    "Brugerrejse for pårørende",
    "Sparring om forsøgsdesign",
    "Idéudvikling med skolens elever",
    "Test af tilmeldingsflow med brugere",
)
RESIDENTS = (
    (
        "Maja Thorsen",
        "Prototypia ApS",
        "Udvikler hjælpemidler til hjemmeplejen med 3D-print og billige sensorer.",
        "Hurtige fysiske prototyper og test med brugere i deres eget hjem.",
        {"design": 4, "digitalisering": 4, "dataindsamling": 3, "forretningsudvikling": 3},
        "Skrivebord 1",
    ),
    (
        "Emil Sandberg",
        "Samtale & Co IVS",
        "Bygger en tjeneste, der samler frivillige og ensomme ældre om fælles aktiviteter.",
        "Interviews, feltarbejde og facilitering af workshops med borgere.",
        {"antropologi": 4, "facilitering": 4, "kommunikation": 3},
        "Skrivebord 2",
    ),
)
CONSENT = "At blive foreslået til innovationsopgavers hold med navn, e-mail og kompetencer."


def seed_house(*, rng: random.Random) -> int:
    """The house, its bookings and residents; returns the number of bookings."""
    today = timezone.localdate()
    Resource.objects.bulk_create(
        [
            Resource(
                name=name,
                kind=kind,
                capacity=capacity,
                location=location,
                description=description,
                accessibility=accessibility,
            )
            for name, kind, capacity, location, description, accessibility in RESOURCES
        ],
        ignore_conflicts=True,
    )
    resources = {r.name: r for r in Resource.objects.filter(name__in=[r[0] for r in RESOURCES])}
    staff = User.objects.filter(username="innovationsmedarbejder").select_related("person").first()
    employee = User.objects.filter(username="medarbejder").select_related("person").first()
    bookers = [user for user in (staff, employee) if user is not None]

    # A recurring innovation morning, every Tuesday 09:00-10:30 for ten weeks.
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    tuesday = monday + timedelta(days=1)
    big = resources["Det store mødelokale"]
    series = BookingSeries.objects.create(
        resource=big,
        every_weeks=1,
        until=tuesday + timedelta(weeks=9),
        booked_by=staff,
    )
    bookings = [
        Booking(
            resource=big,
            starts_at=at(tuesday + timedelta(weeks=week), time(9)),
            ends_at=at(tuesday + timedelta(weeks=week), time(10, 30)),
            title="Innovationsmorgen: hvad arbejder vi på?",
            public=True,
            series=series,
            booked_by=staff,
            booked_for=getattr(staff, "person", None),
        )
        for week in range(10)
    ]
    # Single bookings over the coming three weeks, never on top of each other.
    rooms = [
        resources[name] for name in ("Værkstedet", "Det store mødelokale", "Fordybelsesrummet")
    ]
    rooms.append(resources["3D-printer"])
    for offset in range(21):
        day = monday + timedelta(days=offset)
        if day.isoweekday() > 5 or not bookers:
            continue
        for resource in rooms:
            if rng.random() < 0.4:
                continue
            start = rng.choice((10, 12, 13, 14))
            if resource == big and day.isoweekday() == 2:
                start = max(start, 11)
            booker = rng.choice(bookers)
            bookings.append(
                Booking(
                    resource=resource,
                    starts_at=at(day, time(start)),
                    ends_at=at(day, time(start + rng.choice((1, 2)))),
                    title=rng.choice(TITLES),
                    public=rng.random() < 0.3,
                    booked_by=booker,
                    booked_for=getattr(booker, "person", None),
                )
            )
    Booking.objects.bulk_create(bookings)

    competencies = {c.slug: c for c in Competency.objects.all()}
    residencies, skills = [], []
    for name, company, works_on, offers, levels, desk in RESIDENTS:
        organisation, _created = Organisation.objects.get_or_create(
            name=company, defaults={"kind": Organisation.Kind.COMPANY}
        )
        person = Person.objects.create(
            kind=Person.Kind.ENTREPRENEUR,
            name=name,
            email=f"{name.split()[0].lower()}@{company.split()[0].lower()}.example",
            organisation=organisation,
            about=works_on,
        )
        residency = Residency(
            person=person,
            organisation=organisation,
            starts_on=today - timedelta(days=60),
            ends_on=today + timedelta(days=300),
            desk=resources[desk],
            works_on=works_on,
            offers=offers,
            consent_on=today - timedelta(days=60),
            consent_to=CONSENT,
        )
        residencies.append(residency)
        skills.append(levels)
    Residency.objects.bulk_create(residencies)
    ResidencySkill.objects.bulk_create(
        [
            ResidencySkill(residency=residency, competency=competencies[slug], level=level)
            for residency, levels in zip(residencies, skills, strict=True)
            for slug, level in levels.items()
            if slug in competencies
        ]
    )
    _a_need_a_resident_meets(competencies.get("design"))
    return len(bookings)


def _a_need_a_resident_meets(design: Competency | None) -> None:
    """The most advanced active task past its team gate asks for a designer at expert level,
    which no demo employee is and the first resident is: the composer proposes her."""
    if design is None:
        return
    task = (
        InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE, phase__gte=3)
        .exclude(competency_needs__competency=design)
        .order_by("-phase", "pk")
        .first()
    )
    if task is not None:
        CompetencyNeed.objects.create(
            task=task,
            competency=design,
            importance=Importance.IMPORTANT,
            phase=task.phase,
            level=4,
        )
