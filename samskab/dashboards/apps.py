from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """What the unit runs from: each person's front page, the funnel and flow, the
    council report and the open data. Built from what the other apps register; it
    knows none of them by name."""

    name = "samskab.dashboards"
    verbose_name = _("Overview")

    def ready(self) -> None:
        from . import permissions  # noqa: F401 - registers the rules of the overview pages
