"""The teacher changes a quiz's settings through its settings form, as on the edit page."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone


def _field(value) -> str:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, bool):
        return "on" if value else ""
    return "" if value is None else str(value)


def change_settings(quiz, **changes):
    """Post the quiz's settings form as its owner, with ``changes`` made; the response."""
    fields = ("title", "description", "mode", "layout", "time_limit_minutes", "attempts_allowed")
    fields += ("shuffle_questions", "shuffle_options", "opens_at", "closes_at", "show_answers")
    data = {name: _field(changes.get(name, getattr(quiz, name))) for name in fields}
    teacher = Client()
    teacher.force_login(quiz.owner)
    response = teacher.post(reverse("quizzes:settings", args=[quiz.pk]), data)
    assert response.status_code in (200, 302), response.content
    quiz.refresh_from_db()
    return response
