"""Rule 4: every task has an owning area and an owner from it."""

from django.utils.translation import gettext as _

from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.queries import unit_ids_below


def ownership_problems(fields) -> dict[str, str]:
    """What is wrong with a proposal's or task's owning area and owner, by field; empty if nothing."""
    area, owner = fields.owning_area, fields.owner
    if area.kind != OrgUnit.Kind.AREA:
        return {"owning_area": _("A task is owned by an area of the municipality.")}
    if owner.kind != Person.Kind.EMPLOYEE or owner.org_unit_id not in unit_ids_below(area.pk):
        return {"owner": _("The owner must be an employee of %(area)s.") % {"area": area.name}}
    return {}
