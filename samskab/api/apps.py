from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "samskab.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from . import permissions  # noqa: F401
