from django.urls import path

from . import views, views_programmes

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
    # Learning programmes
    path("kompetencer/forloeb/", views_programmes.programme_list, name="programme-list"),
    path("kompetencer/forloeb/ny/", views_programmes.programme_create, name="programme-create"),
    path(
        "kompetencer/forloeb/<int:pk>/", views_programmes.programme_detail, name="programme-detail"
    ),
    path(
        "kompetencer/forloeb/<int:pk>/rediger/",
        views_programmes.programme_edit,
        name="programme-edit",
    ),
    path(
        "kompetencer/forloeb/<int:pk>/kompetencer/",
        views_programmes.aim_add,
        name="programme-aim-add",
    ),
    path(
        "kompetencer/forloeb/<int:pk>/kompetencer/<int:aim_pk>/fjern/",
        views_programmes.aim_remove,
        name="programme-aim-remove",
    ),
    path(
        "kompetencer/forloeb/<int:pk>/moedegange/ny/",
        views_programmes.session_create,
        name="session-create",
    ),
    path(
        "kompetencer/forloeb/<int:pk>/deltagere/",
        views_programmes.participant_add,
        name="participant-add",
    ),
    path(
        "kompetencer/forloeb/<int:pk>/deltag/",
        views_programmes.programme_join,
        name="programme-join",
    ),
    path(
        "kompetencer/moedegange/<int:pk>/rediger/",
        views_programmes.session_edit,
        name="session-edit",
    ),
    path(
        "kompetencer/moedegange/<int:pk>/fremmoede/",
        views_programmes.attendance,
        name="session-attendance",
    ),
    path(
        "kompetencer/deltagelse/<int:pk>/accepter/",
        views_programmes.participation_accept,
        name="participation-accept",
    ),
    path(
        "kompetencer/deltagelse/<int:pk>/gennemfoert/",
        views_programmes.participation_complete,
        name="participation-complete",
    ),
    path(
        "kompetencer/deltagelse/<int:pk>/frafald/",
        views_programmes.participation_drop,
        name="participation-drop",
    ),
]
