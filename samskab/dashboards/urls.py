from django.urls import path

from . import funnel_views, opendata_views

app_name = "dashboards"

urlpatterns: list = [
    # Funnel and flow, beside the benefit roll-up on /overblik/.
    path("overblik/tragt/", funnel_views.funnel_page, name="funnel"),
    # Open data: the public part, for anyone.
    path("aabenhed/", opendata_views.open_data_page, name="open-data"),
    path("aabenhed/data.json", opendata_views.open_data_json, name="open-data-json"),
    path("aabenhed/data.zip", opendata_views.open_data_zip, name="open-data-zip"),
]
