"""Reads of teams, needs and competencies, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.utils import timezone

from samskab.accounts import roles
from samskab.organisation.models import Competency, OrgUnit, Person, PersonCompetency
from samskab.organisation.queries import OrgTree, unit_ids_below
from samskab.portfolio.models import InnovationTask, SparringRequest

from . import composer, sources
from .models import (
    EXTERNAL_ROLE,
    CompetencyNeed,
    LearningRecord,
    Role,
    StaffCapacity,
    TeamMembership,
)
from .permissions import members_shown_to, people_addable_by

# A sparring time box is counted as spread over this many weeks.
SPARRING_WEEKS = 4
CANDIDATES_SHOWN = 8
PARTNERS_WANTED = (1, 2)  # DESIGN rule 5: one or two innovation partners from the owning area


def needs_of(task: InnovationTask) -> list[CompetencyNeed]:
    return list(task.competency_needs.select_related("competency"))


def current_members(task: InnovationTask, *, shown: Q | None = None) -> list[TeamMembership]:
    """The team today: all of it for the rules, or what a reader is shown
    (``shown=permissions.members_shown_to(user)``)."""
    return list(
        TeamMembership.objects.current()
        .filter(shown or Q(), task=task)
        .select_related("person__org_unit", "person__organisation")
        .order_by("role", "person__name", "pk")
    )


def past_members(task: InnovationTask, *, shown: Q | None = None) -> list[TeamMembership]:
    return list(
        TeamMembership.objects.ended()
        .filter(shown or Q(), task=task)
        .select_related("person")
        .order_by("-ends_on", "-pk")
    )


def memberships_of(task: InnovationTask, *, shown: Q) -> list[TeamMembership]:
    """Every membership of the task a reader is shown (``permissions.members_shown_to``),
    past, current and to come, in the order they began.

    Read once per task object: the task page's team panel and its story share the one
    query (a second call reads nothing), so the task object must be the request's own.
    """
    prefetch_related_objects(
        [task],
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.filter(shown)
            .select_related("person__org_unit", "person__organisation")
            .order_by("starts_on", "pk"),
            to_attr="shown_memberships",
        ),
    )
    return task.shown_memberships


def split_memberships(
    memberships: list[TeamMembership], *, on=None
) -> tuple[list[TeamMembership], list[TeamMembership]]:
    """The team on the day (by role and name, as ``current_members``) and those who have
    left (the latest first, as ``past_members``); a membership still to begin is in neither."""
    on = on or timezone.localdate()
    current = [
        m for m in memberships if m.starts_on <= on and (m.ends_on is None or m.ends_on > on)
    ]
    past = [m for m in memberships if m.ends_on is not None and m.ends_on <= on]
    current.sort(key=lambda m: (m.role, m.person.name, m.pk))
    past.sort(key=lambda m: (m.ends_on, m.pk), reverse=True)
    return current, past


def levels_of(person_ids) -> dict[int, dict[int, int]]:
    """Each person's competency levels, by competency id."""
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    rows = PersonCompetency.objects.filter(person_id__in=list(person_ids)).values_list(
        "person_id", "competency_id", "level"
    )
    for person_id, competency_id, level in rows:
        levels[person_id][competency_id] = level
    return levels


def loads(person_ids=None) -> dict[int, int]:
    """Each person's allocation in % across the active tasks they are on today (one query)."""
    memberships = TeamMembership.objects.current().filter(task__status=InnovationTask.Status.ACTIVE)
    if person_ids is not None:
        memberships = memberships.filter(person_id__in=list(person_ids))
    rows = memberships.values("person_id").annotate(total=Sum("allocation"))
    return {row["person_id"]: row["total"] or 0 for row in rows}


def _sparring_left(by: str) -> dict:
    """Hours left of the open sparring time boxes, by ``by`` (a path to the assignee; None:
    unassigned)."""
    rows = (
        SparringRequest.objects.filter(
            status__in=[SparringRequest.Status.QUEUED, SparringRequest.Status.ACTIVE]
        )
        .values(by)
        .annotate(box=Sum("time_box_hours"), used=Sum("hours_used"))
    )
    return {row[by]: max(Decimal(0), (row["box"] or 0) - (row["used"] or 0)) for row in rows}


def loads_now(person_ids=None) -> dict[int, int]:
    """Each person's load in %: their allocation to active tasks and, for the unit's staff,
    their open sparring time boxes (three queries at most). The composer's measure."""
    load = loads(person_ids)
    wanted = None if person_ids is None else set(person_ids)
    for person_id, share in sparring_loads().items():
        if wanted is None or person_id in wanted:
            load[person_id] = load.get(person_id, 0) + share
    return load


