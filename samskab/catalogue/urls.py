from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("katalog/", views.entry_list, name="entry-list"),
    path("katalog/feed.json", views.catalogue_feed, name="feed"),
    path("katalog/udkast/", views.draft_list, name="draft-list"),
    path("katalog/abonnementer/", views.subscription_list, name="subscription-list"),
    path(
        "katalog/abonnementer/<int:pk>/hent/",
        views.subscription_fetch,
        name="subscription-fetch",
    ),
    path(
        "katalog/abonnementer/<int:pk>/aktiv/",
        views.subscription_toggle,
        name="subscription-toggle",
    ),
    path("katalog/ekstern/<int:pk>/", views.external_detail, name="external-detail"),
    path("katalog/ekstern/<int:pk>/proev/", views.external_try, name="external-try"),
    path("katalog/materialer/<int:pk>/", views.material_download, name="material-download"),
    path("katalog/materialer/<int:pk>/slet/", views.material_delete, name="material-delete"),
    path("katalog/<slug:slug>.json", views.entry_json, name="entry-json"),
    path("katalog/<slug:slug>/", views.entry_detail, name="entry-detail"),
    path("katalog/<slug:slug>/udgiv/", views.entry_publish, name="entry-publish"),
    path("katalog/<slug:slug>/tilbagetraek/", views.entry_unpublish, name="entry-unpublish"),
    path("opgaver/<int:pk>/katalog/", views.entry_edit, name="entry-edit"),
]
