from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("partnere/", views.organisation_list, name="organisation-list"),
    path("partnere/ny/", views.organisation_create, name="organisation-create"),
    path("partnere/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("partnere/<int:pk>/rediger/", views.organisation_edit, name="organisation-edit"),
    path("partnerskaber/", views.partnership_list, name="partnership-list"),
    path("partnerskaber/ny/", views.partnership_create, name="partnership-create"),
    path("partnerskaber/<int:pk>/", views.partnership_detail, name="partnership-detail"),
    path("partnerskaber/<int:pk>/rediger/", views.partnership_edit, name="partnership-edit"),
    path("partnerskaber/<int:pk>/afslut/", views.partnership_end, name="partnership-end"),
]
