from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "samskab.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from samskab.portfolio import timeline as portfolio_timeline

        from . import permissions, timeline  # noqa: F401

        portfolio_timeline.register(timeline.SOURCE)
