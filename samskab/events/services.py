"""Every write of events and sign-ups, with its rules.

Each write that changes who has a place locks the event's row first (on SQLite the
write transaction itself serialises writers), so two people signing up for the last
place at once cannot both get it, and the waiting list is served strictly in order.
After each such write the event's counts are read again from its sign-ups and kept on
the event (``confirmed_count``, ``waiting_count``).

People without an account confirm their sign-up by a signed link (``core.signed_links``,
as ideas sent without an account are confirmed); the same link later shows their
sign-up and cancels it. E-mail goes through the notifications app after commit: to
users as their notification setting says, to people without an account right away.
E-mail is in Danish.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.core import freshness, signed_links
from samskab.house import services as house_services
from samskab.notifications.services import notify, notify_email

from .models import Audience, Event, SignUp

CONFIRM_SALT = "samskab.events.signup"
# The link that confirms a sign-up works for a week; the same link shows and cancels the
# sign-up for as long as it exists.
CONFIRM_MAX_AGE = 7 * 24 * 3600

Status = SignUp.Status


# Reading what a sign-up is --------------------------------------------------------------


def signup_token(signup: SignUp) -> str:
    return signed_links.sign({"signup": signup.pk, "email": signup.email}, salt=CONFIRM_SALT)


def signup_from_token(token: str, *, confirming: bool = False) -> SignUp:
    """The sign-up an e-mailed link is about; to confirm, the link must be under a week old."""
    values = signed_links.unsign(
        token,
        salt=CONFIRM_SALT,
        max_age=CONFIRM_MAX_AGE if confirming else None,
        expired=_("The link has expired. Sign up again."),
    )
    signup = (
        SignUp.objects.select_related("event__resource", "user")
        .filter(pk=values.get("signup"), user__isnull=True)
        .first()
    )
    if signup is None or signup.email != values.get("email"):
        raise ValidationError(_("The link is not valid."))
    return signup


def waiting_number(signup: SignUp) -> int | None:
    """The sign-up's place on the waiting list (1 is next), or None if it is not waiting."""
    if signup.status != Status.WAITING:
        return None
    ahead = SignUp.objects.filter(
        event_id=signup.event_id, status=Status.WAITING, position__lt=signup.position
    ).count()
    return ahead + 1


# Events ---------------------------------------------------------------------------------


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def event_save(*, event: Event, by: User) -> Event:
    """Create or change an event. More places fill from the waiting list, in order;
    fewer places than people already have one is refused. A new time or place is told
    to everyone signed up, and they are reminded again the day before."""
    creating = event.pk is None
    before = None
    if creating:
        event.created_by = by
    else:
        before = _lock(event)
        if before.status == Event.Status.CANCELLED:
            raise ValidationError(_("The event is cancelled; it can no longer be changed."))
        if event.capacity is not None and event.capacity < before.confirmed_count:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(count)d people already have a place; the event cannot have fewer "
                        "places. Ask someone to cancel first."
                    )
                    % {"count": before.confirmed_count}
                }
            )
        event.status = before.status  # published, cancelled: by their own services
    event.full_clean()
    _hold_place(event, before=before, by=by)
    event.save()
    if creating:
        return event
    moved = (before.starts_at, before.resource_id, before.address.strip()) != (
        event.starts_at,
        event.resource_id,
        event.address.strip(),
    )
    if before.starts_at != event.starts_at:
        event.signups.update(reminded_at=None)
    promoted = _fill(event)
    _recount(event)
    if moved and event.status == Event.Status.PUBLISHED:
        _tell_moved(event, exclude={signup.pk for signup in promoted})
    _tell_promoted(event, promoted)
    return event


def _hold_place(event: Event, *, before: Event | None, by: User) -> None:
    """Book the event's room in the house for its time, and give up the old booking when
    the event moves or leaves the house; a room already taken then refuses the event."""
    held = before.booking if before is not None else None
    unchanged = (
        before is not None
        and held is not None
        and not held.is_cancelled
        and (before.resource_id, before.starts_at, before.ends_at)
        == (event.resource_id, event.starts_at, event.ends_at)
    )
    if unchanged:
        if before.title != event.title or before.audience != event.audience:
            held.title, held.public = event.title[:200], event.is_public  # Booking.title: 200
            held.save(update_fields=["title", "public", "updated_at"])
        return
    if event.resource_id is None:
        if held is not None:
            house_services.booking_release(booking=held, by=by)
        event.booking = None
        return
    try:
        event.booking = house_services.event_hold(
            resource=event.resource,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            title=event.title,
            by=by,
            public=event.is_public,
            task=event.task,
            replacing=held,
        )
    except ValidationError as error:
        raise ValidationError({"resource": error.messages}) from error


