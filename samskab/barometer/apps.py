from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarometerConfig(AppConfig):
    name = "samskab.barometer"
    verbose_name = _("Innovation barometer")

    def ready(self) -> None:
        from . import permissions  # noqa: F401 - registers the rules
