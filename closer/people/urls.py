from django.urls import path

from closer.people import views

app_name = "people"

urlpatterns = [
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/<int:pk>/touch/", views.contact_log, name="contact_log"),
]
