"""Reads of governance: meetings, the agenda Samskab proposes for one, and the decision log.

Every page runs a fixed number of queries whatever the number of meetings,
agenda items or decisions: the agenda is two queries (proposals, tasks) and
one for what was decided at the meeting; the log is one page of decisions
with what they correct and one query for what corrects them.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.portfolio.models import InnovationTask, TaskProposal
from samskab.portfolio.phases import LAST

from .models import Decision, Forum, Meeting, MeetingPack
from .services import FORUM_KINDS

Kind = Decision.Kind
OPEN = (InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED)


# Meetings -------------------------------------------------------------------------


def meetings(*, forum: Forum | None = None) -> QuerySet[Meeting]:
    rows = Meeting.objects.select_related("forum").annotate(decision_count=Count("decisions"))
    if forum is not None:
        rows = rows.filter(forum=forum)
    return rows.order_by("-starts_at", "-pk")


def meeting(pk: int) -> Meeting:
    """A meeting by its id; every meeting participant sees every meeting."""
    return get_object_or_404(Meeting.objects.select_related("forum"), pk=pk)


def meeting_date(meeting: Meeting) -> date:
    return timezone.localtime(meeting.starts_at).date()


# The agenda -----------------------------------------------------------------------


@dataclass
class AgendaItem:
    subject: InnovationTask | TaskProposal
    reason: str
    suggested_kind: str
    number: int = 0  # the brief's number in the meeting pack
    section: Promise | str = ""  # the title of the agenda section it is under
    decisions: list[Decision] = field(default_factory=list)  # recorded at this meeting

    @property
    def is_proposal(self) -> bool:
        return isinstance(self.subject, TaskProposal)


@dataclass
class AgendaSection:
    key: str
    title: Promise
    empty: Promise
    items: list[AgendaItem]


@dataclass
class Agenda:
    on: date
    sections: list[AgendaSection]
    decisions: list[Decision]  # everything recorded at the meeting, in the order recorded

    @property
    def subjects(self) -> list[InnovationTask | TaskProposal]:
        """Each proposal and task on the agenda once, in the order they first appear."""
        seen: dict[tuple[str, int], InnovationTask | TaskProposal] = {}
        for section in self.sections:
            for item in section.items:
                seen.setdefault(_key(item.subject), item.subject)
        return list(seen.values())

    def items_of(self, subject) -> list[AgendaItem]:
        key = _key(subject)
        return [
            item for section in self.sections for item in section.items if _key(item.subject) == key
        ]

    @property
    def is_empty(self) -> bool:
        return not any(section.items for section in self.sections)


def gates_due_until(meeting: Meeting) -> date:
    """The last day of gates the meeting should take: every gate due before the forum's
    following meeting, or within SAMSKAB_AGENDA_HORIZON_DAYS when none is planned.
    Gates already overdue are due as well."""
    following = (
        Meeting.objects.filter(forum_id=meeting.forum_id, starts_at__gt=meeting.starts_at)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return _due_until(meeting, following)


def _due_until(meeting: Meeting, following: datetime | None) -> date:
    """``gates_due_until`` of a meeting whose forum's following meeting is known."""
    return due_until(
        meeting_date(meeting), timezone.localtime(following).date() if following else None
    )


def due_until(on: date, following: date | None) -> date:
    """The last day of gates a meeting on ``on`` takes, when the forum next meets on
    ``following`` (None: no later meeting is planned). See gates_due_until."""
    if following is not None:
        return max(following - timedelta(days=1), on)
    return _days_after(on, settings.SAMSKAB_AGENDA_HORIZON_DAYS)


