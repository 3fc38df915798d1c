from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "samskab.evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from . import briefs, gates, permissions  # noqa: F401 - permissions registers its rules

        gates.register()
        briefs.register()

        from . import cards

        cards.register()
