"""Funnel and flow (/overblik/tragt/): from ideas to spread solutions, and how long things wait."""

from django.shortcuts import render
from django.utils import timezone

from samskab.core.decorators import require_perm

from . import funnel, funnel_tables
from .funnel_forms import PeriodForm


@require_perm("dashboards.view_funnel")
def funnel_page(request):
    today = timezone.localdate()
    default = funnel.Period.last_year(today)
    form = PeriodForm(request.GET or None, initial={"fra": default.start, "til": default.end})
    period = form.period(today)
    result = funnel.funnel(period)
    steps = funnel_tables.step_rows(result)
    waits = funnel_tables.wait_rows(result)
    phases = funnel_tables.phase_rows(result)
    novelties, novelty_rows = funnel_tables.novelty_phase_rows(result.current)
    return render(
        request,
        "dashboards/funnel.html",
        {
            "form": form,
            "result": result,
            "period": result.current.period,
            "previous": result.previous.period,
            "steps": steps,
            "funnel_chart": funnel_tables.funnel_chart(steps),
            "waits": waits,
            "wait_chart": funnel_tables.wait_chart(waits, result.deadline_days),
            "phases": phases,
            "phase_chart": funnel_tables.phase_chart(phases),
            "novelties": novelties,
            "novelty_rows": novelty_rows,
            "breakdowns": funnel_tables.breakdowns(result.current),
            "cache_minutes": funnel.CACHE_SECONDS // 60,
            "cache_seconds": funnel.CACHE_SECONDS,
            "computed_at": result.computed_at.timestamp(),
        },
    )
