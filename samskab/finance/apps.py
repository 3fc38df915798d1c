from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "samskab.finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from . import briefs, frontpage_budget, frontpage_task, permissions  # noqa: F401

        briefs.register()
        frontpage_budget.register()
        frontpage_task.register()
