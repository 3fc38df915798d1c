from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifikationer/", views.notification_settings, name="settings"),
]
