from django.contrib import admin
from django.urls import include, path

from quizapp.health import healthz
from quizapp.library import views as library_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("quizapp.accounts.urls")),
    path("bank/", include("quizapp.bank.urls")),
    path("study/", include("quizapp.study.urls")),
    path("classes/", include("quizapp.classroom.urls")),
    path("quizzes/", include("quizapp.quizzes.urls")),
    path("exchange/", include("quizapp.exchange.urls")),
    path("", library_views.home, name="home"),
    path("", include("quizapp.library.urls")),
]