def sparring_loads() -> dict[int, int]:
    """Open sparring time boxes of the unit's staff as a share of their week, by person (two queries).

    What is left of a time box is counted as spread over SPARRING_WEEKS weeks.
    """
    left = _sparring_left("assigned_to__person")
    left.pop(None, None)
    if not left:
        return {}
    hours = dict(StaffCapacity.objects.values_list("person_id", "hours_per_week"))
    return {
        person_id: round(hours_left / SPARRING_WEEKS / (hours.get(person_id) or Decimal(37)) * 100)
        for person_id, hours_left in left.items()
    }


def owning_area_unit_ids(task: InnovationTask) -> set[int]:
    return unit_ids_below(task.owning_area_id)


def is_partner_from_area(membership: TeamMembership, area_units: set[int]) -> bool:
    person = membership.person
    return (
        membership.role == Role.PARTNER
        and person.kind == Person.Kind.EMPLOYEE
        and person.org_unit_id in area_units
    )


@dataclass
class Coverage:
    """The needs × current members matrix of a task, and what is missing."""

    needs: list[CompetencyNeed]
    members: list[TeamMembership]
    levels: dict[int, dict[int, int]]
    rows: list[tuple[CompetencyNeed, list[int | None], bool]] = field(default_factory=list)

    def __post_init__(self):
        for need in self.needs:
            cells = [self.levels.get(m.person_id, {}).get(need.competency_id) for m in self.members]
            covered = any(level is not None and level >= need.level for level in cells)
            self.rows.append((need, cells, covered))

    @property
    def gaps(self) -> list[CompetencyNeed]:
        return [need for need, _, covered in self.rows if not covered]

    @property
    def critical_gaps(self) -> list[CompetencyNeed]:
        return [need for need in self.gaps if need.importance == 3]

    @property
    def share(self) -> float:
        return composer.coverage(
            [composer.Need(n.competency_id, n.importance, n.level) for n in self.needs],
            [self.levels.get(m.person_id, {}) for m in self.members],
        )


def coverage_of(task: InnovationTask, members: list[TeamMembership] | None = None) -> Coverage:
    members = current_members(task) if members is None else members
    needs = needs_of(task)
    levels = levels_of({m.person_id for m in members}) if members and needs else {}
    return Coverage(needs, members, levels)


@dataclass
class Composition:
    coverage: Coverage
    partners: int
    proposals: list[composer.Proposal]
    competencies: dict[int, Competency]
    people: dict[int, Person]


def composition_for(task: InnovationTask, *, user, limit: int = CANDIDATES_SHOWN) -> Composition:
    """What the composer page needs, in a fixed number of queries whatever the organisation's size.

    Needs, the current members and their levels, then everyone ``user`` may add
    who covers a need the team does not cover yet (one query), people of the
    owning area while partners are missing (one query), and the current load of
    all (``loads_now``). Only the innovation unit is proposed people from outside
    the municipality; nobody already at 100 % is proposed (``composer.compose``).
    """
    area_units = owning_area_unit_ids(task)
    members = current_members(task, shown=members_shown_to(user))
    coverage = coverage_of(task, members)
    partners = sum(1 for m in members if is_partner_from_area(m, area_units))
    partners_needed = max(0, PARTNERS_WANTED[0] - partners)
    member_ids = {m.person_id for m in members}
    # Only a need the team does not cover yet, at its level, can make someone worth
    # proposing: the database leaves out everyone else (most of a large organisation).
    covering = Q()
    for need in coverage.gaps:
        covering |= Q(competency_id=need.competency_id, level__gte=need.level)

    candidates: dict[int, dict] = {}
    if covering:
        rows = (
            PersonCompetency.objects.filter(covering, person__ended_on__isnull=True)
            .filter(people_addable_by(user, via="person__"))
            .exclude(person_id__in=member_ids)
            .values_list(
                "person_id", "competency_id", "level", "person__kind", "person__org_unit_id"
            )
        )
        for person_id, competency_id, level, kind, unit_id in rows:
            entry = candidates.setdefault(person_id, {"levels": {}, "kind": kind, "unit": unit_id})
            entry["levels"][competency_id] = level
    if partners_needed:
        rows = (
            Person.objects.filter(
                kind=Person.Kind.EMPLOYEE, org_unit_id__in=area_units, ended_on__isnull=True
            )
            .exclude(pk__in=member_ids)
            .order_by("pk")
            .values_list("pk", "org_unit_id")[:200]
        )
        for person_id, unit_id in rows:
            candidates.setdefault(
                person_id, {"levels": {}, "kind": Person.Kind.EMPLOYEE, "unit": unit_id}
            )
    marks: dict[int, str] = {}
    if coverage.gaps and user.has_perm("teams.add_external_people"):
        # Other apps offer people from outside (the house its consenting residents), one
        # query each, with the levels they offer.
        for source in sources.sources():
            for offer in source.offers(coverage.gaps, member_ids):
                entry = candidates.setdefault(
                    offer.person_id, {"levels": {}, "kind": None, "unit": None}
                )
                for competency_id, level in offer.levels.items():
                    entry["levels"][competency_id] = max(
                        entry["levels"].get(competency_id, 0), level
                    )
                marks[offer.person_id] = str(source.mark)
    load = loads_now()
    pool = [
        composer.Candidate(
            person_id=person_id,
            levels=entry["levels"],
            load=load.get(person_id, 0),
            in_owning_area=entry["unit"] in area_units,
            external=entry["kind"] != Person.Kind.EMPLOYEE,
            mark=marks.get(person_id, ""),
        )
        for person_id, entry in candidates.items()
    ]
    proposals = composer.compose(
        [composer.Need(n.competency_id, n.importance, n.level) for n in coverage.needs],
        [coverage.levels.get(m.person_id, {}) for m in members],
        pool,
        partners_needed=partners_needed,
        limit=limit,
    )
    people = Person.objects.select_related("org_unit", "organisation").in_bulk(
        [p.candidate.person_id for p in proposals]
    )
    return Composition(
        coverage=coverage,
        partners=partners,
        proposals=proposals,
        competencies={n.competency_id: n.competency for n in coverage.needs},
        people=people,
    )