def _days_after(day: date, days: int) -> date:
    """``day`` plus ``days``, or the last representable day (a meeting stored at the end of
    time before meetings were bounded must not break its page)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max


def _key(subject) -> tuple[str, int]:
    return ("proposal" if isinstance(subject, TaskProposal) else "task", subject.pk)


def _suggest(forum: Forum, kind: str) -> str:
    """What the forum would record about an item: the committee and the others only advise."""
    return kind if kind in FORUM_KINDS[forum.kind] else Kind.RECOMMENDATION


def agenda(meeting: Meeting) -> Agenda:
    """The meeting's agenda: as frozen when the meeting began, or as Samskab proposes it now.

    Until the meeting begins (or its first decision is recorded) the agenda follows
    the portfolio (``_proposed_sections``); from then on it is the agenda the forum had
    in front of it (``MeetingPack``). What was decided at the meeting and is not on the
    agenda is listed last, so that an item does not vanish once its decision is recorded.
    Each proposal and task is one item: a proposal started at the meeting is listed as
    the task it became.
    """
    decided_here = list(
        Decision.objects.filter(meeting=meeting)
        .select_related(
            "forum",
            "recorded_by__person",
            "task__owner",
            "task__owning_area",
            "proposal__owner",
            "proposal__owning_area",
        )
        .order_by("recorded_at", "pk")
    )
    frozen = MeetingPack.objects.filter(meeting=meeting).values_list("agenda", flat=True).first()
    sections = _thawed_sections(frozen) if frozen is not None else _proposed_sections(meeting)
    listed = {_key(item.subject) for section in sections for item in section.items}
    # A proposal started here and the task it became are one item: the proposal while it
    # is on the (frozen) agenda, else the task.
    alias = {}
    for d in decided_here:
        if d.kind == Kind.START and d.task_id:
            if ("proposal", d.proposal_id) in listed:
                alias[("task", d.task_id)] = ("proposal", d.proposal_id)
            else:
                alias[("proposal", d.proposal_id)] = ("task", d.task_id)
    by_key: dict[tuple[str, int], list[Decision]] = {}
    decided: list[AgendaItem] = []
    for d in decided_here:
        own = ("task", d.task_id) if d.task_id else ("proposal", d.proposal_id)
        if own[1] is None:
            continue
        key = alias.get(own, own)
        if key not in listed and key not in by_key:
            subject = d.task if key[0] == "task" else d.proposal
            decided.append(AgendaItem(subject, subject.get_status_display(), ""))
        by_key.setdefault(key, []).append(d)
    if decided:
        sections.append(AgendaSection("decided", _("Decided at this meeting"), "", decided))
    result = Agenda(on=meeting_date(meeting), sections=sections, decisions=decided_here)
    numbers = {_key(subject): n for n, subject in enumerate(result.subjects, start=1)}
    for section in sections:
        for item in section.items:
            item.number = numbers[_key(item.subject)]
            item.section = section.title
            item.decisions = by_key.get(_key(item.subject), [])
    return result


SECTIONS = {
    "proposals": (_("Task proposals awaiting decision"), _("No proposals await a decision.")),
    "gates": (_("Tasks due for a gate"), _("No gates are due.")),
    "closure": (_("Tasks flagged for closure"), _("No tasks are flagged.")),
    "overdue": (_("Tasks over time"), _("No tasks are over time.")),
}


def _proposed_sections(meeting: Meeting) -> list[AgendaSection]:
    """Proposals awaiting a decision (made by the meeting's date), active tasks whose next
    gate falls before the forum's following meeting (``gates_due_until``), open tasks
    flagged for closure, and open tasks past their planned end, as the portfolio stands."""
    on = meeting_date(meeting)
    day_after = timezone.make_aware(datetime.combine(_days_after(on, 1), time.min))
    gates_until = gates_due_until(meeting)
    proposals = (
        TaskProposal.objects.filter(status=TaskProposal.Status.AWAITING, created_at__lt=day_after)
        .select_related("owner", "owning_area")
        .order_by("created_at", "pk")
    )
    tasks = (
        InnovationTask.objects.filter(
            Q(status=InnovationTask.Status.ACTIVE, next_gate_on__lte=gates_until)
            | Q(status__in=OPEN, planned_end_on__lt=on)
            | (Q(status__in=OPEN) & InnovationTask.flagged_for_closure())
        )
        .select_related("owner", "owning_area")
        .order_by("phase", "title", "pk")
    )
    forum = meeting.forum
    items: dict[str, list[AgendaItem]] = {key: [] for key in SECTIONS}
    items["proposals"] = [
        AgendaItem(proposal, "", _suggest(forum, Kind.START)) for proposal in proposals
    ]
    for task in tasks:
        if (
            task.status == InnovationTask.Status.ACTIVE
            and task.next_gate_on
            and task.next_gate_on <= gates_until
        ):
            kind = Kind.COMPLETE if task.phase == LAST else Kind.GATE_GO
            due = _("Gate due %(date)s") % {"date": formats.date_format(task.next_gate_on)}
            items["gates"].append(AgendaItem(task, due, _suggest(forum, kind)))
        if reason := task.closure_reason:
            items["closure"].append(AgendaItem(task, reason, _suggest(forum, Kind.GATE_STOP)))
        if task.planned_end_on and task.planned_end_on < on:
            late = _("Planned to end %(date)s") % {"date": formats.date_format(task.planned_end_on)}
            items["overdue"].append(AgendaItem(task, late, _suggest(forum, Kind.RECALIBRATE)))
    return [
        AgendaSection(key, title, empty, items[key]) for key, (title, empty) in SECTIONS.items()
    ]


def frozen_agenda(meeting: Meeting) -> list[dict]:
    """The proposed agenda as data to keep: each item's reason in every language of the site."""
    by_language = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            by_language[code] = _proposed_sections(meeting)
    first = by_language[settings.LANGUAGE_CODE]
    return [
        {
            "key": section.key,
            "items": [
                {
                    "subject": _key(item.subject)[0],
                    "pk": item.subject.pk,
                    "suggested_kind": item.suggested_kind,
                    "reason": {
                        code: str(sections[index].items[position].reason)
                        for code, sections in by_language.items()
                    },
                }
                for position, item in enumerate(section.items)
            ],
        }
        for index, section in enumerate(first)
    ]


def _thawed_sections(frozen: list[dict]) -> list[AgendaSection]:
    """The sections of a frozen agenda, each item with its proposal or task as it is now."""
    wanted = {"task": set(), "proposal": set()}
    for section in frozen:
        for item in section["items"]:
            wanted[item["subject"]].add(item["pk"])
    subjects = {
        ("task", task.pk): task
        for task in InnovationTask.objects.filter(pk__in=wanted["task"]).select_related(
            "owner", "owning_area"
        )
    }
    subjects.update(
        (("proposal", proposal.pk), proposal)
        for proposal in TaskProposal.objects.filter(pk__in=wanted["proposal"]).select_related(
            "owner", "owning_area"
        )
    )
    language = translation.get_language() or settings.LANGUAGE_CODE
    sections = []
    for section in frozen:
        title, empty = SECTIONS[section["key"]]
        items = [
            AgendaItem(
                subjects[(item["subject"], item["pk"])],
                item["reason"].get(language) or item["reason"].get(settings.LANGUAGE_CODE, ""),
                item["suggested_kind"],
            )
            for item in section["items"]
            if (item["subject"], item["pk"]) in subjects
        ]
        sections.append(AgendaSection(section["key"], title, empty, items))
    return sections


# When a task's next gate is taken -------------------------------------------------------


@dataclass(frozen=True)
class GateMeeting:
    """A task's next gate and the meeting of direktion and chefforum expected to take it."""

    on: date  # the day the gate is due
    meeting: Meeting | None  # None: no planned meeting takes it yet
    late: bool = False  # the gate falls before the forum's next meeting: it is taken after its day
    paused: bool = False  # a paused task's gate is on no agenda until it resumes
    overdue: bool = False  # the day has passed

    @property
    def meeting_on(self) -> date | None:
        return meeting_date(self.meeting) if self.meeting else None


def gate_meeting(task: InnovationTask, *, now: datetime | None = None) -> GateMeeting | None:
    """The meeting whose proposed agenda will list the task's next gate (``_proposed_sections``).

    A meeting takes the gates due before the forum's following meeting: the gate is
    expected at the forum's last meeting on or before its day. A gate due before the
    forum's next meeting is taken there, late; one due after the last planned meeting
    only within SAMSKAB_AGENDA_HORIZON_DAYS of it (``gates_due_until``). One query, two
    when the gate falls before the forum's next meeting.
    """
    if task.next_gate_on is None or task.is_closed:
        return None
    on = task.next_gate_on
    now = now or timezone.now()
    today = timezone.localdate(now)
    state = {"paused": task.status == InnovationTask.Status.PAUSED, "overdue": on < today}
    today_start = timezone.make_aware(datetime.combine(today, time.min))
    upcoming = Meeting.objects.filter(
        forum__kind=Forum.Kind.EXECUTIVE, starts_at__gte=today_start
    ).select_related("forum")
    day_after = timezone.make_aware(datetime.combine(_days_after(on, 1), time.min))
    following = Meeting.objects.filter(
        forum_id=OuterRef("forum_id"), starts_at__gt=OuterRef("starts_at")
    ).order_by("starts_at")
    before = (
        upcoming.filter(starts_at__lt=day_after)
        .annotate(following=Subquery(following.values("starts_at")[:1]))
        .order_by("-starts_at", "-pk")
        .first()
    )
    if before is None:
        first = upcoming.order_by("starts_at", "pk").first()
        return GateMeeting(on, first, late=first is not None, **state)
    if on > _due_until(before, before.following):
        return GateMeeting(on, None, **state)
    return GateMeeting(on, before, **state)


# The decision log -----------------------------------------------------------------


def decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related(
        "forum", "meeting__forum", "task", "proposal", "corrects", "recorded_by__person"
    ).prefetch_related(
        Prefetch(
            "corrections", queryset=Decision.objects.only("id", "kind", "decided_on", "corrects")
        )
    )


def decision_log(
    *,
    forum: Forum | None = None,
    kind: str = "",
    task: InnovationTask | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Decision]:
    """Decisions, newest first, filtered by forum, kind, task and period (both days included).

    Joins only what a row of the log shows: PostgreSQL spent 20 ms planning the nine
    joins of ``decisions()`` for a query that then ran in under 1 ms.
    """
    rows = Decision.objects.select_related("forum", "meeting__forum", "task", "proposal")
    rows = rows.prefetch_related(
        Prefetch(
            "corrections", queryset=Decision.objects.only("id", "kind", "decided_on", "corrects")
        )
    )
    if forum is not None:
        rows = rows.filter(forum=forum)
    if kind:
        rows = rows.filter(kind=kind)
    if task is not None:
        rows = rows.filter(Q(task=task) | Q(proposal__task=task))
    if date_from:
        rows = rows.filter(decided_on__gte=date_from)
    if date_to:
        rows = rows.filter(decided_on__lte=date_to)
    return rows.order_by("-decided_on", "-recorded_at", "-pk")


def decision(pk: int) -> Decision:
    return get_object_or_404(decisions().prefetch_related("assessments"), pk=pk)


# A forum's calendar against the tasks' gates (the front page) ----------------------

PLANNED_BOUND = 100  # meetings ahead a forum is read for; a forum plans a year at most


def planned_meetings(*, kind: str, now: datetime | None = None) -> list[Meeting]:
    """The meetings of the forum of ``kind`` that have not begun, the first first (one query)."""
    return list(
        Meeting.objects.filter(forum__kind=kind, starts_at__gte=now or timezone.now())
        .select_related("forum")
        .order_by("starts_at", "pk")[:PLANNED_BOUND]
    )


def next_gates_until(meetings: list[Meeting], *, today: date) -> date:
    """The last day of gates the first of ``meetings`` (a forum's planned meetings, in order)
    takes, as its agenda counts it (gates_due_until); within SAMSKAB_AGENDA_HORIZON_DAYS
    of today when no meeting is planned."""
    if not meetings:
        return _days_after(today, settings.SAMSKAB_AGENDA_HORIZON_DAYS)
    following = meeting_date(meetings[1]) if len(meetings) > 1 else None
    return due_until(meeting_date(meetings[0]), following)


def gates_due(until: date) -> QuerySet[InnovationTask]:
    """Active tasks whose next gate falls by ``until``, overdue ones included: the gates
    an agenda proposes (``_proposed_sections``), the soonest first."""
    return (
        InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE, next_gate_on__lte=until)
        .select_related("owning_area")
        .order_by("next_gate_on", "title", "pk")
    )


