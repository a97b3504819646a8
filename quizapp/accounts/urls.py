from django.urls import include, path

from quizapp.accounts import views

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("me/", views.account, name="account"),
    path("me/data.json", views.data_download, name="account_data"),
    path("me/delete/", views.delete_account, name="account_delete"),
    # Before Django's own, which they replace.
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    # login, logout, password change and reset (by email; the console in development)
    path("", include("django.contrib.auth.urls")),
]
