from django.urls import path

from . import views

app_name = "spread"
urlpatterns = [
    path("opgaver/<int:pk>/skalering/", views.task_spread, name="task-spread"),
    path("opgaver/<int:pk>/skalering/plan/", views.plan_edit, name="plan-edit"),
    path("opgaver/<int:pk>/skalering/godkend/", views.plan_approve, name="plan-approve"),
    path("opgaver/<int:pk>/skalering/enheder/", views.targets_add, name="targets-add"),
    path(
        "opgaver/<int:pk>/milepaele/ny/<str:plan>/",
        views.milestone_create,
        name="milestone-create",
    ),
    path("opgaver/<int:pk>/drift/", views.handover_edit, name="handover-edit"),
    path("opgaver/<int:pk>/spredning/ny/", views.uptake_create, name="uptake-create"),
    path("opgaver/<int:pk>/videreudvikl/", views.develop_further, name="develop-further"),
    path("udbredelse/<int:pk>/", views.adoption_edit, name="adoption-edit"),
    path("udbredelse/<int:pk>/fjern/", views.target_remove, name="target-remove"),
    path("milepaele/<int:pk>/rediger/", views.milestone_edit, name="milestone-edit"),
    path("spredning/<int:pk>/rediger/", views.uptake_edit, name="uptake-edit"),
]
