from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpreadConfig(AppConfig):
    name = "samskab.spread"
    verbose_name = _("Scaling and spreading")

    def ready(self) -> None:
        from . import briefs, gates, permissions  # noqa: F401

        gates.register()
        briefs.register()
