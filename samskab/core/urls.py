from django.urls import path

from samskab.dashboards.views import home

from . import views

app_name = "core"

urlpatterns = [
    # The front page is each person's overview once logged in (samskab/dashboards); its
    # name stays core:home, where logins, logouts and the logo lead.
    path("", home, name="home"),
    path("tilgaengelighedserklaering/", views.accessibility_statement, name="accessibility"),
    path("privatlivspolitik/", views.privacy, name="privacy"),
]
