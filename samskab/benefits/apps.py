from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "samskab.benefits"
    verbose_name = _("Benefit realisation")

    def ready(self) -> None:
        from samskab.portfolio import timeline as portfolio_timeline

        from . import briefs, frontpage, gates, permissions, timeline  # noqa: F401

        gates.register()
        briefs.register()
        frontpage.register()
        portfolio_timeline.register(timeline.SOURCE)

        from . import cards

        cards.register()
