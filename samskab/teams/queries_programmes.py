"""Reads of learning programmes, each in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from samskab.organisation.models import Person

from .models import Attendance, Participation, Programme, ProgrammeCompetency, Session

Status = Participation.Status
TAKING_PART = (Status.ACTIVE, Status.COMPLETED)


def _count(queryset, *, of: str = "programme") -> Coalesce:
    counted = queryset.filter(**{of: OuterRef("pk")}).values(of).annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), Value(0))


def programmes(*, today: date | None = None):
    """Every programme, the newest first, with its number of sessions, participants taking
    part or completed, completed, and the day of its next session (one query)."""
    today = today or timezone.localdate()
    upcoming = Session.objects.filter(programme=OuterRef("pk"), on__gte=today).order_by(
        "on", "starts_at", "pk"
    )
    return Programme.objects.annotate(
        session_count=_count(Session.objects.all()),
        participant_count=_count(Participation.objects.filter(status__in=TAKING_PART)),
        completed_count=_count(Participation.objects.filter(status=Status.COMPLETED)),
        next_session_on=Subquery(upcoming.values("on")[:1]),
    ).order_by("-starts_on", "title", "pk")


def participations_of(person: Person | None, programme_ids) -> dict[int, Participation]:
    """The person's own participation in each of the programmes, by programme id (one query)."""
    if person is None:
        return {}
    rows = Participation.objects.filter(person=person, programme_id__in=list(programme_ids))
    return {p.programme_id: p for p in rows}


def shown_counts(shown: Q, programme_ids) -> dict[int, int]:
    """How many participations a reader is shown per programme (``participations_shown_to``):
    an area manager's own staff on each (one query)."""
    rows = (
        Participation.objects.filter(shown, programme_id__in=list(programme_ids))
        .values("programme_id")
        .annotate(n=Count("pk"))
    )
    return {row["programme_id"]: row["n"] for row in rows}


@dataclass
class ProgrammePage:
    programme: Programme
    aims: list[ProgrammeCompetency]
    sessions: list[Session]
    participations: list[Participation]
    # (session id, participation id) -> present
    attendance: dict[tuple[int, int], bool] = field(default_factory=dict)

    def rows(self):
        """Each participation shown, with its attendance per session (None: not recorded)."""
        return [
            (p, [self.attendance.get((s.pk, p.pk)) for s in self.sessions], self.attended(p))
            for p in self.participations
        ]

    def attended(self, participation: Participation) -> int:
        return sum(
            1 for s in self.sessions if self.attendance.get((s.pk, participation.pk)) is True
        )

    @property
    def recorded_sessions(self) -> set[int]:
        return {session_id for session_id, _p in self.attendance}


def programme_page(programme: Programme, *, shown: Q) -> ProgrammePage:
    """What a programme's page shows a reader, in four queries whatever its size."""
    aims = list(programme.competencies.select_related("competency"))
    sessions = list(programme.sessions.all())
    participations = list(
        programme.participations.filter(shown)
        .select_related("person__org_unit")
        .order_by("person__name", "pk")
    )
    attendance = {}
    if participations and sessions:
        attendance = {
            (session_id, participation_id): present
            for session_id, participation_id, present in Attendance.objects.filter(
                session__programme=programme,
                participation_id__in=[p.pk for p in participations],
            ).values_list("session_id", "participation_id", "present")
        }
    return ProgrammePage(programme, aims, sessions, participations, attendance)


def next_session_of(person: Person, *, today: date) -> Session | None:
    """The next session of a programme the person takes part in (one query)."""
    return (
        Session.objects.filter(
            on__gte=today,
            programme__participations__person=person,
            programme__participations__status=Status.ACTIVE,
        )
        .select_related("programme")
        .order_by("on", "starts_at", "pk")
        .first()
    )


def programmes_of(person: Person):
    """A person's participations, with their programmes and attendance counted (one query)."""
    present = Attendance.objects.filter(present=True)
    return (
        Participation.objects.filter(person=person)
        .select_related("programme")
        .annotate(
            attended=_count(present, of="participation"),
            session_count=Coalesce(
                Subquery(
                    Session.objects.filter(programme=OuterRef("programme_id"))
                    .values("programme")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
        )
        .order_by("-asked_on", "-pk")
    )


def completion_window(programme: Programme, *, today: date | None = None) -> tuple[date, date]:
    """The two days that show what a programme changed: the day before it started, and
    the day it ended or the last day a participant completed it, if later (never after
    today). One query."""
    today = today or timezone.localdate()
    last = (
        programme.participations.filter(status=Status.COMPLETED)
        .order_by("-completed_on")
        .values_list("completed_on", flat=True)
        .first()
    )
    after = max(programme.ends_on, last) if last else programme.ends_on
    before = programme.starts_on.fromordinal(programme.starts_on.toordinal() - 1)
    return before, min(after, today)
