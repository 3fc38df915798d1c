"""Reads of partners and partnerships shared by the pages and the task page's panel.

Each runs a fixed number of queries, whatever the number of organisations,
partnerships and tasks.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from samskab.organisation.models import Person
from samskab.organisation.queries import people_visible_to
from samskab.portfolio.models import InnovationTask

from .models import Organisation, Partnership, TaskPartnership

ACTIVE = Partnership.Status.ACTIVE


def organisations(*, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    """Organisations by name (every word), of a kind, each with the number of its active
    partnerships and of the tasks they take part in."""
    rows = Organisation.objects.all()
    for word in query.split():
        rows = rows.filter(name__icontains=word)
    if kind:
        rows = rows.filter(kind=kind)
    active = Q(partnerships__status=ACTIVE)
    return rows.annotate(
        active_partnerships=Count("partnerships", filter=active, distinct=True),
        task_count=Count("partnerships__task_links__task", filter=active, distinct=True),
    ).order_by("name", "pk")


def _with_organisations(partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return partnerships.select_related("responsible").prefetch_related(
        Prefetch("organisations", queryset=Organisation.objects.order_by("name", "pk"))
    )


def partnerships(*, status: str = "", query: str = "") -> QuerySet[Partnership]:
    """Partnerships, newest first, with their organisations and the number of their tasks."""
    rows = Partnership.objects.all()
    if status:
        rows = rows.filter(status=status)
    for word in query.split():
        rows = rows.filter(Q(title__icontains=word) | Q(organisations__name__icontains=word))
    if query.split():
        rows = rows.distinct()
    return (
        _with_organisations(rows)
        .annotate(task_count=Count("task_links", distinct=True))
        .order_by("-starts_on", "title", "pk")
    )


def task_links_of(partnership: Partnership, user) -> list[TaskPartnership]:
    """The tasks the partnership takes part in that the user may see, each with its role."""
    links = TaskPartnership.objects.filter(partnership=partnership).select_related(
        "task__owning_area"
    )
    return [link for link in links.order_by("task__title", "pk") if _may_see(user, link.task)]


def _may_see(user, task: InnovationTask) -> bool:
    return user.has_perm("portfolio.view_task", task)


@dataclass
class OrganisationPage:
    partnerships: list[Partnership]
    tasks: list[tuple[InnovationTask, list[TaskPartnership]]]
    people: list[Person]
    people_hidden: bool  # people from outside are not shown to this reader


def organisation_page(organisation: Organisation, user) -> OrganisationPage:
    """The organisation's partnerships (with all their organisations), the tasks it takes
    part in through them (only those the user may see), and its people (only those the
    user may see): four queries."""
    partnerships = list(
        _with_organisations(organisation.partnerships.all()).order_by("-starts_on", "title", "pk")
    )
    links = TaskPartnership.objects.filter(partnership__organisations=organisation).select_related(
        "task", "partnership"
    )
    tasks: dict[int, tuple[InnovationTask, list[TaskPartnership]]] = {}
    for link in links.order_by("task__title", "task_id", "pk"):
        if _may_see(user, link.task):
            tasks.setdefault(link.task_id, (link.task, []))[1].append(link)
    people = list(people_visible_to(user).filter(organisation=organisation).order_by("name", "pk"))
    return OrganisationPage(
        partnerships=partnerships,
        tasks=list(tasks.values()),
        people=people,
        people_hidden=not user.has_perm("organisation.view_external_people"),
    )


def active_partnerships_of(task: InnovationTask) -> list[TaskPartnership]:
    """The task's active partnerships with their organisations (two queries), for its page."""
    links = (
        TaskPartnership.objects.filter(task=task, partnership__status=ACTIVE)
        .select_related("partnership")
        .prefetch_related(
            Prefetch(
                "partnership__organisations",
                queryset=Organisation.objects.order_by("name", "pk"),
            )
        )
    )
    return list(links.order_by("partnership__title", "pk"))
