"""A person's innovation journey: what they worked on and learned, as one timeline.

Like the task's story (portfolio/timeline.py) this module holds the mechanism; each
source of steps registers a ``JourneySource`` in its AppConfig.ready(). Teams
registers three: the tasks and roles a person had (dated memberships), the learning
programmes they took part in (with completion or dropping out) and their learning
records. The methods a person used on tasks belong to the method library: that app
registers a source with the key ``"methods"`` (``METHODS``) when it comes, and the
journey shows it without teams knowing the app.

A source's ``steps`` gets the person and the reader and returns the person's steps
from a fixed number of queries, whatever their number, so the journey's page costs
the same for a long career as for a short one.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from samskab.organisation.models import Person

from . import queries, queries_programmes
from .models import LearningRecord, Participation, TeamMembership

TASKS = "tasks"
PROGRAMMES = "programmes"
LEARNING = "learning"
METHODS = "methods"  # the extension point for the method library: methods used on tasks


@dataclass(frozen=True)
class Step:
    on: date
    title: str  # what happened, in the reader's language
    url: str = ""  # where it is recorded
    details: tuple[str, ...] = ()
    until: date | None = None  # the day it ended, for what lasts (a role, a programme)
    source: str = ""  # the key of the source that told it; set by ``steps_of``


@dataclass(frozen=True)
class JourneySource:
    key: str
    label: Callable[[], str]  # what the source tells, for the page's key ("Tasks and roles")
    steps: Callable[[Person, object], Iterable[Step]]


_REGISTRY: dict[str, JourneySource] = {}


def register(source: JourneySource) -> JourneySource:
    """Add a source, or take the place of the one with the same key."""
    _REGISTRY[source.key] = source
    return source


def sources() -> list[JourneySource]:
    return list(_REGISTRY.values())


def steps_of(person: Person, *, viewer) -> list[Step]:
    """Every step of the person's journey, the newest first."""
    steps = [
        replace(step, source=source.key)
        for source in _REGISTRY.values()
        for step in source.steps(person, viewer)
    ]
    return sorted(steps, key=lambda step: step.on, reverse=True)


def _day(value: date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


# Teams' own sources -----------------------------------------------------------------


def _tasks(person: Person, viewer) -> list[Step]:
    memberships = (
        TeamMembership.objects.filter(person=person)
        .select_related("task")
        .order_by("-starts_on", "-pk")
    )
    return [
        Step(
            on=m.starts_on,
            title=_("%(role)s on %(task)s") % {"role": m.get_role_display(), "task": m.task.title},
            url=reverse("portfolio:task-detail", args=[m.task_id]),
            details=(
                _("%(allocation)d %% allocated") % {"allocation": m.allocation},
                _("until %(date)s") % {"date": _day(m.ends_on)} if m.ends_on else _("ongoing"),
            ),
            until=m.ends_on,
        )
        for m in memberships
    ]


def _programmes(person: Person, viewer) -> list[Step]:
    steps = []
    for p in queries_programmes.programmes_of(person):
        status = p.get_status_display()
        if p.status == Participation.Status.COMPLETED:
            status = _("completed on %(date)s") % {"date": _day(p.completed_on)}
        elif p.status == Participation.Status.DROPPED:
            status = _("left on %(date)s") % {"date": _day(p.dropped_on)}
        steps.append(
            Step(
                on=p.joined_on or p.asked_on,
                title=_("Learning programme: %(title)s") % {"title": p.programme.title},
                url=reverse("teams:programme-detail", args=[p.programme_id]),
                details=(
                    str(status).capitalize(),
                    _("attended %(attended)d of %(sessions)d sessions")
                    % {"attended": p.attended, "sessions": p.session_count},
                ),
                until=p.completed_on or p.dropped_on,
            )
        )
    return steps


def _learning(person: Person, viewer) -> list[Step]:
    records: Iterable[LearningRecord] = queries.learning_of(person).select_related("programme")
    steps = []
    for r in records:
        where = r.task.title if r.task else (r.programme.title if r.programme else "")
        steps.append(
            Step(
                on=r.learned_on,
                title=_("%(competency)s: level %(before)s to %(after)s")
                % {
                    "competency": r.competency.label,
                    "before": r.level_before or "–",
                    "after": r.level_after,
                },
                details=tuple(d for d in (r.activity, where if where != r.activity else "") if d),
            )
        )
    return steps


TASKS_SOURCE = JourneySource(TASKS, lambda: _("Tasks and roles"), _tasks)
PROGRAMMES_SOURCE = JourneySource(PROGRAMMES, lambda: _("Learning programmes"), _programmes)
LEARNING_SOURCE = JourneySource(LEARNING, lambda: _("What was learned"), _learning)


def register_own() -> None:
    for source in (TASKS_SOURCE, PROGRAMMES_SOURCE, LEARNING_SOURCE):
        register(source)
