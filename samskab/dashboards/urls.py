from django.urls import path

from . import report_views

app_name = "dashboards"

urlpatterns: list = [
    # The council report, its PDF and its XLSX.
    path("overblik/rapport/", report_views.report, name="report"),
    path("overblik/rapport.pdf", report_views.report_pdf, name="report-pdf"),
    path("overblik/rapport.xlsx", report_views.report_xlsx, name="report-xlsx"),
]
