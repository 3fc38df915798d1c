from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseConfig(AppConfig):
    name = "samskab.house"
    verbose_name = _("Innovation house")

    def ready(self) -> None:
        from samskab.teams import sources

        from . import composer, permissions  # noqa: F401

        sources.register(composer.SOURCE)
