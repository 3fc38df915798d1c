from django.urls import path

from . import views

app_name = "ideas"

urlpatterns = [
    path("ideer/", views.idea_list, name="idea-list"),
    path("ideer/ny/", views.idea_create, name="idea-create"),
    path("ideer/lignende/", views.idea_similar, name="idea-similar"),
    path("ideer/vaelg/", views.idea_picker, name="idea-picker"),
    path("ideer/tjek-din-email/", views.idea_check_email, name="idea-check-email"),
    path("ideer/bekraeft/<str:token>/", views.idea_confirm, name="idea-confirm"),
    path("ideer/<int:pk>/", views.idea_detail, name="idea-detail"),
    path("ideer/<int:pk>/stoet/", views.idea_support, name="idea-support"),
    path("ideer/<int:pk>/foelg/", views.idea_follow, name="idea-follow"),
    path("ideer/<int:pk>/kommentarer/", views.comment_create, name="comment-create"),
    path("ideer/<int:pk>/status/", views.idea_status, name="idea-status"),
    path("ideer/<int:pk>/saml/", views.idea_merge, name="idea-merge"),
    path("ideer/<int:pk>/moderer/", views.idea_moderate, name="idea-moderate"),
    path("ideer/<int:pk>/noter/", views.idea_note, name="idea-note"),
    path("bilag/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("kommentarer/<int:pk>/anmeld/", views.comment_report, name="comment-report"),
    path("kommentarer/<int:pk>/moderer/", views.comment_moderate, name="comment-moderate"),
    path("mine-ideer/", views.my_ideas, name="my-ideas"),
    path("mine-ideer/foelger/", views.followed_ideas, name="followed"),
    path("enheden/indbakke/", views.unit_inbox, name="unit-inbox"),
    path("udfordringer/", views.challenge_list, name="challenge-list"),
    path("udfordringer/ny/", views.challenge_create, name="challenge-create"),
    path("udfordringer/<int:pk>/", views.challenge_detail, name="challenge-detail"),
    path("udfordringer/<int:pk>/rediger/", views.challenge_edit, name="challenge-edit"),
]
