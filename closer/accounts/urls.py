from django.urls import path

from closer.accounts import auth_views, views

app_name = "accounts"
urlpatterns = [
    path("account/", auth_views.account, name="account"),
    path("account/export.json", views.export_json, name="export_json"),
    path("account/export-csv.zip", views.export_csv, name="export_csv"),
    path("account/delete/", auth_views.account_delete, name="account_delete"),
    path("sample/leave/", views.sample_leave, name="sample_leave"),
    path("sample/delete/", views.sample_delete, name="sample_delete"),
    path("account/email/", auth_views.email_change, name="email_change"),
    path(
        "account/email/confirm/<str:token>/",
        auth_views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", auth_views.signup, name="signup"),
    path("signup/confirm/<str:token>/", auth_views.signup_confirm, name="signup_confirm"),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
