"""Under /exchange/export/: one download per format, the deck in the query string."""

from django.urls import path

from quizapp.exchange import export_views

urlpatterns = [
    path("<slug:fmt>/", export_views.download, name="export"),
]
