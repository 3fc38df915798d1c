from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samskab.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import freshness, permissions  # noqa: F401 - permissions registers the rules

        # Every write moves its app's data version on, for the caches that read it.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(freshness.on_write, dispatch_uid=f"freshness-{signal}")
        # A request reads the versions once, the first time a part or the user asks.
        request_started.connect(freshness.begin_request, dispatch_uid="freshness-begin")
        request_finished.connect(freshness.end_request, dispatch_uid="freshness-end")
