from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "samskab.benefits"
    verbose_name = _("Benefit realisation")

    def ready(self) -> None:
        from . import briefs, frontpage, gates, permissions  # noqa: F401

        gates.register()
        briefs.register()
        frontpage.register()
