"""A task's story: what happened to it, each event dated and linked to where it is recorded.

Like gates.py and governance/briefs.py, this module holds the mechanism and the
event the portfolio knows itself (the proposal the task grew from); the apps
that know the others register an ``EventSource`` in their AppConfig.ready(), each
in a small ``timeline.py`` of its own: governance its decisions (start, gates and
what they went despite, pauses, resumes, stop, completion), evidence its trials
(started, concluded with their result), benefits the agreement (signed, revised)
and the realisations, teams who joined and left. The portfolio knows none of them.

A source's ``events`` gets one task and the person reading (who may be shown less
than the unit is) and returns the task's events from a fixed number of queries,
however many there are, so that the task page's query count does not grow with
the task's life.

The story is told oldest first: it reads as the task lived it, each event after
the ones it rests on (a trial concluded before the gate that went on its evidence,
a pause before its resume); where the task stands now is at the top of its page
(phase and status) and what comes next in the card of the next gate. Events dated
after today have not happened yet and are left out: a trial planned to start next
month, a member who leaves at the end of the year. On one day, events come in the
order of their ``rank``: what a decision rests on before the decision.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import InnovationTask

# The order of events on the same day; a source may use any number between.
RANK_PROPOSAL = 0
RANK_START = 10  # the decision that started the task
RANK_JOINED = 20  # people joining the team
RANK_TRIAL_STARTED = 30
RANK_TRIAL_CONCLUDED = 40
RANK_AGREEMENT = 45
RANK_REALISED = 50
RANK_DECISION = 60  # gates, pauses, resumes, recalibrations, stop, completion
RANK_LEFT = 70  # people leaving the team


@dataclass(frozen=True)
class Event:
    on: date
    title: str  # what happened, briefly, in the reader's language; the text of the link
    url: str  # where it is recorded
    details: tuple[str, ...] = ()  # a line each: by whom, what it went despite, its result
    rank: int = RANK_DECISION
    source: str = ""  # the key of the source that told it; set by ``story``


@dataclass(frozen=True)
class EventSource:
    key: str
    # The events of one task that ``viewer`` may see, in a fixed number of queries.
    events: Callable[[InnovationTask, object], Iterable[Event]]


_REGISTRY: dict[str, EventSource] = {}


def register(source: EventSource) -> EventSource:
    """Add a source, or take the place of the one with the same key."""
    _REGISTRY[source.key] = source
    return source


def sources() -> list[EventSource]:
    return list(_REGISTRY.values())


def story(task: InnovationTask, *, viewer, today: date | None = None) -> list[Event]:
    """Every event of the task that has happened by ``today``, oldest first."""
    today = today or timezone.localdate()
    events = [
        replace(event, source=source.key)
        for source in _REGISTRY.values()
        for event in source.events(task, viewer)
        if event.on <= today
    ]
    return sorted(events, key=lambda event: (event.on, event.rank))


# The portfolio's own event ------------------------------------------------------------


def _proposal(task: InnovationTask, viewer) -> list[Event]:
    """The proposal the task was started from, on the day it was made."""
    if task.proposal_id is None:
        return []
    proposal = task.proposal
    return [
        Event(
            on=timezone.localdate(proposal.created_at),
            title=_("Proposed as an innovation task"),
            url=reverse("portfolio:proposal-detail", args=[proposal.pk]),
            details=(proposal.title,) if proposal.title != task.title else (),
            rank=RANK_PROPOSAL,
        )
    ]


PROPOSAL = register(EventSource(key="proposal", events=_proposal))
