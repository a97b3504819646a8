from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "quizapp.exchange"
    label = "exchange"
    verbose_name = "Import and export"
