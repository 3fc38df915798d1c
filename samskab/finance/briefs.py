"""The "Money" section of a task's brief in a meeting pack: cost to date, funding secured
and payback, the same three figures as the task's page."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.core import formatting
from samskab.governance import briefs
from samskab.portfolio.models import InnovationTask

from . import queries_task


def _prefetch(tasks, proposals) -> None:
    """Six queries for the whole pack, whatever its size (``queries_task.figures_for``)."""
    if not tasks:
        return
    figures = queries_task.figures_for(tasks, today=timezone.localdate())
    for task in tasks:
        task._finance_brief = figures.get(task.pk)


def _render(subject) -> str | None:
    if not isinstance(subject, InnovationTask):
        return None
    figures = getattr(subject, "_finance_brief", None)
    if figures is None or figures.empty:
        return _("No funding or costs recorded yet.")
    if not figures.has_case:
        payback = _("no business case yet")
    elif figures.payback is None:
        payback = _("does not pay back within the business case")
    else:
        payback = _("%(years)s years") % {"years": formatting.number(figures.payback, decimals=1)}
    return "\n".join(
        [
            _("Cost to date: %(amount)s") % {"amount": formatting.kroner(figures.cost_to_date)},
            _("Funding secured: %(amount)s")
            % {"amount": formatting.kroner(figures.funding_secured)},
            _("Payback: %(payback)s") % {"payback": payback},
        ]
    )


def register() -> None:
    briefs.register(
        briefs.Section("money", gettext_lazy("Money"), 90, render=_render, prefetch=_prefetch)
    )
