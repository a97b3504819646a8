from django.urls import path

from quizapp.study import views

app_name = "study"

urlpatterns = [
    path("", views.study_home, name="home"),
    path("session/", views.session, name="session"),
    path("review/", views.review, name="review"),
    path("undo/", views.undo, name="undo"),
    path("card/<int:pk>/suspend/", views.suspend, name="suspend"),
    path("card/<int:pk>/bury/", views.bury, name="bury"),
    path("stats/", views.stats, name="stats"),
    path("settings/", views.study_settings, name="settings"),
    path("settings/saved/", views.settings_saved, name="settings_saved"),
]
