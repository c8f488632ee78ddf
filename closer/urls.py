from django.urls import include, path

urlpatterns = [
    path("", include("closer.accounts.urls")),
    path("", include("closer.pipeline.urls")),
    path("", include("closer.outbox.urls")),
    path("", include("closer.reminders.urls")),
    path("", include("closer.coaching.urls")),
]

handler500 = "closer.web.views.server_error"
