from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("opgaver/<int:pk>/team/", views.team_detail, name="team-detail"),
    path("opgaver/<int:pk>/team/sammensaet/", views.team_compose, name="team-compose"),
    path("opgaver/<int:pk>/team/tilfoej/", views.team_add, name="team-add"),
    path("opgaver/<int:pk>/team/behov/", views.need_add, name="need-add"),
    path("opgaver/<int:pk>/team/behov/<int:need_pk>/slet/", views.need_remove, name="need-remove"),
    path(
        "opgaver/<int:pk>/team/<int:membership_pk>/afslut/",
        views.membership_end,
        name="membership-end",
    ),
    path("personer/<int:pk>/forloeb/", views.journey, name="journey"),
    path("personer/<int:pk>/forloeb/laering/", views.learning_add, name="learning-add"),
    path("personer/over-100-procent/", views.over_allocated, name="over-allocated"),
    path("organisation/<int:pk>/hold/", views.unit_teams, name="unit-teams"),
    path("kompetencer/varmekort/", views.heatmap, name="heatmap"),
    path("innovationsenheden/kapacitet/", views.capacity, name="capacity"),
    path("innovationsenheden/kapacitet/<int:pk>/", views.capacity_edit, name="capacity-edit"),
]
