"""The front page's panels of governance: what awaits the forums' decisions.

For the innovation unit: proposals waiting for a decision, the gates due before
the executive board's next meeting (and overdue ones) with the chief's warning
of gates that fall between meetings, and tasks flagged for closure; each "see
all" leads to the section of the next meeting's proposed agenda that lists them
all. For the executive board and heads' forum: their next meeting with its
proposed agenda and pack, and the decisions waiting. Committee and council
members get their own forum's next meeting.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samskab.accounts.permissions import is_committee_member
from samskab.dashboards import frontpage
from samskab.dashboards.frontpage import Item, Link, Listing, Viewer
from samskab.portfolio.models import InnovationTask, TaskProposal
from samskab.portfolio.phases import LAST, PhaseNumber

from . import queries
from .models import Forum, Meeting

OPEN = queries.OPEN


def _date(day) -> str:
    return formats.date_format(day)


def _when(meeting: Meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")


def _planned(viewer: Viewer, kind: str) -> list[Meeting]:
    return viewer.once(
        f"governance:planned:{kind}", lambda: queries.planned_meetings(kind=kind, now=viewer.now)
    )


def _agenda_url(viewer: Viewer, section: str) -> str:
    """The section of the executive board's next meeting's agenda, or the portfolio."""
    meetings = _planned(viewer, Forum.Kind.EXECUTIVE)
    if not meetings:
        return reverse("portfolio:board")
    return reverse("governance:meeting-detail", args=[meetings[0].pk]) + f"#agenda-{section}"


def _bounded(rows, limit):
    return frontpage.bounded(rows, limit)


# For the innovation unit ------------------------------------------------------------


def _proposals(viewer: Viewer, limit: int) -> Listing:
    proposals, more = _bounded(
        TaskProposal.objects.filter(status=TaskProposal.Status.AWAITING)
        .select_related("owning_area")
        .order_by("created_at", "pk"),
        limit,
    )
    return Listing(
        items=[
            Item(
                proposal.title,
                reverse("portfolio:proposal-detail", args=[proposal.pk]),
                _("%(area)s · proposed %(date)s")
                % {
                    "area": proposal.owning_area.name,
                    "date": _date(timezone.localtime(proposal.created_at).date()),
                },
            )
            for proposal in proposals
        ],
        more=more,
        see_all=_agenda_url(viewer, "proposals"),
    )


def _gate_detail(task: InnovationTask) -> str:
    if task.phase == LAST:
        return _("Gate %(date)s: %(phase)s to completion") % {
            "date": _date(task.next_gate_on),
            "phase": task.get_phase_display(),
        }
    return _("Gate %(date)s: %(phase)s to %(next)s") % {
        "date": _date(task.next_gate_on),
        "phase": task.get_phase_display(),
        "next": PhaseNumber(task.phase + 1).label,
    }


def _timing_text(timing: queries.GateTiming) -> str:
    due = _date(timing.task.next_gate_on)
    if timing.timing == queries.Timing.BEFORE_NEXT:
        return ngettext(
            "due %(date)s, before the executive board's next meeting on %(meeting)s, which "
            "takes it %(days)d day after it is due. Move the gate or plan an earlier meeting.",
            "due %(date)s, before the executive board's next meeting on %(meeting)s, which "
            "takes it %(days)d days after it is due. Move the gate or plan an earlier meeting.",
            timing.days,
        ) % {
            "date": due,
            "meeting": _date(queries.meeting_date(timing.meeting)),
            "days": timing.days,
        }
    if timing.timing == queries.Timing.AFTER_LAST:
        return ngettext(
            "due %(date)s, after the executive board's last planned meeting on %(meeting)s, "
            "which takes it %(days)d day early. Plan a later meeting.",
            "due %(date)s, after the executive board's last planned meeting on %(meeting)s, "
            "which takes it %(days)d days early. Plan a later meeting.",
            timing.days,
        ) % {
            "date": due,
            "meeting": _date(queries.meeting_date(timing.meeting)),
            "days": timing.days,
        }
    return _(
        "due %(date)s: no planned meeting of the executive board takes it. Plan a meeting."
    ) % {"date": due}


def _gates(viewer: Viewer, limit: int) -> Listing:
    meetings = _planned(viewer, Forum.Kind.EXECUTIVE)
    until = queries.next_gates_until(meetings, today=viewer.today)
    tasks, more = _bounded(queries.gates_due(until), limit)
    items = [
        Item(
            task.title,
            reverse("portfolio:task-detail", args=[task.pk]),
            _gate_detail(task),
            _("Overdue") if task.next_gate_on < viewer.today else "",
        )
        for task in tasks
    ]
    if meetings:
        meeting = meetings[0]
        lead = _(
            "The executive board's next meeting, %(when)s, takes the gates due by %(date)s."
        ) % {
            "when": _when(meeting),
            "date": _date(until),
        }
        actions = [
            Link(
                _("Open the next meeting: %(meeting)s") % {"meeting": meeting},
                reverse("governance:meeting-detail", args=[meeting.pk]),
            )
        ]
    else:
        lead = _("No meeting of the executive board is planned: the gates due by %(date)s.") % {
            "date": _date(until)
        }
        actions = []
    warnings = []
    if frontpage.for_chief(viewer.user):
        warnings = [
            Item(
                timing.task.title,
                reverse("portfolio:task-detail", args=[timing.task.pk]),
                _timing_text(timing),
            )
            for timing in queries.gates_between_meetings(meetings, today=viewer.today)
        ]
    return Listing(
        items=items,
        more=more,
        see_all=_agenda_url(viewer, "gates"),
        lead=lead,
        actions=actions,
        warnings=warnings,
        warning_title=_("Gates that fall between meetings"),
    )


def _closure(viewer: Viewer, limit: int) -> Listing:
    tasks, more = _bounded(
        InnovationTask.objects.filter(InnovationTask.flagged_for_closure(), status__in=OPEN)
        .only("id", "title", "closure_flag", "closure_flag_code", "closure_flag_params")
        .order_by("title", "pk"),
        limit,
    )
    return Listing(
        items=[
            Item(
                task.title,
                reverse("portfolio:task-detail", args=[task.pk]),
                Truncator(task.closure_reason).words(20),
            )
            for task in tasks
        ],
        more=more,
        see_all=_agenda_url(viewer, "closure"),
    )


# For the forums ---------------------------------------------------------------------


def _forum_kind(user) -> str:
    """The forum whose meetings the user takes part in: the executive board first."""
    if frontpage.for_board(user):
        return Forum.Kind.EXECUTIVE
    if is_committee_member(user):
        return Forum.Kind.COMMITTEE
    return Forum.Kind.COUNCIL


def _next_meeting(viewer: Viewer, limit: int) -> Listing:
    meetings = _planned(viewer, _forum_kind(viewer.user))
    if not meetings:
        return Listing(
            see_all=reverse("governance:meeting-list"),
            empty=_("No meeting of your forum is planned."),
        )
    meeting = meetings[0]
    agenda = queries.agenda(meeting)
    items = []
    for subject in agenda.subjects:
        first = agenda.items_of(subject)[0]
        if first.is_proposal:
            url = reverse("portfolio:proposal-detail", args=[subject.pk])
        else:
            url = reverse("portfolio:task-detail", args=[subject.pk])
        detail = str(first.section)
        if first.reason:
            detail = f"{detail}: {Truncator(first.reason).words(12)}"
        items.append(Item(subject.title, url, detail))
    location = f" · {meeting.location}" if meeting.location else ""
    detail_url = reverse("governance:meeting-detail", args=[meeting.pk])
    return Listing(
        items=items[:limit],
        more=len(items) > limit,
        see_all=detail_url,
        lead=f"{meeting.title or meeting.forum.name} · {_when(meeting)}{location}",
        actions=[
            Link(_("The proposed agenda"), detail_url),
            Link(_("The meeting pack"), reverse("governance:meeting-pack", args=[meeting.pk])),
        ],
        empty=_("Nothing is on the proposed agenda yet."),
    )


def _waiting(viewer: Viewer, limit: int) -> Listing:
    """Proposals awaiting a start decision, and open tasks whose gate is overdue, that are
    flagged for closure or past their planned end: what the board has yet to decide."""
    today = viewer.today
    proposals = list(
        TaskProposal.objects.filter(status=TaskProposal.Status.AWAITING)
        .select_related("owning_area")
        .order_by("created_at", "pk")[: limit + 1]
    )
    tasks = list(
        InnovationTask.objects.filter(
            Q(status=InnovationTask.Status.ACTIVE, next_gate_on__lt=today)
            | (Q(status__in=OPEN) & InnovationTask.flagged_for_closure())
            | Q(status__in=OPEN, planned_end_on__lt=today)
        )
        .only(
            "id",
            "title",
            "status",
            "next_gate_on",
            "planned_end_on",
            "closure_flag",
            "closure_flag_code",
            "closure_flag_params",
        )
        .order_by("next_gate_on", "title", "pk")[: limit + 1]
    )
    items = [
        Item(
            proposal.title,
            reverse("portfolio:proposal-detail", args=[proposal.pk]),
            _("Proposal awaiting a start decision since %(date)s")
            % {"date": _date(timezone.localtime(proposal.created_at).date())},
        )
        for proposal in proposals
    ]
    for task in tasks:
        reasons = []
        if (
            task.status == InnovationTask.Status.ACTIVE
            and task.next_gate_on
            and task.next_gate_on < today
        ):
            reasons.append(_("gate overdue since %(date)s") % {"date": _date(task.next_gate_on)})
        if task.closure_reason:
            reasons.append(_("flagged for closure"))
        if task.planned_end_on and task.planned_end_on < today:
            reasons.append(
                _("past its planned end %(date)s") % {"date": _date(task.planned_end_on)}
            )
        text = "; ".join(reasons)
        items.append(
            Item(
                task.title,
                reverse("portfolio:task-detail", args=[task.pk]),
                text[:1].upper() + text[1:],
            )
        )
    return Listing(
        items=items[:limit],
        more=len(items) > limit,
        see_all=_agenda_url(viewer, "proposals"),
    )


def register() -> None:
    frontpage.register(
        frontpage.Panel(
            "proposals-awaiting",
            gettext_lazy("Proposals waiting for a decision"),
            160,
            frontpage.for_unit,
            _proposals,
            empty=gettext_lazy("No proposals await a decision."),
        )
    )
    frontpage.register(
        frontpage.Panel(
            "gates-due",
            gettext_lazy("Gates due before the next meeting"),
            170,
            frontpage.for_unit,
            _gates,
            empty=gettext_lazy("No gates are due."),
        )
    )
    frontpage.register(
        frontpage.Panel(
            "flagged-for-closure",
            gettext_lazy("Tasks flagged for closure"),
            180,
            frontpage.for_unit,
            _closure,
            empty=gettext_lazy("No tasks are flagged."),
        )
    )
    frontpage.register(
        frontpage.Panel(
            "next-meeting",
            gettext_lazy("Your next meeting"),
            300,
            frontpage.for_forum_member,
            _next_meeting,
        )
    )
    frontpage.register(
        frontpage.Panel(
            "decisions-waiting",
            gettext_lazy("Decisions waiting"),
            310,
            frontpage.for_board,
            _waiting,
            empty=gettext_lazy("No decisions are waiting."),
        )
    )
