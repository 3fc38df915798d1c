from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "samskab.portfolio"
    verbose_name = _("Portfolio")

    def ready(self) -> None:
        from . import frontpage, gates, permissions  # noqa: F401 - registers gate requirements and rules

        frontpage.register()
