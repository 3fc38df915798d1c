from django.urls import path

from . import views

app_name = "methods"
urlpatterns = [
    path("metoder/", views.method_list, name="method-list"),
    path("metoder/ny/", views.method_create, name="method-create"),
    path("metoder/ordbog/", views.glossary, name="glossary"),
    path("metoder/ordbog/ny/", views.term_create, name="term-create"),
    path("metoder/ordbog/<slug:slug>/rediger/", views.term_edit, name="term-edit"),
    path("metoder/materialer/<int:pk>/", views.material_download, name="material-download"),
    path("metoder/materialer/<int:pk>/slet/", views.material_delete, name="material-delete"),
    path("metoder/<slug:slug>/", views.method_detail, name="method-detail"),
    path("metoder/<slug:slug>/rediger/", views.method_edit, name="method-edit"),
    path("metoder/<slug:slug>/versioner/", views.method_versions, name="method-versions"),
    path("opgaver/<int:pk>/metoder/", views.task_methods, name="task-methods"),
    path("opgaver/<int:pk>/metoder/<int:use_pk>/slet/", views.use_delete, name="use-delete"),
]
