"""Django for the benchmarks that drive the test client in process (queries.py, review.py).

Production settings (DEBUG off, so no query logging, as a deployed server runs) on a fresh
SQLite file, and each request's JSON log line still written (a server pays for that), into
the void.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(name: str) -> Path:
    """Point Django at a new SQLite file named ``name`` and set it up; the file's path."""
    db = Path(tempfile.mkdtemp()) / f"{name}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    for handler in logging.getLogger("quizapp.requests").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(open(os.devnull, "w"))  # noqa: SIM115 (open for the whole run)
    return db
