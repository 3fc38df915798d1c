from django.urls import path

from . import funnel_views, opendata_views, report_views

app_name = "dashboards"

urlpatterns: list = [
    # The council report, its PDF and its XLSX.
    path("overblik/rapport/", report_views.report, name="report"),
    path("overblik/rapport.pdf", report_views.report_pdf, name="report-pdf"),
    path("overblik/rapport.xlsx", report_views.report_xlsx, name="report-xlsx"),
    # Funnel and flow, beside the benefit roll-up on /overblik/.
    path("overblik/tragt/", funnel_views.funnel_page, name="funnel"),
    # Open data: the public part, for anyone.
    path("aabenhed/", opendata_views.open_data_page, name="open-data"),
    path("aabenhed/data.json", opendata_views.open_data_json, name="open-data-json"),
    path("aabenhed/data.zip", opendata_views.open_data_zip, name="open-data-zip"),
]