@transaction.atomic
def event_publish(*, event: Event, by: User) -> Event:
    """Publish a draft: now those it is for see it and may sign up."""
    event = _lock(event)
    if event.status != Event.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if event.starts_at <= timezone.now():
        raise ValidationError(_("The event has begun; it can no longer be published."))
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def event_cancel(*, event: Event, reason: str, by: User) -> Event:
    """Cancel the event and tell everyone who has a place or is waiting, with the reason."""
    event = _lock(event)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("The event is already cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the event is cancelled.")})
    was_published = event.status == Event.Status.PUBLISHED
    if event.booking_id is not None:
        house_services.booking_release(booking=event.booking, by=by)
    event.status = Event.Status.CANCELLED
    event.cancel_reason = reason.strip()
    event.full_clean()
    event.save(update_fields=["status", "cancel_reason", "updated_at"])
    if was_published:
        _tell_cancelled(event)
    return event


# Signing up -----------------------------------------------------------------------------


def _check_open(event: Event) -> None:
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("The event is cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("The event is not open for sign-up."))
    if timezone.now() > event.signup_deadline:
        raise ValidationError(_("The sign-up deadline has passed."))


def _count_in(event: Event, signup: SignUp) -> SignUp:
    """The sign-up counts from now: a place if there is one, else the end of the waiting list."""
    has_place = event.signups.filter(status=Status.CONFIRMED).count() < event.capacity
    last = event.signups.exclude(position=None).order_by("-position").values("position").first()
    signup.position = (last["position"] if last else 0) + 1
    signup.status = Status.CONFIRMED if has_place else Status.WAITING
    signup.confirmed_at = timezone.now()
    signup.cancelled_at = None
    signup.attended = False
    signup.reminded_at = None
    signup.full_clean(validate_constraints=False)  # the constraints are the insert's
    signup.save()
    return signup


@transaction.atomic
def signup_join(*, event: Event, user: User) -> SignUp:
    """A logged-in person signs up with one click: a place if there is one, else the waiting list."""
    event = _lock(event)
    _check_open(event)
    if not user.has_perm("events.sign_up", event):
        raise ValidationError(_("The event is for employees only."))
    signup = SignUp.objects.filter(event=event, user=user).first()
    if signup is not None and signup.status != Status.CANCELLED:
        raise ValidationError(_("You are already signed up."))
    signup = signup or SignUp(event=event, user=user)
    _count_in(event, signup)
    _recount(event)
    _tell_counted(event, signup)
    return signup


@transaction.atomic
def signup_request(*, event: Event, name: str, email: str) -> SignUp:
    """Someone without an account signs up with a name and an e-mail address.

    The sign-up counts only once the e-mailed link is confirmed. The same address again
    gets the link again (a lost e-mail), or, if already signed up, the link to the
    sign-up: the form tells nobody whether an address is signed up.
    """
    event = _lock(event)
    _check_open(event)
    if event.audience != Audience.PUBLIC:
        raise ValidationError(_("The event is for employees only."))
    name, email = " ".join(name.split()), email.strip()
    if not name:
        raise ValidationError({"name": _("Give your name.")})
    signup = SignUp.objects.filter(event=event, user=None, email__iexact=email).first()
    if signup is None or signup.status == Status.CANCELLED:
        signup = signup or SignUp(event=event, email=email)
        signup.name = name
        signup.status = Status.UNCONFIRMED
        signup.position = None
        signup.confirmed_at = None
        signup.full_clean(validate_constraints=False)
        signup.save()
    url = reverse("events:signup-manage", kwargs={"token": signup_token(signup)})
    with translation.override(settings.LANGUAGE_CODE):
        if signup.status == Status.UNCONFIRMED:
            subject = _("Confirm your sign-up to “%(title)s”") % {"title": event.title}
            body = _(
                "Thank you for signing up to %(title)s on %(when)s. Open the link below to "
                "confirm your e-mail address; until then the sign-up does not count. The link "
                "works for seven days."
            ) % {"title": event.title, "when": when(event)}
        else:
            subject = _("Your sign-up to “%(title)s”") % {"title": event.title}
            body = _(
                "You are already signed up to %(title)s with this e-mail address. Open the "
                "link below to see your sign-up or to cancel it."
            ) % {"title": event.title}
        notify_email(email=signup.email, subject=subject, body=body, url=url)
    return signup


@transaction.atomic
def signup_confirm(*, token: str) -> SignUp:
    """The e-mailed link is confirmed: the sign-up counts now, a place or the waiting list."""
    signup = signup_from_token(token)
    event = _lock(signup.event)
    signup = SignUp.objects.select_for_update().select_related("event").get(pk=signup.pk)
    if signup.status != Status.UNCONFIRMED:
        return signup  # confirmed already (a second click), or cancelled since
    signup_from_token(token, confirming=True)  # the link is under a week old
    _check_open(event)
    _count_in(event, signup)
    _recount(event)
    _tell_counted(event, signup)
    return signup


@transaction.atomic
def signup_cancel(*, signup: SignUp) -> SignUp:
    """Cancel a sign-up; a place it held goes to the first on the waiting list, who is told."""
    event = _lock(signup.event)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    if signup.status == Status.CANCELLED:
        return signup
    if timezone.now() >= event.starts_at and signup.is_active:
        raise ValidationError(_("The event has begun; the sign-up can no longer be cancelled."))
    signup.status = Status.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at", "updated_at"])
    promoted = _fill(event) if event.status == Event.Status.PUBLISHED else []
    _recount(event)
    _tell_promoted(event, promoted)
    return signup


# Attendance -----------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, event: Event, attended: Iterable[int], by: User) -> int:
    """Record who of those with a place attended (the others did not); returns how many did."""
    event = _lock(event)
    if timezone.localdate(event.starts_at) > timezone.localdate():
        raise ValidationError(_("Attendance is recorded from the day of the event."))
    present = set(attended)
    places = event.signups.filter(status=Status.CONFIRMED)
    count = places.filter(pk__in=present).update(attended=True)
    places.exclude(pk__in=present).update(attended=False)
    freshness.touch("events")
    return count


# Reminders ------------------------------------------------------------------------------


def signups_to_remind(today) -> list[SignUp]:
    """Those with a place at a published event that starts tomorrow, not reminded yet."""
    tomorrow = datetime.combine(today + timedelta(days=1), datetime.min.time())
    start = timezone.make_aware(tomorrow)
    end = timezone.make_aware(tomorrow + timedelta(days=1))
    return list(
        _with_people(
            SignUp.objects.select_for_update(of=("self",)).filter(
                status=Status.CONFIRMED,
                reminded_at__isnull=True,
                event__status=Event.Status.PUBLISHED,
                event__starts_at__gte=start,
                event__starts_at__lt=end,
            )
        )
        .select_related("event__resource")
        .order_by("event__starts_at", "event_id", "position")
    )


def reminders_send(*, today=None) -> int:
    """Remind everyone with a place at tomorrow's events, once; returns how many were made."""
    today = today or timezone.localdate()
    count = 0
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        signups = signups_to_remind(today)
        by_event: dict[int, list[SignUp]] = {}
        for signup in signups:
            by_event.setdefault(signup.event_id, []).append(signup)
        for group in by_event.values():
            event = group[0].event
            _tell(
                event,
                group,
                subject=_("Tomorrow: %(title)s") % {"title": event.title},
                body=_(
                    "A reminder: you are signed up to %(title)s tomorrow, %(when)s, at %(place)s. "
                    "If you cannot come, cancel your sign-up, so that someone on the waiting "
                    "list gets your place."
                )
                % {"title": event.title, "when": when(event), "place": event.place},
            )
            count += len(group)
        SignUp.objects.filter(pk__in=[signup.pk for signup in signups]).update(
            reminded_at=timezone.now()
        )
    if count:
        freshness.touch("events")
    return count


# Inside ---------------------------------------------------------------------------------


def _with_people(signups):
    return signups.select_related("user__person", "event__resource")


def _fill(event: Event) -> list[SignUp]:
    """Give free places to the first on the waiting list, in order. Call under the lock."""
    free = event.capacity - event.signups.filter(status=Status.CONFIRMED).count()
    if free <= 0:
        return []
    promoted = list(
        _with_people(event.signups.filter(status=Status.WAITING)).order_by("position")[:free]
    )
    for signup in promoted:
        signup.status = Status.CONFIRMED
        signup.reminded_at = None
        signup.save(update_fields=["status", "reminded_at", "updated_at"])
    return promoted


def _recount(event: Event) -> None:
    """Keep the event's counts as its sign-ups say. Call under the lock."""
    counts = dict(
        event.signups.filter(status__in=SignUp.ACTIVE)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    event.confirmed_count = counts.get(Status.CONFIRMED, 0)
    event.waiting_count = counts.get(Status.WAITING, 0)
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=event.confirmed_count, waiting_count=event.waiting_count
    )
    freshness.touch("events")


def when(event: Event) -> str:
    """The event's start in words, in Danish time: "12. maj 2026 kl. 10:00"."""
    start = timezone.localtime(event.starts_at)
    return _("%(day)s at %(time)s") % {
        "day": formats.date_format(start, "j. F Y"),
        "time": formats.time_format(start, "H:i"),
    }


def _tell(event: Event, signups: Iterable[SignUp], *, subject: str, body: str) -> None:
    """E-mail each: users as their setting says, with the event's address; people without an
    account right away, with the link to their own sign-up."""
    signups = list(signups)
    notify(
        users=[signup.user for signup in signups if signup.user_id is not None],
        subject=subject,
        body=body,
        url=reverse("events:event-detail", args=[event.pk]),
    )
    for signup in signups:
        if signup.user_id is None:
            notify_email(
                email=signup.email,
                subject=subject,
                body=body,
                url=reverse("events:signup-manage", kwargs={"token": signup_token(signup)}),
            )


def _in_danish(function):
    def wrapped(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapped


@_in_danish
def _tell_counted(event: Event, signup: SignUp) -> None:
    facts = {"title": event.title, "when": when(event), "place": event.place}
    if signup.status == Status.CONFIRMED:
        subject = _("You have a place at “%(title)s”") % facts
        body = (
            _(
                "You are signed up to %(title)s on %(when)s at %(place)s. If you cannot come, "
                "cancel your sign-up from the link below, so that someone on the waiting list "
                "gets your place."
            )
            % facts
        )
    else:
        subject = _("You are on the waiting list for “%(title)s”") % facts
        body = _(
            "%(title)s on %(when)s is full. You are number %(number)d on the waiting list. If a "
            "place becomes free, it goes to the first on the list, and we tell you by e-mail."
        ) % {**facts, "number": waiting_number(signup)}
    _tell(event, [signup], subject=subject, body=body)


@_in_danish
def _tell_promoted(event: Event, promoted: list[SignUp]) -> None:
    if not promoted:
        return
    facts = {"title": event.title, "when": when(event), "place": event.place}
    _tell(
        event,
        promoted,
        subject=_("You have got a place at “%(title)s”") % facts,
        body=_(
            "A place became free, and it is yours: you are signed up to %(title)s on %(when)s "
            "at %(place)s. If you cannot come, cancel your sign-up, so that the next on the "
            "waiting list gets the place."
        )
        % facts,
    )


@_in_danish
def _tell_cancelled(event: Event) -> None:
    _tell(
        event,
        _with_people(event.signups.filter(status__in=SignUp.ACTIVE)),
        subject=_("Cancelled: %(title)s") % {"title": event.title},
        body=_("%(title)s on %(when)s is cancelled. The reason: %(reason)s")
        % {"title": event.title, "when": when(event), "reason": event.cancel_reason},
    )


@_in_danish
def _tell_moved(event: Event, *, exclude: set[int]) -> None:
    signups = _with_people(event.signups.filter(status__in=SignUp.ACTIVE).exclude(pk__in=exclude))
    _tell(
        event,
        signups,
        subject=_("Changed: %(title)s") % {"title": event.title},
        body=_("The time or place of %(title)s has changed. It is now on %(when)s at %(place)s.")
        % {"title": event.title, "when": when(event), "place": event.place},
    )
