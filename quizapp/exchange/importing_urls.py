"""Under /exchange/import/: term lists and Moodle GIFT files."""

from django.urls import path

from quizapp.exchange import import_views

urlpatterns = [
    path("", import_views.import_file, name="import"),
]
