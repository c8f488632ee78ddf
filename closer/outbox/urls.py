from django.urls import path

from closer.outbox import template_views, views

app_name = "outbox"

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("notes/<int:pk>/", views.note, name="note"),
    path("notes/<int:pk>/save/", views.note_save, name="note_save"),
    path("notes/<int:pk>/send/", views.note_send, name="note_send"),
    path("notes/<int:pk>/sent/", views.note_sent, name="note_sent"),
    path("notes/<int:pk>/resend/", views.note_resend, name="note_resend"),
    path("notes/<int:pk>/retry/", views.note_retry, name="note_retry"),
    path("notes/<int:pk>/discard/", views.note_discard, name="note_discard"),
    path("notes/<int:pk>/eml/", views.note_eml, name="note_eml"),
    path("notes/wording/", template_views.template_list, name="template_list"),
    path(
        "notes/wording/<str:kind>/<str:tone>/",
        template_views.template_edit,
        name="template_edit",
    ),
]
