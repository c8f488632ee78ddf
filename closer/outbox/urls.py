from django.urls import path

from closer.outbox import template_views, views

app_name = "outbox"

# A note belongs to its action, so its pages hang off the action's address.
urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("actions/<int:pk>/note/", views.note, name="note"),
    path("actions/<int:pk>/note/save/", views.note_save, name="note_save"),
    path("actions/<int:pk>/note/send/", views.note_send, name="note_send"),
    path("actions/<int:pk>/note/sent/", views.note_sent, name="note_sent"),
    path("actions/<int:pk>/note/resend/", views.note_resend, name="note_resend"),
    path("actions/<int:pk>/note/retry/", views.note_retry, name="note_retry"),
    path("actions/<int:pk>/note/discard/", views.note_discard, name="note_discard"),
    path("actions/<int:pk>/note/eml/", views.note_eml, name="note_eml"),
    path("actions/<int:pk>/note/sign-off/", views.note_sign_off, name="note_sign_off"),
    path("actions/<int:pk>/note-links/", views.note_links, name="note_links"),
    path("notes/wording/", template_views.template_list, name="template_list"),
    path(
        "notes/wording/<str:kind>/<str:tone>/",
        template_views.template_edit,
        name="template_edit",
    ),
]
