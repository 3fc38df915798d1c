from django.urls import path

from . import views

app_name = "house"
urlpatterns = [
    path("innovationshus/", views.house, name="house"),
    path("innovationshus/uge/", views.house_week, name="house-week"),
    path("innovationshus/kalender.ics", views.house_feed, name="house-feed"),
    path("innovationshus/kalender/<str:key>.ics", views.private_feed, name="private-feed"),
    path("innovationshus/kalender/nyt-link/", views.feed_token_renew, name="feed-token-renew"),
    path("innovationshus/kalender/luk-link/", views.feed_token_revoke, name="feed-token-revoke"),
    path("innovationshus/book/", views.booking_create, name="booking-create"),
    path("innovationshus/mine-bookinger/", views.my_bookings, name="my-bookings"),
    path("innovationshus/bookinger/<int:pk>/", views.booking_detail, name="booking-detail"),
    path("innovationshus/bookinger/<int:pk>/aflys/", views.booking_cancel, name="booking-cancel"),
    path("innovationshus/ivaerksaettere/", views.residency_list, name="residency-list"),
    path("innovationshus/ivaerksaettere/ny/", views.residency_create, name="residency-create"),
    path(
        "innovationshus/ivaerksaettere/<int:pk>/rediger/",
        views.residency_edit,
        name="residency-edit",
    ),
    path("innovationshus/ressourcer/ny/", views.resource_create, name="resource-create"),
    path("innovationshus/<int:pk>/rediger/", views.resource_edit, name="resource-edit"),
    path("innovationshus/<int:pk>/", views.resource_week, name="resource-week"),
    path("innovationshus/<int:pk>/kalender.ics", views.resource_feed, name="resource-feed"),
]
