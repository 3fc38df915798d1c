"""The methods in a person's journey (teams/journey.py): each method their team used on a
task while they were on it, with its phase and rating. One query, whatever their number."""

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from samskab.organisation.models import Person
from samskab.teams import journey

from .models import MethodUse


def _steps(person: Person, viewer) -> list[journey.Step]:
    if not viewer.has_perm("methods.view_uses"):
        return []
    # One join to the memberships: the person was on the team the day the method was used.
    uses = (
        MethodUse.objects.filter(
            Q(task__memberships__ends_on__isnull=True)
            | Q(task__memberships__ends_on__gte=F("used_on")),
            task__memberships__person=person,
            task__memberships__starts_on__lte=F("used_on"),
        )
        .select_related("method", "task")
        .distinct()
        .order_by("-used_on", "-pk")
    )
    return [
        journey.Step(
            on=use.used_on,
            title=_("Method used: %(method)s (phase %(phase)d)")
            % {"method": use.method.title, "phase": use.phase},
            url=reverse("methods:method-detail", args=[use.method.slug]),
            details=(use.task.title, _("Rated %(rating)d of 5") % {"rating": use.rating}),
        )
        for use in uses
    ]


SOURCE = journey.JourneySource(journey.METHODS, lambda: _("Methods used"), _steps)
