"""DESIGN rule 5 as gate requirements: leaving phase 2 needs the team in place."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samskab.portfolio.gates import Requirement
from samskab.portfolio.models import InnovationTask

from . import queries


def innovation_partners(task: InnovationTask) -> str | None:
    members = queries.current_members(task)
    area_units = queries.owning_area_unit_ids(task)
    partners = sum(1 for m in members if queries.is_partner_from_area(m, area_units))
    low, high = queries.PARTNERS_WANTED
    if partners < low:
        return _("The team has no innovation partner from %(area)s.") % {
            "area": task.owning_area.name
        }
    if partners > high:
        return ngettext(
            "The team has %(count)d innovation partner; at most %(high)d.",
            "The team has %(count)d innovation partners; at most %(high)d.",
            partners,
        ) % {"count": partners, "high": high}
    return None


def critical_competencies(task: InnovationTask) -> str | None:
    gaps = queries.coverage_of(task).critical_gaps
    if gaps:
        return _("No one on the team covers these critical competencies: %(names)s.") % {
            "names": ", ".join(need.competency.label for need in gaps)
        }
    return None


PARTNERS = Requirement(
    key="team-partners",
    label=gettext_lazy("One or two innovation partners from the owning area"),
    question=gettext_lazy("Does the team have one or two innovation partners from the area?"),
    check=innovation_partners,
    leaving=frozenset({2}),
)
CRITICAL_COMPETENCIES = Requirement(
    key="team-competencies",
    label=gettext_lazy("The team covers every critical competency"),
    question=gettext_lazy("Does the team cover every critical competency?"),
    check=critical_competencies,
    leaving=frozenset({2}),
    overridable=True,
)
REQUIREMENTS = (PARTNERS, CRITICAL_COMPETENCIES)
