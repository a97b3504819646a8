from django.urls import path

from quizapp.classroom import views

app_name = "classroom"

urlpatterns = [
    path("", views.classes, name="classes"),
    path("new/", views.classroom_create, name="create"),
    path("<int:pk>/", views.classroom_detail, name="detail"),
    path(
        "<int:pk>/members/<int:membership_pk>/remove/",
        views.membership_remove,
        name="remove_member",
    ),
    path("join/", views.join_with_code, name="join"),
    path("join/<str:code>/", views.join_link, name="join_link"),
]
