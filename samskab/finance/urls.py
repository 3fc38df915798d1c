from django.urls import path

from . import urls_case, urls_task, views_budget

app_name = "finance"
urlpatterns = [
    # The unit's budget, the funding sources and the fund applications.
    path("oekonomi/", views_budget.budget, name="budget"),
    path("oekonomi/eksport.xlsx", views_budget.export, name="export"),
    path("oekonomi/budget/start/", views_budget.budget_start, name="budget-start"),
    path(
        "oekonomi/budget/<int:pk>/linjer/ny/",
        views_budget.budget_line_create,
        name="budget-line-create",
    ),
    path("oekonomi/budget/<int:pk>/godkend/", views_budget.budget_approve, name="budget-approve"),
    path("oekonomi/budget/<int:pk>/aendr/", views_budget.budget_revise, name="budget-revise"),
    path(
        "oekonomi/budgetlinjer/<int:pk>/rediger/",
        views_budget.budget_line_edit,
        name="budget-line-edit",
    ),
    path(
        "oekonomi/budgetlinjer/<int:pk>/slet/",
        views_budget.budget_line_delete,
        name="budget-line-delete",
    ),
    path("oekonomi/kilder/", views_budget.source_list, name="source-list"),
    path("oekonomi/kilder/ny/", views_budget.source_create, name="source-create"),
    path("oekonomi/kilder/<int:pk>/rediger/", views_budget.source_edit, name="source-edit"),
    path("oekonomi/ansoegninger/", views_budget.application_list, name="application-list"),
    path("oekonomi/ansoegninger/ny/", views_budget.application_create, name="application-create"),
    path(
        "oekonomi/ansoegninger/<int:pk>/",
        views_budget.application_detail,
        name="application-detail",
    ),
    path(
        "oekonomi/ansoegninger/<int:pk>/rediger/",
        views_budget.application_edit,
        name="application-edit",
    ),
    path(
        "oekonomi/ansoegninger/<int:pk>/status/",
        views_budget.application_move,
        name="application-move",
    ),
    path(
        "oekonomi/ansoegninger/<int:pk>/rapporter/ny/",
        views_budget.report_create,
        name="report-create",
    ),
    path("oekonomi/rapporter/<int:pk>/rediger/", views_budget.report_edit, name="report-edit"),
    # A task's business case, and the gains taken home (urls_case).
    *urls_case.urlpatterns,
    # A task's economy (urls_task).
    *urls_task.urlpatterns,
]
