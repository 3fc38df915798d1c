"""The house's residents in the team composer (teams.sources): with consent, while resident.

A current resident with a person, whose consent to be proposed to teams is recorded
(when, and to what), is offered with the competencies they contribute, at their levels;
one query, with the needs the team lacks as its filter.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import Person
from samskab.teams.sources import Offer, Source

from .models import ResidencySkill


def offers(gaps, member_ids) -> list[Offer]:
    covering = Q()
    for need in gaps:
        covering |= Q(competency_id=need.competency_id, level__gte=need.level)
    if not covering:
        return []
    today = timezone.localdate()
    rows = (
        ResidencySkill.objects.filter(covering)
        .filter(
            residency__person__isnull=False,
            residency__starts_on__lte=today,
            residency__consent_on__isnull=False,
        )
        .filter(Q(residency__ends_on__isnull=True) | Q(residency__ends_on__gte=today))
        .exclude(residency__consent_to="")
        .exclude(residency__person__kind__in=[Person.Kind.EMPLOYEE, Person.Kind.POLITICIAN])
        .exclude(residency__person_id__in=list(member_ids))
        .values_list("residency__person_id", "competency_id", "level")
    )
    levels: dict[int, dict[int, int]] = {}
    for person_id, competency_id, level in rows:
        mine = levels.setdefault(person_id, {})
        mine[competency_id] = max(mine.get(competency_id, 0), level)
    return [Offer(person_id, person_levels) for person_id, person_levels in levels.items()]


SOURCE = Source(key="house", mark=_("Entrepreneur in residence"), offers=offers)
