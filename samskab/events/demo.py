"""Demo data: a co-creation workshop for the earliest active task (phase 1 if any), full with two on the waiting list;
an open public event with places free; and a kick-off held last month, with attendance.

The workshop is held in the innovation house's workshop when the house has one, else at an
address. Written in bulk: seed_demo runs before many tests.
"""

import random
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.accounts.models import User
from samskab.house import services as house_services
from samskab.house.models import Resource
from samskab.portfolio.models import InnovationTask

from .models import Audience, Event, SignUp

HOUSE_ADDRESS = "Innovationshuset, Bernstorffsvej 161, 2920 Charlottenlund"
LIBRARY_ADDRESS = "Gentofte Hovedbibliotek, Ahlmanns Allé 6, 2900 Hellerup"
# Citizens who signed up without a user (made-up addresses: e-mail to them is dropped).
CITIZENS = (
    ("Birgitte Holm", "birgitte.holm@example.dk"),
    ("Ole Kjær", "ole.kjaer@example.dk"),
    ("Fatima Rahimi", "fatima.rahimi@example.dk"),
    ("Niels Brandt", "niels.brandt@example.dk"),
    ("Lise Dahl", "lise.dahl@example.dk"),
)
WORKSHOP_PLACES = 12
# Of the workshop's places, these demo users have one; employees and citizens take the rest.
WORKSHOP_USERS = ("medarbejder", "innovationspartner", "omraadeleder")


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed_events(*, rng: random.Random) -> int:
    if Event.objects.exists():
        return 0
    today = timezone.localdate()
    now = timezone.now()
    # The earliest active task: phase 1 where there is one (uncovering needs with citizens).
    task = (
        InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE)
        .order_by("phase", "pk")
        .first()
    )
    workshop_room = Resource.objects.filter(kind=Resource.Kind.WORKSHOP, active=True).first()
    room = Resource.objects.filter(kind=Resource.Kind.ROOM, active=True).first()
    chief = User.objects.filter(username="innovationschef").first()
    topic = task.title if task is not None else "en bedre hverdag i kommunen"

    workshop = Event(
        title=f"Samskabelsesværksted: {topic}",
        description=(
            "Vi inviterer borgere, medarbejdere og foreninger til et værksted, hvor vi sammen "
            "afdækker behov og idéer. Vi arbejder i små grupper med interviews, "
            "brugerrejser og hurtige prototyper i pap og papir. Der er kaffe og frugt."
        ),
        starts_at=_at(today + timedelta(days=10), 9),
        ends_at=_at(today + timedelta(days=10), 12),
        signup_deadline=_at(today + timedelta(days=8), 12),
        resource=workshop_room,
        address="" if workshop_room else HOUSE_ADDRESS,
        capacity=WORKSHOP_PLACES,
        task=task,
        audience=Audience.PUBLIC,
        status=Event.Status.PUBLISHED,
        created_by=chief,
    )
    open_event = Event(
        title="Åbent hus: Sådan kommer din idé videre",
        description=(
            "Kom og hør, hvordan en idé bliver til en innovationsopgave, og mød "
            "innovationsenheden. Tag gerne din egen idé med – vi hjælper dig med at "
            "beskrive den."
        ),
        starts_at=_at(today + timedelta(days=21), 16),
        ends_at=_at(today + timedelta(days=21), 18),
        signup_deadline=_at(today + timedelta(days=20), 12),
        resource=room,
        address="" if room else LIBRARY_ADDRESS,
        capacity=40,
        audience=Audience.PUBLIC,
        status=Event.Status.PUBLISHED,
        created_by=chief,
    )
    kickoff = Event(
        title=f"Opstart med holdet: {topic}",
        description="Holdet og innovationspartnerne mødes og planlægger de første interviews.",
        starts_at=_at(today - timedelta(days=20), 13),
        ends_at=_at(today - timedelta(days=20), 15),
        signup_deadline=_at(today - timedelta(days=22), 12),
        resource=room,
        address="" if room else HOUSE_ADDRESS,
        capacity=15,
        task=task,
        audience=Audience.INTERNAL,
        status=Event.Status.PUBLISHED,
        created_by=chief,
    )
    events = Event.objects.bulk_create([workshop, open_event, kickoff])
    for event in events:
        event.created_at = min(now, event.signup_deadline) - timedelta(days=14)
        if event.resource is not None and chief is not None:
            # The room is booked for the event, as events.services does; a room the demo
            # bookings already took sends the event to the house's address instead.
            try:
                event.booking = house_services.event_hold(
                    resource=event.resource,
                    starts_at=event.starts_at,
                    ends_at=event.ends_at,
                    title=event.title,
                    by=chief,
                    public=event.is_public,
                    task=event.task,
                )
            except ValidationError:
                event.resource, event.address = None, HOUSE_ADDRESS
    Event.objects.bulk_update(events, ["created_at", "booking", "resource", "address"])

    named = {user.username: user for user in User.objects.filter(username__in=WORKSHOP_USERS)}
    employees = list(
        User.objects.filter(username__startswith="demo", person__isnull=False).order_by("pk")[:12]
    )
    signups = []

    def add(event, *, user=None, name="", email="", status, attended=False):
        number = sum(1 for signup in signups if signup.event is event) + 1
        signups.append(
            SignUp(
                event=event,
                user=user,
                name=name,
                email=email,
                status=status,
                position=number,
                confirmed_at=event.created_at + timedelta(hours=number),
                attended=attended,
                reminded_at=event.starts_at - timedelta(hours=20) if event is kickoff else None,
            )
        )

    confirmed, waiting = SignUp.Status.CONFIRMED, SignUp.Status.WAITING
    people = [named[name] for name in WORKSHOP_USERS if name in named] + employees[:6]
    for user in people:
        add(workshop, user=user, status=confirmed)
    for name, email in CITIZENS[: min(3, WORKSHOP_PLACES - len(people))]:
        add(workshop, name=name, email=email, status=confirmed)
    for name, email in CITIZENS[3:5]:
        add(workshop, name=name, email=email, status=waiting)
    for user in employees[6:10]:
        add(open_event, user=user, status=confirmed)
    add(open_event, name=CITIZENS[0][0], email=CITIZENS[0][1], status=confirmed)
    for number, user in enumerate(employees[:6]):
        add(kickoff, user=user, status=confirmed, attended=number != 2)
    SignUp.objects.bulk_create(signups)
    for event in events:
        mine = [signup for signup in signups if signup.event is event]
        event.confirmed_count = sum(1 for signup in mine if signup.status == confirmed)
        event.waiting_count = sum(1 for signup in mine if signup.status == waiting)
    Event.objects.bulk_update(events, ["confirmed_count", "waiting_count"])
    return len(events)
