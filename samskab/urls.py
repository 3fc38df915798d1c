from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from samskab.accounts import mitid, oidc
from samskab.accounts import views as accounts_views
from samskab.api.api import api
from samskab.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("was", core_views.was, name="was"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("samskab.core.urls")),
    path("", include("samskab.organisation.urls")),
    path("", include("samskab.notifications.urls")),
    path("", include("samskab.ideas.urls")),
    path("", include("samskab.portfolio.urls")),
    path("", include("samskab.governance.urls")),
    path("", include("samskab.teams.urls")),
    path("", include("samskab.evidence.urls")),
    path("", include("samskab.benefits.urls")),
    path("", include("samskab.spread.urls")),
    path("", include("samskab.network.urls")),
    path("", include("samskab.barometer.urls")),
    path("", include("samskab.finance.urls")),
    path("", include("samskab.catalogue.urls")),
    path("", include("samskab.house.urls")),
    path("", include("samskab.events.urls")),
    path("", include("samskab.methods.urls")),
    path("", include("samskab.dashboards.urls")),
    # Ahead of allauth's own: the ID token's signature is always checked (accounts/oidc.py).
    path("accounts/oidc/<str:provider_id>/login/callback/", oidc.callback, name="oidc-callback"),
    # Ahead of allauth's own: a MitID answer that is not XML is refused (accounts/mitid.py).
    path(
        "accounts/saml/<str:organization_slug>/acs/finish/",
        mitid.finish_acs,
        name="mitid-finish-acs",
    ),
    path("", include("samskab.api.urls")),
    path("accounts/", include("allauth.urls")),
    # Ahead of the admin's own: its login goes through allauth (rate limits, two factors).
    path("admin/login/", accounts_views.admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
