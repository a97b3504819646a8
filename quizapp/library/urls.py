from django.urls import path

from quizapp.library import views

app_name = "library"

urlpatterns = [
    path("sources/", views.source_list, name="sources"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("concepts/", views.concept_list, name="concepts"),
    path("concepts/<slug:slug>/", views.concept_detail, name="concept"),
    path("search/", views.search, name="search"),
]
