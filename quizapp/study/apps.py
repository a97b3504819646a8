from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "quizapp.study"
    label = "study"
    verbose_name = "Studying"
