from django.urls import path

from . import views_task as views

urlpatterns = [
    path("opgaver/<int:pk>/oekonomi/", views.task_economy, name="task-economy"),
    path("opgaver/<int:pk>/oekonomi/eksport.xlsx", views.task_export, name="task-export"),
    path("opgaver/<int:pk>/oekonomi/finansiering/ny/", views.funding_create, name="funding-create"),
    path("oekonomi/finansiering/<int:pk>/rediger/", views.funding_edit, name="funding-edit"),
    path("opgaver/<int:pk>/oekonomi/budget/", views.budget_edit, name="budget-edit"),
    path("opgaver/<int:pk>/oekonomi/udgifter/ny/", views.expense_create, name="expense-create"),
    path("oekonomi/udgifter/<int:pk>/rediger/", views.expense_edit, name="expense-edit"),
    path("opgaver/<int:pk>/oekonomi/import/", views.expense_import, name="expense-import"),
    path("oekonomi/timesatser/", views.rates, name="rates"),
]
