from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("profil/api-noegler/", views.token_create, name="token-create"),
    path("profil/api-noegler/<int:pk>/tilbagekald/", views.token_revoke, name="token-revoke"),
]