def people_found(user, query: str, *, limit: int) -> list[Person]:
    """People ``user`` may add whose name holds ``query``, each with its ``load`` now (at most
    four queries). Unlike the proposals, this lists people at 100 % too: with a warning."""
    people = list(
        Person.objects.filter(people_addable_by(user), name__icontains=query)
        .select_related("org_unit", "organisation")
        .order_by("name", "pk")[:limit]
    )
    load = loads_now([person.pk for person in people]) if people else {}
    for person in people:
        person.load = load.get(person.pk, 0)
    return people


def proposed_role(proposal: composer.Proposal, person: Person) -> str:
    if person.kind != Person.Kind.EMPLOYEE:
        return EXTERNAL_ROLE.get(person.kind, Role.CITIZEN)
    return Role.PARTNER if proposal.as_partner else Role.SPECIALIST


# A person's journey ------------------------------------------------------------------


def journey_of(person: Person) -> dict:
    """What the journey page shows beside its timeline (``journey.steps_of``): the load now."""
    return {"load": loads([person.pk]).get(person.pk, 0)}


# Levels as of a date, and the heatmap ------------------------------------------------


def levels_on(on: date, *, person_ids=None) -> dict[tuple[int, int], int]:
    """Each person's level of each competency at the end of ``on``, by (person id, competency id).

    The level then is the current level minus what the person learned after that
    day: the learning records dated later, from the ``level before`` of the first to
    the ``level after`` of the last. A competency gained only after the day is left
    out. One query, whatever the number of people and records.
    """
    later = LearningRecord.objects.filter(
        person_id=OuterRef("person_id"),
        competency_id=OuterRef("competency_id"),
        learned_on__gt=on,
    )
    rows = PersonCompetency.objects.annotate(
        first_before=Subquery(later.order_by("learned_on", "pk").values("level_before")[:1]),
        last_after=Subquery(later.order_by("-learned_on", "-pk").values("level_after")[:1]),
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    levels = {}
    for person_id, competency_id, level, first_before, last_after in rows.values_list(
        "person_id", "competency_id", "level", "first_before", "last_after"
    ):
        then = rewound(level, first_before, last_after)
        if then:
            levels[(person_id, competency_id)] = then
    return levels


def rewound(level: int, first_before: int | None, last_after: int | None) -> int:
    """A current ``level`` without the learning since a day (first ``level before`` to last
    ``level after`` of the records after it; ``last_after`` None: nothing learned since).
    0 means the person did not have the competency then."""
    if last_after is None:
        return level
    return max(0, level - (last_after - (first_before or 0)))


@dataclass(frozen=True)
class HeatCell:
    """One area's level of one competency on two days: the average level of the people who
    have it (1-4) and how many they are; None and 0 when nobody has it."""

    a: float | None
    b: float | None
    people_a: int
    people_b: int

    @property
    def band(self) -> int:
        """1-4 by the average level on the second day, 0 when nobody has the competency."""
        return 0 if self.b is None else max(1, min(4, round(self.b)))

    @property
    def change(self) -> float | None:
        if self.a is None or self.b is None:
            return None
        return round(self.b - self.a, 1)

    @property
    def direction(self) -> str:
        """ "up", "down" or "same": the average level, or with the same level the number of
        people who have the competency ("" when nobody had it on either day)."""
        if self.a is None and self.b is None:
            return ""
        if self.a is None:
            return "up"
        if self.b is None:
            return "down"
        if self.change:
            return "up" if self.change > 0 else "down"
        if self.people_b != self.people_a:
            return "up" if self.people_b > self.people_a else "down"
        return "same"


def _areas() -> tuple[list[OrgUnit], dict[int, int]]:
    tree = OrgTree.load()
    areas = [u for u in tree.units.values() if u.kind == OrgUnit.Kind.AREA]
    areas.sort(key=lambda u: u.name.lower())
    area_of: dict[int, int] = {}
    for area in areas:
        for unit_id in tree.descendant_ids(area.pk):
            area_of[unit_id] = area.pk
    return areas, area_of


def heatmap(*, a: date | None = None, b: date | None = None, competency_ids=None) -> dict:
    """Areas × competencies: the average level of the people who have each, on two days
    (a year ago and today unless told), in four queries whatever the organisation's size.

    The levels now are summed by unit in the database; the level on a day is the
    current level minus the learning recorded after it (as ``levels_on``), undone one
    (person, competency) at a time from the records after the earlier day. A person
    counts in the area they work in now.
    """
    today = timezone.localdate()
    b = b or today
    a = a or b - timedelta(days=365)
    areas, area_of = _areas()
    competencies = Competency.objects.order_by("name")
    if competency_ids is not None:
        competencies = competencies.filter(pk__in=list(competency_ids))
    competencies = list(competencies)

    sums: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    rows = (
        PersonCompetency.objects.filter(person__org_unit__isnull=False)
        .values("person__org_unit_id", "competency_id")
        .annotate(total=Sum("level"), n=Count("id"))
    )
    for row in rows:
        area = area_of.get(row["person__org_unit_id"])
        if area is not None:
            cell = sums[(area, row["competency_id"])]
            cell[0] += row["total"]
            cell[1] += row["n"]

    held = PersonCompetency.objects.filter(
        person_id=OuterRef("person_id"), competency_id=OuterRef("competency_id")
    )
    records = list(
        LearningRecord.objects.filter(learned_on__gt=min(a, b), person__org_unit__isnull=False)
        .annotate(current=Subquery(held.values("level")[:1]))
        .order_by("learned_on", "pk")
        .values_list(
            "person__org_unit_id",
            "person_id",
            "competency_id",
            "level_before",
            "level_after",
            "learned_on",
            "current",
        )
    )

    def on(day: date) -> dict[tuple[int, int], list[int]]:
        """The sums and counts of ``day``: the learning since undone, as ``levels_on`` does."""
        first_before: dict[tuple[int, int], int | None] = {}
        last: dict[tuple[int, int], tuple[int, int | None, int]] = {}
        for unit_id, person_id, competency_id, before, after, learned_on, current in records:
            if learned_on <= day:
                continue
            key = (person_id, competency_id)
            first_before.setdefault(key, before)
            last[key] = (after, current, unit_id)
        then = {key: list(value) for key, value in sums.items()}
        for key, before in first_before.items():
            after, current, unit_id = last[key]
            area = area_of.get(unit_id)
            if area is None or current is None:
                continue
            cell = then.setdefault((area, key[1]), [0, 0])
            level = rewound(current, before, after)
            cell[0] -= current - level
            if not level:
                cell[1] -= 1
        return then

    at_a, at_b = on(a), on(b)

    def average(pair) -> float | None:
        return round(pair[0] / pair[1], 1) if pair and pair[1] > 0 else None

    table = [
        (
            area,
            [
                HeatCell(
                    a=average(at_a.get((area.pk, c.pk))),
                    b=average(at_b.get((area.pk, c.pk))),
                    people_a=at_a.get((area.pk, c.pk), [0, 0])[1],
                    people_b=at_b.get((area.pk, c.pk), [0, 0])[1],
                )
                for c in competencies
            ],
        )
        for area in areas
    ]
    return {"competencies": competencies, "rows": table, "a": a, "b": b}


# The unit's capacity ------------------------------------------------------------------


@dataclass(frozen=True)
class StaffLoad:
    person: Person
    hours: Decimal
    task_hours: Decimal
    sparring_hours: Decimal  # open time boxes left, in total
    allocation: int

    @property
    def sparring_per_week(self) -> Decimal:
        return (self.sparring_hours / SPARRING_WEEKS).quantize(Decimal("0.1"))

    @property
    def committed(self) -> Decimal:
        return self.task_hours + self.sparring_per_week

    @property
    def free(self) -> Decimal:
        return self.hours - self.committed

    @property
    def over(self) -> bool:
        return self.committed > self.hours


def unit_capacity() -> dict:
    """The chief's and unit staff's hours against what deep tasks and sparring commit them to."""
    staff = list(
        Person.objects.filter(
            user__groups__name__in=[roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF],
            kind=Person.Kind.EMPLOYEE,
        )
        .distinct()
        .select_related("unit_capacity", "user")
        .order_by("name", "pk")
    )
    allocation = loads([p.pk for p in staff])
    sparring = _sparring_left("assigned_to_id")
    rows = []
    for person in staff:
        capacity = getattr(person, "unit_capacity", None)
        hours = capacity.hours_per_week if capacity else Decimal(37)
        share = allocation.get(person.pk, 0)
        rows.append(
            StaffLoad(
                person=person,
                hours=hours,
                task_hours=(hours * share / 100).quantize(Decimal("0.1")),
                sparring_hours=sparring.get(person.user_id, Decimal(0)),
                allocation=share,
            )
        )
    unassigned = sparring.get(None, Decimal(0))
    total_hours = sum((r.hours for r in rows), Decimal(0))
    total_committed = sum((r.committed for r in rows), Decimal(0)) + (
        unassigned / SPARRING_WEEKS
    ).quantize(Decimal("0.1"))
    return {
        "rows": rows,
        "unassigned": unassigned,
        "unassigned_per_week": (unassigned / SPARRING_WEEKS).quantize(Decimal("0.1")),
        "total_hours": total_hours,
        "total_committed": total_committed,
        "over": total_committed > total_hours,
        "over_people": [row for row in rows if row.over],
        "weeks": SPARRING_WEEKS,
    }


# Who works where now: a person's tasks, an area's people, everyone over 100 % ------

OPEN_TASKS = (InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED)
OWN_TASKS_READ = 50  # a person's current memberships read at most; nobody has more


@dataclass
class OwnTask:
    """An open task a person works on, with the roles they have on it."""

    task: InnovationTask
    roles: list[str] = field(default_factory=list)


def tasks_of(person: Person, *, on=None) -> list[OwnTask]:
    """The open tasks ``person`` is on today or owns, each with their roles, by phase
    (two queries)."""
    by_task: dict[int, OwnTask] = {}
    memberships = (
        TeamMembership.objects.current(on)
        .filter(person=person, task__status__in=OPEN_TASKS)
        .select_related("task")
        .order_by("task__phase", "task__title", "task_id", "pk")[:OWN_TASKS_READ]
    )
    for membership in memberships:
        own = by_task.setdefault(membership.task_id, OwnTask(membership.task))
        label = membership.get_role_display()
        if label not in own.roles:
            own.roles.append(label)
    owner_label = str(Role.OWNER.label)
    for task in InnovationTask.objects.filter(owner=person, status__in=OPEN_TASKS).order_by(
        "phase", "title", "pk"
    )[:OWN_TASKS_READ]:
        own = by_task.setdefault(task.pk, OwnTask(task))
        if owner_label not in own.roles:
            own.roles.insert(0, owner_label)
    return sorted(by_task.values(), key=lambda own: (own.task.phase, own.task.title, own.task.pk))


def learning_of(person: Person):
    """A person's learning records, the newest first."""
    return LearningRecord.objects.filter(person=person).select_related("competency", "task")


def memberships_in(unit_ids, *, shown: Q | None = None, on=None):
    """Today's memberships on open tasks of the people working in ``unit_ids``, by name."""
    return (
        TeamMembership.objects.current(on)
        .filter(shown or Q(), person__org_unit_id__in=list(unit_ids), task__status__in=OPEN_TASKS)
        .select_related("person__org_unit", "task")
        .order_by("person__name", "person_id", "task__title", "pk")
    )


def over_allocated(*, shown: Q | None = None, on=None):
    """People allocated above 100 % across the active tasks they are on today (as ``loads``),
    the most allocated first: rows of ``person_id``, ``person__name``, ``total`` (one query)."""
    return (
        TeamMembership.objects.current(on)
        .filter(shown or Q(), task__status=InnovationTask.Status.ACTIVE)
        .values("person_id", "person__name")
        .annotate(total=Sum("allocation"))
        .filter(total__gt=composer.FULL)
        .order_by("-total", "person__name", "person_id")
    )
