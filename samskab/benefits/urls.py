from django.urls import path

from . import views

app_name = "benefits"
urlpatterns = [
    path("opgaver/<int:pk>/gevinster/", views.task_benefits, name="task-benefits"),
    path("opgaver/<int:pk>/gevinster/aftale/ny/", views.agreement_create, name="agreement-create"),
    path("gevinster/aftaler/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("gevinster/aftaler/<int:pk>/rediger/", views.agreement_edit, name="agreement-edit"),
    path("gevinster/aftaler/<int:pk>/underskriv/", views.agreement_sign, name="agreement-sign"),
    path("gevinster/aftaler/<int:pk>/revider/", views.agreement_revise, name="agreement-revise"),
    path("gevinster/aftaler/<int:pk>/linjer/ny/", views.line_create, name="line-create"),
    path("gevinster/linjer/<int:pk>/rediger/", views.line_edit, name="line-edit"),
    path("gevinster/linjer/<int:pk>/slet/", views.line_delete, name="line-delete"),
    path(
        "gevinster/linjer/<int:pk>/realisering/",
        views.realisation_create,
        name="realisation-create",
    ),
    path(
        "gevinster/realiseringer/<int:pk>/hjemtag/",
        views.realisation_take_home,
        name="realisation-take-home",
    ),
    path(
        "gevinster/realiseringer/<int:pk>/rediger/",
        views.realisation_edit,
        name="realisation-edit",
    ),
    path(
        "gevinster/realiseringer/<int:pk>/slet/",
        views.realisation_delete,
        name="realisation-delete",
    ),
    path("gevinster/opfoelgning/", views.follow_up, name="follow-up"),
    path("overblik/", views.rollup, name="rollup"),
    path("overblik/eksport.xlsx", views.rollup_export, name="rollup-export"),
]
