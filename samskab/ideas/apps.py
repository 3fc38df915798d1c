from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "samskab.ideas"
    verbose_name = _("Ideas")

    def ready(self) -> None:
        from . import frontpage, permissions  # noqa: F401 - permissions registers the app's rules

        frontpage.register()
