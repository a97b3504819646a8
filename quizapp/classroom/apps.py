from django.apps import AppConfig


class ClassroomConfig(AppConfig):
    name = "quizapp.classroom"
    label = "classroom"
    verbose_name = "Classes"
