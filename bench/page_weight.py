"""Page weight of studying: the first load of the study page, and one htmx swap.

Logs a student in with the demo content (fresh SQLite file, generate --approve) through
the Django test client, fetches the study page and every stylesheet and script it references,
then one reveal and one grade as htmx sends them. Each body is gzipped at level 9, as
WhiteNoise precompresses static files, and the sizes are printed as `name: value unit` lines.
Run: .venv/bin/python bench/page_weight.py
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ASSET_RE = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')
CARD_RE = re.compile(r'id="card-(\d+)-heading"')
SHOWN_RE = re.compile(r'name="shown_at" value="(\d+)"')
HTMX = {"HTTP_HX_REQUEST": "true"}


def compressed_kb(body: bytes) -> float:
    return len(gzip.compress(body, compresslevel=9)) / 1024


def setup():
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'weight.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quizapp.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("loadcontent", verbosity=0, stdout=quiet)
    call_command("generate", approve=True, verbosity=0, stdout=quiet)
    # The per-request JSON log lines would be mixed into the figures.
    logging.getLogger("quizapp.requests").disabled = True
    client = Client()
    client.force_login(get_user_model().objects.create_user("weight", password="weight-pass-1"))
    return client


def asset_body(url: str) -> bytes:
    """The file behind a /static/ URL, found as the staticfiles app finds it."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = finders.find(url.split("?")[0].removeprefix("/" + settings.STATIC_URL.lstrip("/")))
    if path is None:
        raise SystemExit(f"static file not found: {url}")
    return Path(path).read_bytes()


def main() -> None:
    client = setup()
    page = client.get("/study/session/?deck=all")
    assert page.status_code == 200, page.status_code
    html = page.content
    total = compressed_kb(html)
    print(f"study_html_compressed: {total:.1f} KB")
    for url in ASSET_RE.findall(html.decode()):
        size = compressed_kb(asset_body(url))
        print(f"  asset {url}: {size:.1f} KB")
        total += size
    print(f"study_first_load_compressed: {total:.1f} KB")

    text = html.decode()
    card, shown_at = CARD_RE.search(text).group(1), SHOWN_RE.search(text).group(1)
    reveal = client.get(
        "/study/session/", {"deck": "all", "show": card, "shown_at": shown_at}, **HTMX
    )
    assert reveal.status_code == 200 and b"grade-form" in reveal.content, reveal.status_code
    grade = client.post(
        "/study/review/",
        {"card": card, "version": 0, "rating": 3, "deck": "all", "shown_at": shown_at},
        **HTMX,
    )
    assert grade.status_code == 200 and b"Graded Good" in grade.content, grade.status_code
    assert b"<html" not in reveal.content and b"<html" not in grade.content, "not a fragment"
    reveal_kb, grade_kb = compressed_kb(reveal.content), compressed_kb(grade.content)
    print(f"study_reveal_swap_compressed: {reveal_kb:.2f} KB")
    print(f"study_grade_swap_compressed: {grade_kb:.2f} KB")
    print(f"study_swap_compressed: {max(reveal_kb, grade_kb):.2f} KB")


if __name__ == "__main__":
    main()
