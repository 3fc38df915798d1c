"""The "Scaling and spreading" section of a task's brief in a meeting pack."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samskab.governance import briefs
from samskab.portfolio.models import InnovationTask

from . import queries
from .models import ScalingPlan, Uptake


def _prefetch(tasks, proposals) -> None:
    """Three queries for the whole pack: the plans, the degrees and the uptakes."""
    if not tasks:
        return
    ids = [task.pk for task in tasks]
    plans = dict(ScalingPlan.objects.filter(task_id__in=ids).values_list("task_id", "status"))
    degrees = queries.degrees(ids)
    uptakes = dict(
        Uptake.objects.filter(task_id__in=ids)
        .exclude(state=Uptake.State.DECLINED)
        .values("task_id")
        .annotate(count=Count("pk"))
        .values_list("task_id", "count")
    )
    for task in tasks:
        task._spread_brief = (
            plans.get(task.pk),
            degrees.get(task.pk, queries.NO_TARGETS),
            uptakes.get(task.pk, 0),
        )


def _render(subject) -> str | None:
    if not isinstance(subject, InnovationTask):
        return None
    status, degree, uptakes = getattr(subject, "_spread_brief", None) or (
        None,
        queries.NO_TARGETS,
        0,
    )
    if status is None and not degree.targets and not uptakes:
        return _("No scaling plan yet.") if subject.phase >= 5 else None
    lines = [
        _("Scaling plan: %(status)s")
        % {"status": ScalingPlan.Status(status).label if status else _("none")}
    ]
    if degree.targets:
        lines.append(
            ngettext(
                "Degree of scaling %(percent)s %%: %(running)s of %(n)s target unit in operation.",
                "Degree of scaling %(percent)s %%: %(running)s of %(n)s target units in operation.",
                degree.targets,
            )
            % {"percent": degree.percent, "running": degree.in_operation, "n": degree.targets}
        )
    if uptakes:
        lines.append(
            ngettext(
                "Taken up by %(n)s other area or organisation.",
                "Taken up by %(n)s other areas or organisations.",
                uptakes,
            )
            % {"n": uptakes}
        )
    return "\n".join(lines)


def register() -> None:
    briefs.register(
        briefs.Section(
            "spread",
            gettext_lazy("Scaling and spreading"),
            75,
            render=_render,
            prefetch=_prefetch,
        )
    )
