"""The front page's panels of the portfolio: triage, sparring and the tasks themselves.

For the innovation unit: assessments waiting for their scores (an assessor's own,
or for the chief every open one still missing scores) and sparring over its time
box. For the executive board: the portfolio's health, one line per open task.
For an area manager: the area's tasks.
"""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samskab.core.formatting import number
from samskab.dashboards import frontpage
from samskab.dashboards.frontpage import Item, Listing, Viewer
from samskab.organisation.queries import placement_for

from .models import Assessment, InnovationTask, SparringRequest
from .phases import LAST, PhaseNumber
from .queries.sparring import OPEN as SPARRING_OPEN

OPEN = (InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED)
HEALTH_SHOWN = 8  # the band is 3-5 active tasks; paused ones come besides


def _date(day) -> str:
    return formats.date_format(day)


def _task_url(task: InnovationTask) -> str:
    return reverse("portfolio:task-detail", args=[task.pk])


# For the innovation unit ------------------------------------------------------------


def _assessments(viewer: Viewer, limit: int) -> Listing:
    """An assessor's open assessments still to score; for the chief, who assigns the
    assessors and decides, every open assessment that misses an assessor or a score."""
    user = viewer.user
    rows = (
        Assessment.objects.filter(status=Assessment.Status.OPEN)
        .annotate(
            assigned=Count("assignments"),
            submitted=Count("assignments", filter=Q(assignments__submitted_at__isnull=False)),
            mine=Count(
                "assignments",
                filter=Q(assignments__assessor=user, assignments__submitted_at__isnull=True),
            ),
        )
        .only("id", "title", "created_at")
        .order_by("created_at", "pk")
    )
    if user.has_perm("portfolio.manage_assessment"):
        rows = rows.filter(Q(assigned=0) | Q(submitted__lt=F("assigned")))
    else:
        rows = rows.filter(mine__gt=0)
    assessments, more = frontpage.bounded(rows, limit)
    items = []
    for assessment in assessments:
        if assessment.assigned == 0:
            detail = _("No assessor assigned yet")
        else:
            detail = ngettext(
                "%(submitted)d of %(assigned)d assessor has scored",
                "%(submitted)d of %(assigned)d assessors have scored",
                assessment.assigned,
            ) % {"submitted": assessment.submitted, "assigned": assessment.assigned}
        items.append(
            Item(
                assessment.title,
                reverse("portfolio:assessment-detail", args=[assessment.pk]),
                detail,
                _("Awaits your scores") if assessment.mine else "",
            )
        )
    return Listing(items=items, more=more, see_all=reverse("portfolio:assessment-list"))


def _sparring(viewer: Viewer, limit: int) -> Listing:
    requests, more = frontpage.bounded(
        SparringRequest.objects.filter(status__in=SPARRING_OPEN, hours_used__gt=F("time_box_hours"))
        .only("id", "title", "hours_used", "time_box_hours")
        .order_by("position", "created_at", "pk"),
        limit,
    )
    return Listing(
        items=[
            Item(
                request.title,
                reverse("portfolio:sparring-detail", args=[request.pk]),
                _("%(used)s of %(box)s hours used")
                % {"used": number(request.hours_used), "box": number(request.time_box_hours)},
            )
            for request in requests
        ],
        more=more,
        see_all=reverse("portfolio:sparring-list"),
    )


# The tasks --------------------------------------------------------------------------


def health(task: InnovationTask, today) -> tuple[str, str]:
    """A task's health in one line, and its warnings in words."""
    line = task.get_phase_display()
    if task.next_gate_on:
        line = _("%(phase)s · next gate %(date)s") % {
            "phase": line,
            "date": _date(task.next_gate_on),
        }
    flags = []
    if task.status == InnovationTask.Status.PAUSED:
        flags.append(_("Paused"))
    elif task.next_gate_on and task.next_gate_on < today:
        flags.append(_("Gate overdue"))
    if task.closure_reason:
        flags.append(_("Flagged for closure"))
    if task.planned_end_on and task.planned_end_on < today:
        flags.append(_("Past its planned end"))
    return line, " · ".join(flags)


def next_step(task: InnovationTask, today) -> tuple[str, str]:
    """What comes next for an open task, in words, and a warning if it is late."""
    if task.status == InnovationTask.Status.PAUSED:
        return _("%(phase)s · paused until the executive board resumes it") % {
            "phase": task.get_phase_display()
        }, _("Paused")
    if not task.next_gate_on:
        return _("%(phase)s · no gate date set yet") % {"phase": task.get_phase_display()}, ""
    if task.phase == LAST:
        step = _("Next: the completion decision on %(date)s")
    else:
        step = _("Next: the gate to %(next)s on %(date)s")
    text = step % {
        "next": PhaseNumber(min(task.phase + 1, LAST)).label,
        "date": _date(task.next_gate_on),
    }
    late = _("Gate overdue") if task.next_gate_on < today else ""
    return f"{task.get_phase_display()} · {text}", late


def _open_tasks():
    return (
        InnovationTask.objects.filter(status__in=OPEN)
        .select_related("owning_area")
        .only(
            "id",
            "title",
            "status",
            "phase",
            "next_gate_on",
            "planned_end_on",
            "closure_flag",
            "closure_flag_code",
            "closure_flag_params",
            "owning_area__name",
        )
        .order_by("phase", "title", "pk")
    )


def _health(viewer: Viewer, limit: int) -> Listing:
    tasks, more = frontpage.bounded(_open_tasks(), limit)
    items = []
    for task in tasks:
        line, flags = health(task, viewer.today)
        items.append(Item(task.title, _task_url(task), f"{line} · {task.owning_area.name}", flags))
    return Listing(items=items, more=more, see_all=reverse("portfolio:board"))


def _area(viewer: Viewer, limit: int) -> Listing:
    placement = placement_for(viewer)
    if placement is None or placement.area is None:
        return Listing(empty=_("Your profile has no area; ask the innovation unit."))
    tasks, more = frontpage.bounded(_open_tasks().filter(owning_area_id__in=placement.above), limit)
    items = []
    for task in tasks:
        line, flags = health(task, viewer.today)
        items.append(Item(task.title, _task_url(task), line, flags))
    return Listing(
        items=items,
        more=more,
        see_all=reverse("portfolio:board") + f"?visning=liste&omraade={placement.area.pk}",
        lead=placement.area.name,
    )


def register() -> None:
    for panel in (
        frontpage.Panel(
            "assessments-to-score",
            gettext_lazy("Assessments waiting for their scores"),
            140,
            frontpage.for_unit,
            _assessments,
            empty=gettext_lazy("No assessment waits for scores."),
        ),
        frontpage.Panel(
            "sparring-over-time-box",
            gettext_lazy("Sparring over its time box"),
            150,
            frontpage.for_unit,
            _sparring,
            empty=gettext_lazy("No sparring has used more than its time box."),
        ),
        frontpage.Panel(
            "portfolio-health",
            gettext_lazy("The portfolio's health"),
            320,
            frontpage.for_board,
            _health,
            empty=gettext_lazy("No tasks are active or paused."),
            limit=HEALTH_SHOWN,
        ),
        frontpage.Panel(
            "area-tasks",
            gettext_lazy("The area's tasks"),
            400,
            frontpage.for_area_manager,
            _area,
            empty=gettext_lazy("The area owns no active or paused tasks."),
        ),
    ):
        frontpage.register(panel)
