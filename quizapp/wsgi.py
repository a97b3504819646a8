"""WSGI entry point, as gunicorn loads it: quizapp.wsgi:application."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings")
application = get_wsgi_application()
