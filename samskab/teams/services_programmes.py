"""Every write to learning programmes, with its rules (seed §5.6, §6).

The innovation unit runs a programme: its competencies and the level each aims at,
its sessions, its participants (employees only, once each) and their attendance.
An employee asks to join and the unit accepts; the unit invites and the employee
accepts. A participant may drop out (dated, kept). Completing a participation
records what was learned, one ``LearningRecord`` per competency of the programme,
and raises the person's competency levels: all of it, or nothing.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.core import freshness
from samskab.organisation.models import Competency, Person, PersonCompetency

from .models import (
    Attendance,
    LearningRecord,
    Participation,
    Programme,
    ProgrammeCompetency,
    Session,
)

Status = Participation.Status


def _unit(by: User) -> None:
    if not by.has_perm("teams.manage_programmes"):
        raise ValidationError(_("Only the innovation unit runs learning programmes."))


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@transaction.atomic
def programme_save(*, programme: Programme, by: User) -> Programme:
    """Create or change a programme; its sessions must stay within its dates."""
    _unit(by)
    if programme.pk is not None and programme.starts_on and programme.ends_on:
        outside = (
            Session.objects.filter(programme=programme)
            .exclude(on__gte=programme.starts_on, on__lte=programme.ends_on)
            .order_by("on")
            .first()
        )
        if outside is not None:
            raise ValidationError(
                {
                    "starts_on": _(
                        "The session on %(date)s lies outside these dates: move it first."
                    )
                    % {"date": _day(outside.on)}
                }
            )
    if programme.pk is None:
        programme.created_by = by
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_competency_set(
    *, programme: Programme, competency: Competency, target_level: int, by: User
) -> ProgrammeCompetency:
    """The programme builds ``competency`` up to ``target_level``; a second call changes the aim."""
    _unit(by)
    _not_completed_by_anyone(programme)
    aim = ProgrammeCompetency.objects.filter(
        programme=programme, competency=competency
    ).first() or ProgrammeCompetency(programme=programme, competency=competency)
    aim.target_level = target_level
    aim.full_clean()
    aim.save()
    return aim


@transaction.atomic
def programme_competency_remove(*, aim: ProgrammeCompetency, by: User) -> None:
    _unit(by)
    _not_completed_by_anyone(aim.programme)
    aim.delete()


def _not_completed_by_anyone(programme: Programme) -> None:
    if programme.participations.filter(status=Status.COMPLETED).exists():
        raise ValidationError(
            _(
                "Participants have completed the programme and their learning was recorded "
                "by its competencies: they stay as they were."
            )
        )


@transaction.atomic
def session_save(*, session: Session, by: User) -> Session:
    """A session of the programme, on a day within the programme's dates."""
    _unit(by)
    programme = session.programme
    if session.on and not programme.starts_on <= session.on <= programme.ends_on:
        raise ValidationError(
            {
                "on": _("Choose a day within the programme, %(start)s to %(end)s.")
                % {"start": _day(programme.starts_on), "end": _day(programme.ends_on)}
            }
        )
    session.full_clean()
    session.save()
    return session


def _employee(person: Person) -> None:
    if person.kind != Person.Kind.EMPLOYEE:
        raise ValidationError(
            {"person": _("Learning programmes are for the municipality's employees.")}
        )


def _once(programme: Programme, person: Person) -> None:
    existing = Participation.objects.filter(programme=programme, person=person).first()
    if existing is not None:
        raise ValidationError(
            {
                "person": _("%(name)s is already on the programme (%(status)s).")
                % {"name": person.name, "status": existing.get_status_display().lower()}
            }
        )


def _not_ended(programme: Programme, today: date) -> None:
    if programme.ends_on < today:
        raise ValidationError(_("The programme has ended; nobody joins it any more."))


@transaction.atomic
def participant_add(
    *, programme: Programme, person: Person, invite: bool = False, by: User
) -> Participation:
    """The unit puts an employee on the programme, taking part at once or invited to."""
    _unit(by)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    today = timezone.localdate()
    _employee(person)
    _not_ended(programme, today)
    _once(programme, person)
    participation = Participation(
        programme=programme,
        person=person,
        status=Status.INVITED if invite else Status.ACTIVE,
        asked_on=today,
        joined_on=None if invite else today,
        added_by=by,
    )
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def participation_request(*, programme: Programme, by: User) -> Participation:
    """An employee asks to join a programme; the unit accepts (or not)."""
    person = Person.objects.filter(user=by).first()
    if person is None:
        raise ValidationError(_("Your user has no person record; ask the innovation unit."))
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    today = timezone.localdate()
    _employee(person)
    _not_ended(programme, today)
    _once(programme, person)
    participation = Participation(
        programme=programme, person=person, status=Status.REQUESTED, asked_on=today, added_by=by
    )
    participation.full_clean()
    participation.save()
    return participation


def _locked(participation: Participation) -> Participation:
    return (
        Participation.objects.select_for_update()
        .select_related("programme", "person")
        .get(pk=participation.pk)
    )


