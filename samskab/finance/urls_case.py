"""The business case's addresses; joined into finance/urls.py, under its namespace."""

from django.urls import path

from . import views_case

urlpatterns = [
    path("opgaver/<int:pk>/business-case/", views_case.case_detail, name="case-detail"),
    path(
        "opgaver/<int:pk>/business-case/ny-version/",
        views_case.case_new_version,
        name="case-new-version",
    ),
    path("opgaver/<int:pk>/business-case/rediger/", views_case.case_edit, name="case-edit"),
    path(
        "opgaver/<int:pk>/business-case/udfyld-fra-aftalen/",
        views_case.case_prefill,
        name="case-prefill",
    ),
    path(
        "opgaver/<int:pk>/business-case/eksport.xlsx",
        views_case.case_export,
        name="case-export",
    ),
    path("oekonomi/hjemtagne-gevinster/", views_case.taken_home, name="takehome-list"),
]
