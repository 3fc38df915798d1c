"""The front page: the public one for visitors, each person's own ("Mit overblik") once logged in."""

from django.shortcuts import render

from samskab.core import views as core_views

from . import frontpage


def home(request):
    """Visitors get the public front page, which reads nothing of anyone (no queries);
    a logged-in person gets the panels that apply to them (frontpage.rendered_for)."""
    if not request.user.is_authenticated:
        return core_views.home(request)
    viewer = frontpage.Viewer.of(request.user)
    return render(
        request,
        "dashboards/frontpage/home.html",
        {"panels": frontpage.rendered_for(viewer)},
    )
