from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodsConfig(AppConfig):
    name = "samskab.methods"
    verbose_name = _("Methods and glossary")

    def ready(self) -> None:
        from samskab.portfolio import timeline as portfolio_timeline

        from . import permissions, timeline  # noqa: F401 - registers its rules

        portfolio_timeline.register(timeline.SOURCE)

        from samskab.teams import journey as teams_journey

        from . import journey

        teams_journey.register(journey.SOURCE)

        from django.core.signals import request_finished, request_started

        from . import glossary

        request_started.connect(glossary.request_boundary, dispatch_uid="glossary-begin")
        request_finished.connect(glossary.request_boundary, dispatch_uid="glossary-end")
