from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "quizapp.library"
    label = "library"
    verbose_name = "Library"