@transaction.atomic
def participation_accept(*, participation: Participation, by: User) -> Participation:
    """The unit accepts an employee's request; an employee accepts the unit's invitation."""
    participation = _locked(participation)
    own = participation.person.user_id == by.pk
    if participation.status == Status.REQUESTED:
        _unit(by)
    elif participation.status == Status.INVITED:
        if not own:
            raise ValidationError(_("Only the person invited accepts an invitation."))
    else:
        raise ValidationError(
            _("There is nothing to accept: the participation is %(status)s.")
            % {"status": participation.get_status_display().lower()}
        )
    participation.status = Status.ACTIVE
    participation.joined_on = timezone.localdate()
    participation.full_clean()
    participation.save(update_fields=["status", "joined_on", "updated_at"])
    return participation


@transaction.atomic
def participation_drop(
    *, participation: Participation, on: date | None = None, reason: str = "", by: User
) -> Participation:
    """The participant leaves the programme, or declines; the participation is kept, dated."""
    participation = _locked(participation)
    if not (by.has_perm("teams.manage_programmes") or participation.person.user_id == by.pk):
        raise ValidationError(_("Only the participant and the innovation unit do that."))
    if participation.status == Status.COMPLETED:
        raise ValidationError(_("The programme was completed; that stays as it was."))
    if participation.status == Status.DROPPED:
        raise ValidationError(_("The participant has already dropped out."))
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"on": _("Dropping out cannot be dated in the future.")})
    if on < participation.asked_on:
        raise ValidationError(
            {
                "on": _("Date it on or after %(date)s, when the participation began.")
                % {"date": _day(participation.asked_on)}
            }
        )
    participation.status = Status.DROPPED
    participation.dropped_on = on
    participation.drop_reason = reason.strip()
    participation.full_clean()
    participation.save(update_fields=["status", "dropped_on", "drop_reason", "updated_at"])
    return participation


@transaction.atomic
def participation_complete(
    *, participation: Participation, on: date | None = None, by: User
) -> list[LearningRecord]:
    """The unit marks a participant as having completed the programme.

    Per competency of the programme, a learning record: the level before is the
    person's current level, the level after the programme's aim if that is higher
    (else the level stays). The person's levels are raised to match. All of it in
    one transaction: a refused rule leaves nothing written.
    """
    _unit(by)
    participation = _locked(participation)
    if participation.status == Status.DROPPED:
        raise ValidationError(
            _("%(name)s dropped out on %(date)s; a dropped participation cannot be completed.")
            % {"name": participation.person.name, "date": _day(participation.dropped_on)}
        )
    if participation.status == Status.COMPLETED:
        raise ValidationError(_("The participation is already completed."))
    if participation.status != Status.ACTIVE:
        raise ValidationError(
            _("Only someone taking part completes the programme: accept them first.")
        )
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"on": _("Completion cannot be dated in the future.")})
    if participation.joined_on and on < participation.joined_on:
        raise ValidationError(
            {
                "on": _("Date it on or after %(date)s, when the participant joined.")
                % {"date": _day(participation.joined_on)}
            }
        )
    programme = participation.programme
    person = participation.person
    aims = list(programme.competencies.select_related("competency"))
    if not aims:
        raise ValidationError(
            _("Name the competencies the programme builds before anyone completes it.")
        )
    current = {
        row.competency_id: row
        for row in PersonCompetency.objects.select_for_update().filter(
            person=person, competency_id__in=[aim.competency_id for aim in aims]
        )
    }
    records = []
    for aim in aims:
        held = current.get(aim.competency_id)
        before = held.level if held else None
        after = max(before or 0, aim.target_level)
        record = LearningRecord(
            person=person,
            competency=aim.competency,
            level_before=before,
            level_after=after,
            activity=programme.title,
            programme=programme,
            learned_on=on,
            recorded_by=by,
        )
        record.full_clean()
        records.append(record)
        if held is None:
            PersonCompetency.objects.create(person=person, competency=aim.competency, level=after)
        elif held.level != after:
            held.level = after
            held.save(update_fields=["level"])
    LearningRecord.objects.bulk_create(records)
    participation.status = Status.COMPLETED
    participation.completed_on = on
    participation.full_clean()
    participation.save(update_fields=["status", "completed_on", "updated_at"])
    freshness.touch("teams")  # bulk_create sends no signal
    return records


ATTENDING = (Status.ACTIVE, Status.COMPLETED)


@transaction.atomic
def attendance_record(*, session: Session, present: set[int], by: User) -> int:
    """Who came to a session: each participant taking part (or completed) is present when
    their participation's id is in ``present``, absent otherwise. Returns how many came."""
    _unit(by)
    today = timezone.localdate()
    if session.on > today:
        raise ValidationError(_("Attendance is recorded on the session's day or after it."))
    participations = list(
        Participation.objects.select_for_update().filter(
            programme_id=session.programme_id, status__in=ATTENDING
        )
    )
    eligible = {p.pk for p in participations}
    strangers = set(present) - eligible
    if strangers:
        raise ValidationError(_("Only the programme's participants can be marked present."))
    Attendance.objects.filter(session=session, participation_id__in=eligible).delete()
    Attendance.objects.bulk_create(
        Attendance(session=session, participation=p, present=p.pk in present, recorded_by=by)
        for p in participations
    )
    freshness.touch("teams")
    return len(set(present))
