from django.urls import path

from closer.accounts import views

app_name = "accounts"
urlpatterns = [path("settings/", views.settings_view, name="settings")]
