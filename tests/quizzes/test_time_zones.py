"""Quiz times are entered and shown in the teacher's and the student's own time zone, and
say which (issue 19). Before, both were UTC without a label: a teacher in Hanoi who typed
17:00 closed the quiz at midnight their time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizapp.study.models import StudySettings

HANOI, NEW_YORK = "Asia/Ho_Chi_Minh", "America/New_York"  # UTC+7; UTC-5 in December
CLOSES = dt.datetime(2030, 12, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def teacher_client(teacher, quiz_factory):
    StudySettings.objects.create(user=teacher, time_zone=HANOI)
    client = Client()
    client.force_login(teacher)
    return client


def settings_data(**changes) -> dict:
    data = {"title": "Zoned", "mode": "exam", "layout": "one", "attempts_allowed": "1"}
    return data | {"show_answers": "submit", "shuffle_options": "on"} | changes


def test_a_teacher_enters_the_close_date_in_their_own_zone(teacher_client, quiz_factory):
    quiz = quiz_factory()
    data = settings_data(closes_at="2030-12-10T17:00")
    teacher_client.post(reverse("quizzes:settings", args=[quiz.pk]), data)
    quiz.refresh_from_db()
    assert quiz.closes_at == CLOSES
    page = teacher_client.get(reverse("quizzes:edit", args=[quiz.pk])).content.decode()
    assert f"Closes at ({HANOI})" in page
    assert 'value="2030-12-10T17:00"' in page


def test_a_due_date_is_entered_in_the_teachers_zone(teacher_client, quiz_factory, classroom):
    quiz = quiz_factory()
    data = {"classroom": classroom.pk, "due_at": "2030-12-10T17:00"}
    teacher_client.post(reverse("quizzes:assign", args=[quiz.pk]), data)
    assert quiz.assignments.get().due_at == CLOSES
    page = teacher_client.get(quiz.get_absolute_url()).content.decode()
    assert f"Due ({HANOI})" in page and f"10 Dec 2030, 17:00 {HANOI}" in page


def test_a_student_sees_quiz_times_in_their_own_zone(client, student, quiz_factory, assigned):
    StudySettings.objects.create(user=student, time_zone=NEW_YORK)
    client.force_login(student)
    opens = timezone.now() + dt.timedelta(days=1)
    quiz = assigned(quiz_factory(opens_at=opens, closes_at=CLOSES))
    page = client.get(reverse("quizzes:take", args=[quiz.pk])).content.decode()
    assert f"10 Dec 2030, 05:00 {NEW_YORK}" in page
    refused = client.post(reverse("quizzes:begin", args=[quiz.pk]), follow=True)
    local = timezone.localtime(opens, timezone=dt.timezone(dt.timedelta(hours=-5)))
    assert f"This quiz opens on {local:%-d} " in refused.content.decode()
    assert f"{local:%H:%M} {NEW_YORK}." in refused.content.decode()


def test_changing_ones_zone_applies_from_the_next_page(client, student, quiz_factory, assigned):
    client.force_login(student)
    quiz = assigned(quiz_factory(closes_at=CLOSES))
    assert (
        "10 Dec 2030, 10:00 UTC"
        in client.get(reverse("quizzes:take", args=[quiz.pk])).content.decode()
    )
    form = {"desired_retention": "0.9", "new_per_day": "20", "reviews_per_day": "200"}
    saved = client.post(
        reverse("study:settings"), form | {"time_zone": HANOI, "day_starts_at": "4"}
    )
    assert saved.status_code == 302
    page = client.get(reverse("quizzes:take", args=[quiz.pk])).content.decode()
    assert f"10 Dec 2030, 17:00 {HANOI}" in page
