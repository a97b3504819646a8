"""An open attempt's deadline follows the quiz's current close date and time limit (issue 19).

Before, the deadline was fixed when the attempt started: one started before a close date
was set ran past it while others already saw the answers, and moving the close date later
still submitted it automatically at the old one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizapp.quizzes.models import Attempt, Response
from tests.quizzes.teacher_settings import change_settings


@pytest.fixture
def start(client, student, quiz_factory, assigned):
    client.force_login(student)

    def begin(**settings) -> Attempt:
        quiz = assigned(quiz_factory(kinds=("qa",), attempts_allowed=2, **settings))
        client.post(reverse("quizzes:begin", args=[quiz.pk]))
        return Attempt.objects.get(quiz=quiz, submitted_at__isnull=True)

    return begin


def seconds_left(client, attempt) -> int | None:
    return client.get(attempt.get_absolute_url()).context["seconds_left"]


def test_a_close_date_set_after_the_start_ends_the_open_attempt(client, start):
    attempt = start()
    assert seconds_left(client, attempt) is None
    closed = timezone.now().replace(second=0, microsecond=0)
    change_settings(attempt.quiz, closes_at=closed)
    question = attempt.quiz.questions.get()
    late = client.post(
        reverse("quizzes:answer", args=[attempt.pk, question.pk]),
        {"text": question.item.answer},
        HTTP_HX_REQUEST="true",
    )
    assert late.headers["HX-Redirect"] == attempt.get_absolute_url()
    attempt.refresh_from_db()
    assert attempt.submitted_automatically and attempt.submitted_at == closed
    assert Response.objects.get(attempt=attempt).answer is None


def test_moving_the_close_date_later_gives_the_open_attempt_the_time(client, start):
    attempt = start(closes_at=timezone.now() + dt.timedelta(hours=1))
    assert seconds_left(client, attempt) <= 3600
    change_settings(attempt.quiz, closes_at=timezone.now() + dt.timedelta(hours=3))
    assert seconds_left(client, attempt) > 2 * 3600


def test_a_longer_time_limit_reaches_the_open_attempt(client, start):
    attempt = start(time_limit_minutes=10)
    assert seconds_left(client, attempt) <= 600
    change_settings(attempt.quiz, time_limit_minutes=30)
    assert 1700 < seconds_left(client, attempt) <= 1800


def test_an_attempt_past_the_new_time_limit_is_submitted_when_next_opened(client, start):
    attempt = start(time_limit_minutes=30)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=20)
    )
    change_settings(attempt.quiz, time_limit_minutes=15)
    page = client.get(attempt.get_absolute_url())
    assert page.templates[0].name == "quizzes/result.html"
    attempt.refresh_from_db()
    assert attempt.submitted_automatically
    assert attempt.submitted_at == attempt.started_at + dt.timedelta(minutes=15)
