"""The front page's panels of teams: who works on what, and what they learn.

For employees and innovation partners: their tasks and roles with the next step,
and their learning records. For an area manager: the area's people on teams.
For the innovation unit: people allocated above 100 %.
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.accounts.permissions import is_employee
from samskab.dashboards import frontpage
from samskab.dashboards.frontpage import Item, Listing, Viewer
from samskab.organisation.queries import placement_for
from samskab.portfolio.frontpage import next_step

from . import composer, queries, queries_programmes
from .permissions import journeys_shown_to

NO_PERSON = gettext_lazy("Your user has no person record; ask the innovation unit.")


def _journey(person_id: int) -> str:
    return reverse("teams:journey", args=[person_id])


def _mine(viewer: Viewer, limit: int) -> Listing:
    person = viewer.person
    if person is None:
        return Listing(empty=str(NO_PERSON))
    own = queries.tasks_of(person, on=viewer.today)
    items = []
    for entry in own[:limit]:
        step, late = next_step(entry.task, viewer.today)
        items.append(
            Item(
                entry.task.title,
                reverse("portfolio:task-detail", args=[entry.task.pk]),
                f"{', '.join(entry.roles)} · {step}",
                late,
            )
        )
    return Listing(items=items, more=len(own) > limit, see_all=_journey(person.pk))


def _learning(viewer: Viewer, limit: int) -> Listing:
    person = viewer.person
    if person is None:
        return Listing(empty=str(NO_PERSON))
    records, more = frontpage.bounded(queries.learning_of(person), limit)
    items = []
    for record in records:
        before = record.level_before or "–"
        detail = f"{record.activity} · {formats.date_format(record.learned_on)}"
        if record.task:
            detail = f"{detail} · {record.task.title}"
        items.append(
            Item(
                _("%(competency)s: level %(before)s to %(after)s")
                % {
                    "competency": record.competency.label,
                    "before": before,
                    "after": record.level_after,
                },
                _journey(person.pk) + "#learning",
                detail,
            )
        )
    return Listing(items=items, more=more, see_all=_journey(person.pk))


def _area_people(viewer: Viewer, limit: int) -> Listing:
    placement = placement_for(viewer)
    if placement is None or placement.area is None:
        return Listing(empty=_("Your profile has no area; ask the innovation unit."))
    memberships, more = frontpage.bounded(
        queries.memberships_in(
            placement.area_units, shown=journeys_shown_to(viewer.user), on=viewer.today
        ),
        limit,
    )
    load = queries.loads({m.person_id for m in memberships}) if memberships else {}
    items = [
        Item(
            membership.person.name,
            _journey(membership.person_id),
            _("%(role)s on %(task)s · %(allocation)d %%")
            % {
                "role": membership.get_role_display(),
                "task": membership.task.title,
                "allocation": membership.allocation,
            },
            _("Allocated %(load)d %%") % {"load": load[membership.person_id]}
            if load.get(membership.person_id, 0) > composer.FULL
            else "",
        )
        for membership in memberships
    ]
    return Listing(
        items=items,
        more=more,
        see_all=reverse("teams:unit-teams", args=[placement.area.pk]),
        lead=placement.area.name,
    )


def _over(viewer: Viewer, limit: int) -> Listing:
    shown = journeys_shown_to(viewer.user)
    rows, more = frontpage.bounded(queries.over_allocated(shown=shown, on=viewer.today), limit)
    return Listing(
        items=[
            Item(
                row["person__name"],
                _journey(row["person_id"]),
                _("Allocated %(load)d %% across active tasks") % {"load": row["total"]},
            )
            for row in rows
        ],
        more=more,
        see_all=reverse("teams:over-allocated"),
    )


def for_employees(user) -> bool:
    """Every employee, whatever else their role: anyone may take part in a programme."""
    return bool(user.is_authenticated and is_employee(user))


def _next_session(viewer: Viewer, limit: int) -> Listing | None:
    """The next session of a programme the viewer takes part in; no panel without one."""
    person = viewer.person
    if person is None:
        return None
    session = queries_programmes.next_session_of(person, today=viewer.today)
    if session is None:
        return None
    when = formats.date_format(session.on)
    hours = session.starts_at.strftime("%H:%M")
    if session.ends_at:
        hours = f"{hours}–{session.ends_at.strftime('%H:%M')}"
    return Listing(
        items=[
            Item(
                session.topic,
                reverse("teams:programme-detail", args=[session.programme_id]),
                f"{when}, {hours} · {session.place} · {session.programme.title}",
                _("Today") if session.on == viewer.today else "",
            )
        ],
        see_all=reverse("teams:programme-list"),
    )


def register() -> None:
    for panel in (
        frontpage.Panel(
            "my-tasks",
            gettext_lazy("My tasks and roles"),
            30,
            frontpage.for_own_tasks,
            _mine,
            empty=gettext_lazy("You are not on any active task's team."),
        ),
        frontpage.Panel(
            "next-session",
            gettext_lazy("My next session"),
            35,
            for_employees,
            _next_session,
        ),
        frontpage.Panel(
            "my-learning",
            gettext_lazy("My learning"),
            40,
            frontpage.for_own_tasks,
            _learning,
            empty=gettext_lazy("No learning records yet."),
        ),
        frontpage.Panel(
            "over-allocated",
            gettext_lazy("People allocated above 100 %"),
            210,
            frontpage.for_unit,
            _over,
            empty=gettext_lazy("Nobody is allocated above 100 %."),
        ),
        frontpage.Panel(
            "area-people",
            gettext_lazy("The area's people on teams"),
            440,
            frontpage.for_area_manager,
            _area_people,
            empty=gettext_lazy("Nobody from the area is on an active task's team."),
        ),
    ):
        frontpage.register(panel)
