"""Every write to partners and partnerships, with its rules.

A partnership is made under negotiation or active, and changes between the two
while it is open; it is ended or cancelled only by ``partnership_end``, which
records the day, and a closed partnership is kept as it was. Nothing is
deleted. History (django-simple-history) keeps who changed what.
"""

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.organisation.models import Person
from samskab.portfolio.models import InnovationTask

from .models import Organisation, Partnership, TaskPartnership

MAX_TASKS = 30


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    """Create or change an organisation."""
    organisation.full_clean()
    organisation.save()
    return organisation


def _refuse_if_closed(partnership: Partnership) -> None:
    if partnership.pk is None:
        return
    stored = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if stored.is_closed:
        raise ValidationError(
            _("The partnership is %(status)s; it is kept as it was and can no longer change.")
            % {"status": stored.get_status_display().lower()}
        )


@transaction.atomic
def partnership_save(
    *,
    partnership: Partnership,
    organisations: Iterable[Organisation],
    tasks: Sequence[tuple[InnovationTask, str]] = (),
    by: User,
) -> Partnership:
    """Create or change an open partnership, its organisations and the tasks it takes part in
    (each with the partner's role on it)."""
    _refuse_if_closed(partnership)
    organisations = list(organisations)
    errors: dict[str, list[str]] = {}
    if not organisations:
        errors["organisations"] = [_("Choose at least one organisation.")]
    if partnership.status not in Partnership.OPEN:
        errors["status"] = [
            _("A partnership is ended or cancelled from its page, with the day it happened.")
        ]
    if partnership.responsible_id is not None:
        responsible = Person.objects.only("kind").get(pk=partnership.responsible_id)
        if responsible.kind != Person.Kind.EMPLOYEE:
            errors["responsible"] = [_("The responsible is an employee of the municipality.")]
    task_ids = [task.pk for task, _role in tasks]
    if len(task_ids) != len(set(task_ids)):
        errors["tasks"] = [_("Each task is listed once.")]
    if len(task_ids) > MAX_TASKS:
        errors["tasks"] = [_("A partnership takes part in at most %(n)d tasks.") % {"n": MAX_TASKS}]
    try:
        partnership.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    partnership._history_user = by
    partnership.save()
    partnership.organisations.set(organisations)
    _save_task_links(partnership, tasks, by=by)
    return partnership


def _save_task_links(
    partnership: Partnership, tasks: Sequence[tuple[InnovationTask, str]], *, by: User
) -> None:
    wanted = {task.pk: role.strip() for task, role in tasks}
    for link in TaskPartnership.objects.filter(partnership=partnership):
        link._history_user = by
        if link.task_id not in wanted:
            link.delete()  # the link's history keeps that it was there
        elif link.role != wanted[link.task_id]:
            link.role = wanted[link.task_id]
            link.full_clean()
            link.save()
        wanted.pop(link.task_id, None)
    for task_id, role in wanted.items():
        link = TaskPartnership(partnership=partnership, task_id=task_id, role=role)
        link._history_user = by
        link.full_clean()
        link.save()


@transaction.atomic
def partnership_end(
    *, partnership: Partnership, status: str, on: date | None = None, by: User
) -> Partnership:
    """End an active partnership, or cancel one under negotiation or active, on the day ``on``
    (today if not given; never in the future). Ending on a day before its agreed end
    shortens its period to that day."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    on = on or timezone.localdate()
    if partnership.is_closed:
        raise ValidationError(
            _("The partnership is already %(status)s.")
            % {"status": partnership.get_status_display().lower()}
        )
    if status not in Partnership.CLOSED:
        raise ValidationError({"status": _("Choose ended or cancelled.")})
    if status == Partnership.Status.ENDED and partnership.status != Partnership.Status.ACTIVE:
        raise ValidationError(
            {"status": _("Only an active partnership ends; one under negotiation is cancelled.")}
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("The day cannot be in the future.")})
    started = partnership.starts_on <= on
    if status == Partnership.Status.ENDED and not started:
        raise ValidationError({"on": _("The partnership cannot end before it starts.")})
    partnership.status = status
    partnership.closed_on = on
    if started and (partnership.ends_on is None or partnership.ends_on > on):
        partnership.ends_on = on
    partnership._history_user = by
    partnership.full_clean()
    partnership.save()
    return partnership
