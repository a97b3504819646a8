"""Under /exchange/import/article/: the teacher's article importer."""

from django.urls import path

from quizapp.exchange import article_views

urlpatterns = [
    path("", article_views.article_upload, name="article_upload"),
    path("<int:pk>/", article_views.article_review, name="article_review"),
]
