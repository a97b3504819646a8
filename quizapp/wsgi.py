"""WSGI entry point, as gunicorn loads it: quizapp.wsgi:application."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the models) lives as long as the process, so
# the garbage collector need not walk it again on every full collection: on a grade, the
# collector's share fell from 0.20 to 0.06 ms (docs/performance.md).
gc.freeze()
