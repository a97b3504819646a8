"""Under /exchange/: the article importer, list and GIFT imports, and export downloads."""

from django.urls import include, path

app_name = "exchange"

urlpatterns = [
    path("import/article/", include("quizapp.exchange.article_urls")),
    path("import/", include("quizapp.exchange.importing_urls")),
    path("export/", include("quizapp.exchange.exporting_urls")),
]
