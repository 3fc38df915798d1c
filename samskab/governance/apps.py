from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "samskab.governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from . import frontpage, permissions  # noqa: F401 - permissions registers the app's rules

        frontpage.register()
