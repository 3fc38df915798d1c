"""What the planning of both kinds of file shares: the state it builds up, and row checks.

Planning checks every row and works out what would change, without writing.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from samskab.accounts.models import User

from ..models import OrgUnit, Person
from .report import FileReport

CHUNK = 500  # values per IN (...) query, well below every database's parameter limit


@dataclass
class State:
    """The database as the import found it, and what the files add to it."""

    units: dict[int, OrgUnit]
    units_by_ext: dict[str, OrgUnit]
    file_unit_ids: set[str] = field(default_factory=set)
    new_units: list[OrgUnit] = field(default_factory=list)
    changed_units: list[OrgUnit] = field(default_factory=list)
    new_unit_parent: dict[str, str] = field(default_factory=dict)  # ext id -> new parent's ext id
    new_people: list[Person] = field(default_factory=list)
    changed_people: list[Person] = field(default_factory=list)
    person_unit: dict[int, str] = field(default_factory=dict)  # id(person) -> unit ext id
    new_users: dict[int, User] = field(default_factory=dict)  # id(person) -> new user
    ended_people: list[Person] = field(default_factory=list)  # left: to be ended
    returned_people: list[Person] = field(default_factory=list)  # ended, and back again
    unit_managers: dict[str, str] = field(default_factory=dict)  # unit ext id -> person ext id

    @classmethod
    def load(cls) -> "State":
        units = {unit.pk: unit for unit in OrgUnit.objects.all()}
        by_ext = {unit.external_id: unit for unit in units.values() if unit.external_id}
        return cls(units=units, units_by_ext=by_ext)


def _max_length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def field_label(model: type[models.Model], name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def check_text(
    number: int,
    value: str,
    *,
    model: type[models.Model],
    name: str,
    what: str,
    report: FileReport,
    required: bool = False,
) -> bool:
    if required and not value:
        report.error(number, _("%(field)s is missing.") % {"field": what})
        return False
    limit = _max_length(model, name)
    if len(value) > limit:
        report.error(
            number,
            _("%(field)s is too long (%(length)d characters; at most %(max)d).")
            % {"field": what, "length": len(value), "max": limit},
        )
        return False
    return True


def model_errors(number: int, instance: models.Model, exclude: list[str], report: FileReport):
    """Any rule of the model the row checks did not already catch."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for message in error.messages:
            report.error(number, message)


def chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]
