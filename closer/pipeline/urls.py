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
    path("opportunities/<int:pk>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/company/", views.company_rename, name="company_rename"),
    path("opportunities/<int:pk>/merge/", views.opportunity_merge, name="opportunity_merge"),
    path("opportunities/<int:pk>/delete/", views.opportunity_delete, name="opportunity_delete"),
    path("interviews/<int:pk>/edit/", views.interview_edit, name="interview_edit"),
    path("interviews/<int:pk>/cancel/", views.interview_cancel, name="interview_cancel"),
    path("interviews/<int:pk>/delete/", views.interview_delete, name="interview_delete"),
    path("referrals/<int:pk>/edit/", views.referral_edit, name="referral_edit"),
    path("referrals/<int:pk>/delete/", views.referral_delete, name="referral_delete"),
    path("changes/", views.change_list, name="change_list"),
    path("changes/<int:pk>/undo/", views.change_undo, name="change_undo"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/merge/", views.contact_merge, name="contact_merge"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="contact_delete"),
    path("contacts/<int:pk>/touch/", views.contact_log, name="contact_log"),
    path("settings/", views.settings_page, name="settings"),
]
