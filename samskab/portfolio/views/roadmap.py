"""The roadmap: the portfolio's tasks on a time axis, as a chart and as a table."""

from django.shortcuts import render
from django.urls import path
from django.utils.functional import SimpleLazyObject

from samskab.core import fragments
from samskab.core.decorators import require_perm

from .. import roadmap as chart
from ..forms.tasks import RoadmapFilterForm
from ..phases import PHASES
from ..queries import roadmap as queries


@require_perm("portfolio.view_portfolio")
def roadmap(request):
    form = RoadmapFilterForm(request.GET)
    can_view_meetings = request.user.has_perm("governance.view_meetings")
    data = SimpleLazyObject(lambda: queries.roadmap(**form.filters()))
    return render(
        request,
        "portfolio/roadmap/roadmap.html",
        {
            "form": form,
            "roadmap": data,
            "chart": SimpleLazyObject(lambda: chart.chart(data)),
            "phases": PHASES,
            "can_view_meetings": can_view_meetings,
            # The same for everyone who may see it (and may or may not open meetings):
            # kept for each valid choice of filters until the data changes (core.fragments).
            "part_key": fragments.filtered_key("roadmap", form, can_view_meetings),
        },
    )


urlpatterns = [path("portefolje/tidslinje/", roadmap, name="roadmap")]
