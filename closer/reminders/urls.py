from django.urls import path

from closer.reminders import views

app_name = "reminders"

urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/feed/new/", views.feed_rotate, name="feed_rotate"),
    path("calendar/feed/options/", views.feed_options, name="feed_options"),
    path("calendar/feed/<str:token>.ics", views.feed, name="feed"),
    path("calendar/closer.ics", views.download, name="download"),
    path("calendar/import/", views.import_preview, name="import_preview"),
    path("calendar/import/confirm/", views.import_confirm, name="import_confirm"),
    path("reminders/", views.prefs, name="prefs"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
