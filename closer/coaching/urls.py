from django.urls import path

from closer.coaching import views

app_name = "coaching"
urlpatterns = [
    path("coaching/", views.coaching, name="coaching"),
    path("coaching/<int:pk>/revoke/", views.coaching_revoke, name="revoke"),
    path("coaching/accept/<str:token>/", views.accept, name="accept"),
    path("coach/", views.dashboard, name="dashboard"),
    path("coach/clients/<int:pk>/", views.client, name="client"),
    path("opportunities/<int:pk>/comments/", views.comment_add, name="comment_add"),
]
