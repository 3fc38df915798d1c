from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "samskab.portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        # Registers gate requirements, the board's card signals, the story's events, the front
        # page's panels and the rules.
        from . import cards, frontpage, gates, permissions, timeline  # noqa: F401

        frontpage.register()
