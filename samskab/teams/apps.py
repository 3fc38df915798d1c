from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "samskab.teams"
    verbose_name = _("Teams")

    def ready(self) -> None:
        from samskab.governance import briefs as governance_briefs
        from samskab.portfolio import gates as portfolio_gates
        from samskab.portfolio import timeline as portfolio_timeline

        from . import briefs, frontpage, gates, permissions, timeline  # noqa: F401

        for requirement in gates.REQUIREMENTS:
            portfolio_gates.register(requirement)
        governance_briefs.register(briefs.SECTION)
        portfolio_timeline.register(timeline.SOURCE)

        from . import cards

        cards.register()

        frontpage.register()

        from . import journey

        journey.register_own()
