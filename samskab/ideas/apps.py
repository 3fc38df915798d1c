from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "samskab.ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from . import permissions  # noqa: F401 - registers the app's rules
