from django.urls import path

from quizapp.quizzes import building_views, results_views, taking_views

app_name = "quizzes"

urlpatterns = [
    path("", building_views.quiz_list, name="list"),
    path("new/", building_views.quiz_new, name="new"),
    path("<int:pk>/", building_views.quiz_detail, name="detail"),
    path("<int:pk>/edit/", building_views.quiz_edit, name="edit"),
    path("<int:pk>/settings/", building_views.quiz_settings, name="settings"),
    path("<int:pk>/assign/", building_views.quiz_assign, name="assign"),
    path("<int:pk>/search/", building_views.item_search, name="search"),
    path("<int:pk>/questions/add/", building_views.question_add, name="add"),
    path(
        "<int:pk>/questions/<int:question_pk>/<str:action>/",
        building_views.question_change,
        name="change",
    ),
    path("<int:pk>/results/", results_views.quiz_results, name="results"),
    path("<int:pk>/results.csv", results_views.results_csv, name="results_csv"),
    path(
        "<int:pk>/attempts/<int:attempt_pk>/", results_views.attempt_detail, name="attempt_detail"
    ),
    path("<int:pk>/print/", results_views.quiz_print, name="print"),
    path("<int:pk>/take/", taking_views.quiz_take, name="take"),
    path("<int:pk>/start/", taking_views.attempt_begin, name="begin"),
    path("shared/<str:token>/", taking_views.quiz_shared, name="shared"),
    path("attempts/<int:pk>/", taking_views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/review/", taking_views.attempt_review, name="review"),
    path("attempts/<int:pk>/submit/", taking_views.attempt_finish, name="finish"),
    path(
        "attempts/<int:pk>/questions/<int:question_pk>/",
        taking_views.answer_save,
        name="answer",
    ),
]
