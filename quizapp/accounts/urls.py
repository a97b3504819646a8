from django.urls import include, path

from quizapp.accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    # login, logout, password change and reset (by email; the console in development)
    path("", include("django.contrib.auth.urls")),
]
