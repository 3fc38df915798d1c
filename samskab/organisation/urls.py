from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("personer/", views.person_list, name="person-list"),
    path("personer/ny/", views.person_create, name="person-create"),
    path("personer/<int:pk>/", views.person_detail, name="person-detail"),
    path("personer/<int:pk>/rediger/", views.person_edit, name="person-edit"),
    path("profil/", views.profile, name="profile"),
    path("organisation/", views.orgunit_list, name="orgunit-list"),
    path("organisation/ny/", views.orgunit_create, name="orgunit-create"),
    path("organisation/<int:pk>/", views.orgunit_detail, name="orgunit-detail"),
    path("organisation/<int:pk>/rediger/", views.orgunit_edit, name="orgunit-edit"),
    path("kompetencer/", views.competency_list, name="competency-list"),
    path("kompetencer/ny/", views.competency_create, name="competency-create"),
    path("kompetencer/<int:pk>/rediger/", views.competency_edit, name="competency-edit"),
]
