from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "samskab.governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from samskab.portfolio import timeline as portfolio_timeline

        from . import frontpage, permissions, timeline  # noqa: F401 - permissions registers the rules

        portfolio_timeline.register(timeline.SOURCE)
        frontpage.register()
