"""The front page's panels of benefit realisation.

For the innovation unit: open tasks past phase 3 without a signed agreement, and
benefit lines behind their profile. For an area manager: the agreements waiting
for their signature, and the realisations due on the area's tasks. Each "see all"
leads to the follow-up page (``benefits:follow-up``), filtered by area where the
panel is the area's.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.dashboards import frontpage
from samskab.dashboards.frontpage import Item, Listing, Viewer
from samskab.organisation.queries import placement_for

from . import queries
from .templatetags.benefits import with_unit


def _date(day) -> str:
    return formats.date_format(day)


def _follow_up(section: str, area=None) -> str:
    url = reverse("benefits:follow-up")
    if area is not None:
        url += f"?omraade={area.pk}"
    return f"{url}#{section}"


# For the innovation unit ------------------------------------------------------------


def _unsigned(viewer: Viewer, limit: int) -> Listing:
    tasks, more = frontpage.bounded(queries.unsigned_past_phase_3(), limit)
    items = []
    for task in tasks:
        if task.draft_owner:
            detail = _("%(phase)s · the draft awaits the signature of %(name)s") % {
                "phase": task.get_phase_display(),
                "name": task.draft_owner,
            }
        else:
            detail = _("%(phase)s · no agreement yet") % {"phase": task.get_phase_display()}
        items.append(Item(task.title, reverse("benefits:task-benefits", args=[task.pk]), detail))
    return Listing(items=items, more=more, see_all=_follow_up("unsigned"))


def _behind(viewer: Viewer, limit: int) -> Listing:
    views, more = frontpage.bounded(queries.lines_behind(today=viewer.today), limit)
    items = []
    for view in views:
        line, task = view.line, view.line.agreement.task
        items.append(
            Item(
                f"{task.title}: {line.kpi}",
                reverse("benefits:task-benefits", args=[task.pk]),
                _("Realised %(realised)s of %(expected)s expected by now")
                % {
                    "realised": with_unit(view.realised, line),
                    "expected": with_unit(view.expected(viewer.today), line),
                },
            )
        )
    return Listing(items=items, more=more, see_all=_follow_up("behind"))


# For an area manager ----------------------------------------------------------------


def _to_sign(viewer: Viewer, limit: int) -> Listing:
    """Draft agreements whose owner, who signs them (benefits.sign_agreement), is the viewer."""
    agreements, more = frontpage.bounded(
        queries.drafts_awaiting_signature().filter(owner__user=viewer.user), limit
    )
    placement = placement_for(viewer)
    return Listing(
        items=[
            Item(
                agreement.task.title,
                reverse("benefits:agreement-detail", args=[agreement.pk]),
                _("Version %(version)d, drafted %(date)s")
                % {
                    "version": agreement.version,
                    "date": _date(timezone.localtime(agreement.created_at).date()),
                },
            )
            for agreement in agreements
        ],
        more=more,
        see_all=_follow_up("signature", placement.area if placement else None),
    )


def _due(viewer: Viewer, limit: int) -> Listing:
    """Realisations due on the tasks the viewer's area owns, which an area manager of the
    owning area may record (benefits.record_realisation)."""
    placement = placement_for(viewer)
    if placement is None or placement.area is None:
        return Listing(empty=_("Your profile has no area; ask the innovation unit."))
    lines, more = frontpage.bounded(
        queries.realisations_due(today=viewer.today, areas=placement.above), limit
    )
    items = []
    for line in lines:
        if line.last_end:
            detail = _("%(task)s · due since %(date)s; last recorded up to %(last)s") % {
                "task": line.agreement.task.title,
                "date": _date(line.due_since),
                "last": _date(line.last_end),
            }
        else:
            detail = _("%(task)s · due since %(date)s; nothing recorded yet") % {
                "task": line.agreement.task.title,
                "date": _date(line.due_since),
            }
        items.append(Item(line.kpi, reverse("benefits:realisation-create", args=[line.pk]), detail))
    return Listing(items=items, more=more, see_all=_follow_up("due", placement.area))


def register() -> None:
    for panel in (
        frontpage.Panel(
            "agreements-unsigned",
            gettext_lazy("Agreements unsigned past phase 3"),
            190,
            frontpage.for_unit,
            _unsigned,
            empty=gettext_lazy("Every task past phase 3 has a signed agreement."),
        ),
        frontpage.Panel(
            "benefits-behind",
            gettext_lazy("Benefit lines behind their profile"),
            200,
            frontpage.for_unit,
            _behind,
            empty=gettext_lazy("No benefit line is behind its profile."),
        ),
        frontpage.Panel(
            "agreements-to-sign",
            gettext_lazy("Agreements waiting for your signature"),
            420,
            frontpage.for_area_manager,
            _to_sign,
            empty=gettext_lazy("No agreement waits for your signature."),
        ),
        frontpage.Panel(
            "realisations-due",
            gettext_lazy("Realisations due"),
            430,
            frontpage.for_area_manager,
            _due,
            empty=gettext_lazy("No realisation is due on the area's tasks."),
        ),
    ):
        frontpage.register(panel)