class Timing:
    BEFORE_NEXT = "before-next"  # due before the next meeting: no meeting takes it in time
    AFTER_LAST = "after-last"  # after the last planned meeting, which takes it early
    UNPLANNED = "unplanned"  # no planned meeting's agenda takes it


@dataclass(frozen=True)
class GateTiming:
    """A gate that falls between the forum's meetings, and the meeting nearest it."""

    task: InnovationTask
    timing: str  # one of Timing
    meeting: Meeting | None  # the next meeting (BEFORE_NEXT), the last planned one, or None
    days: int  # how late (BEFORE_NEXT) or how early (AFTER_LAST) the meeting takes it


GATES_CHECKED = 200


def gates_between_meetings(meetings: list[Meeting], *, today: date) -> list[GateTiming]:
    """Active tasks whose next gate (today or later) no planned meeting takes on time.

    ``meetings`` are a forum's planned meetings in order (``planned_meetings``). Each
    meeting's agenda proposes the gates due before the forum's following meeting, the
    last one those within SAMSKAB_AGENDA_HORIZON_DAYS (``gates_due_until``), so a gate
    between two planned meetings is taken by the first of them. What is left:

    - a gate due before the next meeting: the meeting before it has been held without
      it, and the next one takes it only after it is due (BEFORE_NEXT);
    - a gate after the last planned meeting: that meeting takes it ahead of its date,
      within the horizon (AFTER_LAST), or no meeting takes it at all (UNPLANNED).

    One query, for the tasks.
    """
    tasks = list(
        InnovationTask.objects.filter(
            status=InnovationTask.Status.ACTIVE, next_gate_on__gte=today
        ).order_by("next_gate_on", "title", "pk")[:GATES_CHECKED]
    )
    if not meetings:
        return [GateTiming(task, Timing.UNPLANNED, None, 0) for task in tasks]
    first, last = meetings[0], meetings[-1]
    first_on, last_on = meeting_date(first), meeting_date(last)
    last_until = due_until(last_on, None)
    found = []
    for task in tasks:
        gate = task.next_gate_on
        if gate < first_on:
            found.append(GateTiming(task, Timing.BEFORE_NEXT, first, (first_on - gate).days))
        elif gate > last_until:
            found.append(GateTiming(task, Timing.UNPLANNED, last, 0))
        elif gate > last_on:
            found.append(GateTiming(task, Timing.AFTER_LAST, last, (gate - last_on).days))
    return found
