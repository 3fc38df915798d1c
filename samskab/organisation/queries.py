"""Reads of the organisation shared by views, commands and (later) the API.

Each returns what a page needs in a fixed number of queries, whatever the
size of the organisation.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Competency, OrgUnit, Person, PersonCompetency


@dataclass
class OrgTree:
    """The whole unit tree, loaded in one query (a municipality has hundreds of units)."""

    units: dict[int, OrgUnit]
    children: dict[int | None, list[OrgUnit]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls) -> "OrgTree":
        units = list(OrgUnit.objects.only("id", "name", "kind", "parent_id", "external_id"))
        tree = cls(units={unit.pk: unit for unit in units})
        for unit in sorted(units, key=lambda u: u.name.lower()):
            tree.children[unit.parent_id].append(unit)
        return tree

    @property
    def roots(self) -> list[OrgUnit]:
        return self.children[None]

    def descendant_ids(self, unit_id: int) -> list[int]:
        """The unit and every unit below it."""
        found, stack = [], [unit_id]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(child.pk for child in self.children.get(current, ()))
        return found

    def ancestors(self, unit_id: int) -> list[OrgUnit]:
        """From the root down to, not including, the unit."""
        chain, seen = [], {unit_id}
        parent_id = self.units[unit_id].parent_id
        while parent_id is not None and parent_id not in seen:
            seen.add(parent_id)
            chain.append(self.units[parent_id])
            parent_id = self.units[parent_id].parent_id
        return list(reversed(chain))

    def flattened(self) -> list[tuple[OrgUnit, int]]:
        """Every unit with its depth, in tree order: for trees and indented choices."""
        rows, stack = [], [(root, 0) for root in reversed(self.roots)]
        while stack:
            unit, depth = stack.pop()
            rows.append((unit, depth))
            stack.extend((child, depth + 1) for child in reversed(self.children.get(unit.pk, ())))
        return rows


def unit_ids_below(unit_id: int) -> set[int]:
    """The unit and every unit below it, from one query of (id, parent) pairs.

    Cheaper than ``OrgTree.load()`` when only the ids are wanted (rule 4's "an
    employee of the area", the composer's owning area): no model instances.
    """
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in OrgUnit.objects.values_list("id", "parent_id"):
        children[parent_id].append(pk)
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, ()))
    return found


def people_counts_by_unit() -> dict[int, int]:
    rows = (
        Person.objects.filter(org_unit__isnull=False)
        .values("org_unit")
        .annotate(n=Count("id"))
        .values_list("org_unit", "n")
    )
    return dict(rows)


def people_visible_to(user) -> QuerySet[Person]:
    """People the user may see in lists: employees, and outsiders for the innovation unit."""
    people = Person.objects.all()
    if not user.has_perm("organisation.view_external_people"):
        people = people.filter(kind=Person.Kind.EMPLOYEE)
    return people


def with_competencies(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.select_related("org_unit", "organisation").prefetch_related(
        Prefetch(
            "person_competencies",
            queryset=PersonCompetency.objects.select_related("competency").order_by(
                "-level", "competency__name"
            ),
        )
    )


def people_directory(
    user,
    *,
    query: str = "",
    unit_ids: list[int] | None = None,
    kind: str = "",
    competency: Competency | None = None,
) -> QuerySet[Person]:
    """The people directory: search by name, filter by unit (with sub-units), kind, competency.

    People who left (``ended_on``) are not listed; their own pages stay.
    """
    people = people_visible_to(user).filter(ended_on__isnull=True)
    for word in query.split():
        people = people.filter(Q(name__icontains=word) | Q(title__icontains=word))
    if unit_ids is not None:
        people = people.filter(org_unit_id__in=unit_ids)
    if kind:
        people = people.filter(kind=kind)
    if competency is not None:
        people = people.filter(person_competencies__competency=competency)
    return with_competencies(people).order_by("name", "pk")


def competencies_with_counts(user) -> QuerySet[Competency]:
    visible = Q(person_competencies__person__in=people_visible_to(user).values("pk"))
    return Competency.objects.annotate(people_count=Count("person_competencies", filter=visible))


@dataclass(frozen=True)
class Placement:
    """Where a person works: their area, and the units that rights and lists follow."""

    area: OrgUnit | None  # the area (the unit of level "område") the person's unit is in
    above: frozenset[int]  # the person's unit and every unit above it
    area_units: frozenset[int]  # the area and every unit below it (empty without an area)


def placement_of(person: Person | None) -> Placement | None:
    """The person's place in the organisation (one query of plain rows), or None without
    a unit.

    A manager of a unit manages what the units above it own (benefits'
    ``manages_the_owning_area``): a task is "the area's" when its owning area is
    in ``above``.
    """
    if person is None or person.org_unit_id is None:
        return None
    rows = {
        pk: (parent_id, kind, name)
        for pk, parent_id, kind, name in OrgUnit.objects.values_list(
            "id", "parent_id", "kind", "name"
        )
    }
    if person.org_unit_id not in rows:
        return None
    chain, current = [], person.org_unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = rows[current][0] if current in rows else None
    area_id = next((pk for pk in chain if rows[pk][1] == OrgUnit.Kind.AREA), None)
    if area_id is None:
        return Placement(area=None, above=frozenset(chain), area_units=frozenset())
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, (parent_id, _kind, _name) in rows.items():
        children[parent_id].append(pk)
    below, stack = set(), [area_id]
    while stack:
        unit_id = stack.pop()
        if unit_id not in below:
            below.add(unit_id)
            stack.extend(children.get(unit_id, ()))
    _parent, kind, name = rows[area_id]
    return Placement(
        area=OrgUnit(pk=area_id, name=name, kind=kind, parent_id=_parent),
        above=frozenset(chain),
        area_units=frozenset(below),
    )


def placement_for(viewer) -> Placement | None:
    """The front page viewer's placement, read once for every panel that needs it."""
    return viewer.once("organisation:placement", lambda: placement_of(viewer.person))
