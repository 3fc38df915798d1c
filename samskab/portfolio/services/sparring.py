"""Sparring: short, time-boxed help from the innovation unit (DESIGN §4 rule 3).

Employees ask for sparring themselves; a citizen (or anyone) who ticked "would
like help" on an idea gets it when the unit turns the idea into a request.
The open requests (queued and in progress) form one queue, numbered 1..n
without gaps, that only the innovation chief orders. Every write that changes
the queue's membership or order takes the portfolio's lock row first, so that
concurrent moves, new requests and closings never leave two requests on one
place or a gap. Each request has a time box (SAMSKAB_SPARRING_HOURS by
default); the hours the unit logs are counted on the request, and going over
the box is allowed but shown.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.accounts.permissions import is_unit_staff
from samskab.core import freshness
from samskab.ideas import services as idea_services
from samskab.ideas import trail
from samskab.ideas.models import Idea
from samskab.notifications.services import notify, notify_email
from samskab.organisation.models import OrgUnit

from .. import permissions  # noqa: F401 - registers the rules checked below
from ..models import Portfolio, SparringLog, SparringRequest

Status = SparringRequest.Status
OPEN = (Status.QUEUED, Status.ACTIVE)
DIRECTIONS = ("up", "down", "to_position")
DESCRIPTION_MAX_LENGTH = SparringRequest._meta.get_field("description").max_length


# Helpers ---------------------------------------------------------------------------


def _require(user: User, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def _lock_queue() -> None:
    """Serialise writes to the queue's order on the portfolio's one lock row.

    The same row serialises task starts (services.tasks); both are rare
    actions of the unit, so sharing it costs nothing and needs no new table.
    """
    Portfolio.objects.select_for_update().get_or_create(name="portfolio")


def _locked(request: SparringRequest) -> SparringRequest:
    return SparringRequest.objects.select_for_update().get(pk=request.pk)


def _open_in_order() -> list[SparringRequest]:
    return list(
        SparringRequest.objects.filter(status__in=OPEN)
        .only("pk", "position")
        .order_by("position", "created_at", "pk")
    )


def _renumber(queue: list[SparringRequest], *, skip: int | None = None) -> None:
    """Give the open requests the places 1..n in the order of ``queue`` (one UPDATE)."""
    changed = []
    for place, request in enumerate(queue, start=1):
        if request.position != place:
            request.position = place
            if request.pk != skip:
                changed.append(request)
    if changed:
        SparringRequest.objects.bulk_update(changed, ["position"])
        freshness.touch("portfolio")


def _check_open(request: SparringRequest) -> None:
    if request.status not in OPEN:
        raise ValidationError(_("The sparring request is closed."))


def _hours(value: Decimal) -> str:
    """20 → "20", 2.5 → "2,5" in Danish."""
    value = Decimal(value)
    return formats.number_format(value, decimal_pos=0 if value == value.to_integral() else 1)


def _tell_requester(request: SparringRequest, *, subject: str, body: str, by: User) -> None:
    """Tell whoever asked: their account, or the e-mail an anonymous idea submitter left."""
    if request.requested_by_id is not None:
        if request.requested_by_id != by.pk:
            url = reverse("portfolio:sparring-detail", kwargs={"pk": request.pk})
            notify(users=[request.requested_by], subject=subject, body=body, url=url)
        return
    idea = request.idea
    if idea is not None and idea.author_id is None and idea.is_confirmed and idea.author_email:
        token = idea_services.confirmation_token(idea)
        url = reverse("ideas:idea-confirm", kwargs={"token": token})
        notify_email(email=idea.author_email, subject=subject, body=body, url=url)


# Asking ----------------------------------------------------------------------------


def sparring_enqueue(
    *,
    title: str,
    description: str,
    requested_by: User | None,
    area: OrgUnit | None,
    idea: Idea | None,
) -> SparringRequest:
    """A new request at the end of the queue, with the default time box.

    The caller checks who may ask; here the queue is locked, so concurrent requests
    never share a place.
    """
    _lock_queue()
    last = SparringRequest.objects.filter(status__in=OPEN).aggregate(last=Max("position"))["last"]
    request = SparringRequest(
        title=title.strip(),
        description=description.strip(),
        requested_by=requested_by,
        area=area,
        idea=idea,
        status=Status.QUEUED,
        position=(last or 0) + 1,
        time_box_hours=Decimal(settings.SAMSKAB_SPARRING_HOURS),
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def sparring_request_create(
    *,
    title: str,
    description: str,
    by: User,
    area: OrgUnit | None = None,
    idea: Idea | None = None,
) -> SparringRequest:
    """An employee asks for sparring; the request goes to the end of the queue."""
    _require(by, "portfolio.request_sparring")
    _lock_queue()
    return sparring_enqueue(
        title=title, description=description, requested_by=by, area=area, idea=idea
    )


@transaction.atomic
def sparring_from_idea(*, idea: Idea, by: User) -> SparringRequest:
    """The unit gives sparring on an idea whose submitter asked for help.

    The submitter becomes the requester (a citizen too: rule 3), and the
    idea is answered "turned into sparring" on its public trail.
    """
    _require(by, "portfolio.work_on_sparring")
    _lock_queue()  # before the idea's row: the order task_start takes them in
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if not idea.wants_help:
        raise ValidationError(_("The submitter has not asked for help with this idea."))
    if not idea.is_confirmed:
        raise ValidationError(_("The submitter has not confirmed the idea yet."))
    if idea.merged_into_id:
        raise ValidationError(_("The idea has been merged into another idea."))
    if SparringRequest.objects.filter(idea=idea, status__in=OPEN).exists():
        raise ValidationError(_("The idea is already in the sparring queue."))
    areas = list(idea.areas.all()[:2])
    request = sparring_enqueue(
        title=idea.title,
        description=Truncator(idea.description).chars(DESCRIPTION_MAX_LENGTH),
        requested_by=idea.author,
        area=areas[0] if len(areas) == 1 else None,
        idea=idea,
    )
    idea_services.idea_change_status(
        idea=idea,
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.SPARRING,
        code=trail.SPARRING,
        params={"hours": str(request.time_box_hours)},
        by=by,
    )
    return request


# Ordering (the chief) --------------------------------------------------------------


@transaction.atomic
def sparring_move(
    *, request: SparringRequest, direction: str, position: int | None = None, by: User
) -> SparringRequest:
    """Move a request one place up or down, or to ``position`` (1 is first)."""
    _require(by, "portfolio.order_sparring")
    if direction not in DIRECTIONS:
        raise ValidationError(_("Choose up, down or a place in the queue."))
    _lock_queue()
    queue = _open_in_order()
    index = next((i for i, item in enumerate(queue) if item.pk == request.pk), None)
    if index is None:
        raise ValidationError(_("Only a request in the queue can be moved."))
    if direction == "up":
        if index == 0:
            raise ValidationError(_("The request is already first in the queue."))
        target = index - 1
    elif direction == "down":
        if index == len(queue) - 1:
            raise ValidationError(_("The request is already last in the queue."))
        target = index + 1
    else:
        if position is None or not 1 <= position <= len(queue):
            raise ValidationError(
                {
                    "position": _("Choose a place from 1 to %(last)d.") % {"last": len(queue)},
                }
            )
        target = position - 1
    queue.insert(target, queue.pop(index))
    _renumber(queue, skip=request.pk)
    moved = _locked(request)
    if moved.position != target + 1:
        moved.position = target + 1
        moved.save(update_fields=["position", "updated_at"])  # its history shows who moved it
    return moved


@transaction.atomic
def sparring_set_time_box(*, request: SparringRequest, hours: Decimal, by: User) -> SparringRequest:
    """The chief gives a request more or fewer hours than the default."""
    _require(by, "portfolio.order_sparring")
    request = _locked(request)
    _check_open(request)
    if hours is None or hours <= 0:
        raise ValidationError({"time_box_hours": _("The time box must be more than 0 hours.")})
    request.time_box_hours = hours
    request.full_clean()
    request.save(update_fields=["time_box_hours", "updated_at"])
    return request


@transaction.atomic
def sparring_assign(
    *, request: SparringRequest, assignee: User | None, by: User
) -> SparringRequest:
    """The chief chooses who in the unit gives the sparring (None: nobody yet)."""
    _require(by, "portfolio.order_sparring")
    request = _locked(request)
    _check_open(request)
    if assignee is not None and not (assignee.is_active and is_unit_staff(assignee)):
        raise ValidationError({"assigned_to": _("Choose someone from the innovation unit.")})
    if request.assigned_to_id == (assignee.pk if assignee else None):
        return request
    request.assigned_to = assignee
    request.save(update_fields=["assigned_to", "updated_at"])
    if assignee is not None and assignee.pk != by.pk:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("You give sparring on “%(title)s”") % {"title": request.title}
            body = _(
                "The innovation chief has asked you to give sparring on “%(title)s”, with a "
                "time box of %(hours)s hours."
            ) % {"title": request.title, "hours": _hours(request.time_box_hours)}
        url = reverse("portfolio:sparring-detail", kwargs={"pk": request.pk})
        notify(users=[assignee], subject=subject, body=body, url=url)
    return request


# Working (the unit) ----------------------------------------------------------------


@transaction.atomic
def sparring_start(*, request: SparringRequest, by: User) -> SparringRequest:
    """The unit starts working on a queued request; it keeps its place in the queue."""
    _require(by, "portfolio.work_on_sparring")
    request = _locked(request)
    if request.status != Status.QUEUED:
        raise ValidationError(_("Only a request in the queue can be started."))
    request.status = Status.ACTIVE
    request.save(update_fields=["status", "updated_at"])
    return request


@transaction.atomic
def sparring_log_hours(
    *,
    request: SparringRequest,
    hours: Decimal,
    note: str = "",
    worked_on: date | None = None,
    by: User,
) -> SparringLog:
    """Record time spent; the request counts it, and starts if it was only queued."""
    _require(by, "portfolio.work_on_sparring")
    request = _locked(request)
    _check_open(request)
    if hours is None or hours <= 0:
        raise ValidationError({"hours": _("Log more than 0 hours.")})
    worked_on = worked_on or timezone.localdate()
    if worked_on > timezone.localdate():
        raise ValidationError({"worked_on": _("The date cannot be in the future.")})
    log = SparringLog(request=request, by=by, worked_on=worked_on, hours=hours, note=note.strip())
    log.full_clean()
    log.save()
    if request.status == Status.QUEUED:
        request.status = Status.ACTIVE
        request.save(update_fields=["status", "updated_at"])
    SparringRequest.objects.filter(pk=request.pk).update(
        hours_used=F("hours_used") + log.hours, updated_at=timezone.now()
    )
    freshness.touch("portfolio")
    return log


def _close(request: SparringRequest, *, status: str, text: str) -> SparringRequest:
    _lock_queue()
    request = _locked(request)
    _check_open(request)
    request.status, request.outcome, request.position = status, text.strip(), 0
    request.full_clean()
    request.save(update_fields=["status", "outcome", "position", "updated_at"])
    _renumber(_open_in_order())
    return request


@transaction.atomic
def sparring_finish(*, request: SparringRequest, outcome: str, by: User) -> SparringRequest:
    """The sparring is done: write what came of it; the requester is told."""
    _require(by, "portfolio.work_on_sparring")
    if not outcome.strip():
        raise ValidationError({"outcome": _("Write what came of the sparring.")})
    request = _close(request, status=Status.DONE, text=outcome)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Sparring on “%(title)s” is done") % {"title": request.title}
    _tell_requester(request, subject=subject, body=request.outcome, by=by)
    return request


@transaction.atomic
def sparring_decline(*, request: SparringRequest, reason: str, by: User) -> SparringRequest:
    """The chief declines a request, with the reason; the requester is told."""
    _require(by, "portfolio.order_sparring")
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the request is declined.")})
    request = _close(request, status=Status.DECLINED, text=reason)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your request for sparring on “%(title)s” is declined") % {
            "title": request.title
        }
    _tell_requester(request, subject=subject, body=request.outcome, by=by)
    return request
