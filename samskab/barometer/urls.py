from django.urls import path

from . import views

app_name = "barometer"
urlpatterns = [
    path("opgaver/<int:pk>/innovationsbarometer/", views.task_survey, name="task-survey"),
    path("overblik/innovationsbarometer/", views.survey_export, name="export"),
    path(
        "overblik/innovationsbarometer.xlsx",
        views.survey_export_xlsx,
        name="export-xlsx",
    ),
]
