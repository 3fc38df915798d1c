from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("arrangementer/", views.event_list, name="event-list"),
    path("arrangementer/nyt/", views.event_create, name="event-create"),
    path("arrangementer/tjek-din-mail/", views.signup_check_email, name="signup-check-email"),
    path("arrangementer/tilmelding/<str:token>/", views.signup_manage, name="signup-manage"),
    path("arrangementer/<int:pk>/", views.event_detail, name="event-detail"),
    path("arrangementer/<int:pk>/rediger/", views.event_edit, name="event-edit"),
    path("arrangementer/<int:pk>/offentliggoer/", views.event_publish, name="event-publish"),
    path("arrangementer/<int:pk>/aflys/", views.event_cancel, name="event-cancel"),
    path("arrangementer/<int:pk>/tilmeld/", views.signup_create, name="signup-create"),
    path("arrangementer/<int:pk>/afmeld/", views.signup_cancel, name="signup-cancel"),
    path("arrangementer/<int:pk>/deltagere/", views.participant_list, name="participant-list"),
]
