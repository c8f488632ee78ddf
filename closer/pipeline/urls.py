from django.urls import path

from closer.pipeline import views

app_name = "pipeline"

urlpatterns = [
    path("", views.today, name="today"),
    path("opportunities/", views.opportunity_list, name="opportunity_list"),
    path("opportunities/new/", views.opportunity_new, name="opportunity_new"),
    path("opportunities/<int:pk>/", views.opportunity_detail, name="opportunity_detail"),
    path("opportunities/<int:pk>/interviews/new/", views.interview_new, name="interview_new"),
    path("opportunities/<int:pk>/answer/", views.answer_record, name="answer_record"),
    path("opportunities/<int:pk>/card/", views.card, name="card"),
    path("interviews/<int:pk>/close/", views.close_log, name="close_log"),
    path("interviews/<int:pk>/timing/", views.timing_reading, name="timing_reading"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("actions/<int:pk>/skip/", views.action_skip, name="action_skip"),
    path("actions/<int:pk>/snooze/", views.action_snooze, name="action_snooze"),
    path("opportunities/<int:pk>/move/", views.opportunity_move, name="opportunity_move"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/<int:pk>/touch/", views.contact_log, name="contact_log"),
    path("settings/", views.settings_page, name="settings"),
]
