from django.urls import path

from quizapp.bank import views

app_name = "bank"

urlpatterns = [
    path("", views.bank_list, name="list"),
    path("regeneration/", views.regeneration_latest, name="regeneration"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/status/", views.item_status, name="status"),
]
