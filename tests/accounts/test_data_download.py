"""/accounts/me/data.json: everything about the user, as a JSON attachment, in a few queries."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizapp.accounts import data_export
from quizapp.accounts.data_export import PARTS, Part, available_parts
from quizapp.accounts.json_stream import dumps
from quizapp.study.models import Card, Review

pytestmark = pytest.mark.django_db

URL = reverse("account_data")


def download(client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="quizapp-data-')
    assert "no-store" in response["Cache-Control"]
    return json.loads(b"".join(response.streaming_content))


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_download_holds_profile_settings_cards_and_reviews(client, student, study_history):
    student.email = "stu@example.com"
    student.save()
    cards = study_history(student, graded=2, twice=True)
    client.force_login(student)
    data = download(client)

    assert data["format"] == "quizapp-user-data"
    assert data["profile"]["username"] == "stu"
    assert data["profile"]["email"] == "stu@example.com"
    assert data["profile"]["role"] == "student"
    assert data["profile"]["date_joined"].startswith(str(student.date_joined.date()))
    assert data["study"]["settings"]["desired_retention"] == 0.9

    assert len(data["study"]["cards"]) == len(cards) == Card.objects.filter(user=student).count()
    first = Card.objects.select_related("item").get(pk=cards[0].pk)
    exported = next(c for c in data["study"]["cards"] if c["item_key"] == first.item.key)
    assert exported["prompt"] == first.item.shown_prompt
    assert exported["state"] == first.get_state_display()
    assert exported["reps"] == first.reps == 2
    assert exported["lapses"] == first.lapses
    assert exported["stability"] == pytest.approx(first.stability)
    assert exported["difficulty"] == pytest.approx(first.difficulty)
    assert exported["due"] is not None

    reviews = data["study"]["reviews"]
    assert len(reviews) == 4 == Review.objects.filter(user=student).count()
    assert [r["rating"] for r in reviews if r["item_key"] == first.item.key] == ["Good", "Again"]
    good = next(r for r in reviews if r["rating"] == "Good")
    assert good["duration_ms"] == 4200
    assert good["state_before"] == "New"
    assert good["before"]["reps"] == 0 and good["after"]["reps"] == 1


def test_the_download_holds_nothing_of_other_users(client, student, teacher, study_history):
    study_history(teacher, graded=3)
    client.force_login(student)
    data = download(client)
    assert data["profile"]["username"] == "stu"
    assert data["study"] == {"settings": None, "cards": [], "reviews": []}


def test_a_teacher_is_exported_as_a_teacher(client, teacher):
    client.force_login(teacher)
    profile = download(client)["profile"]
    assert profile["role"] == "teacher"
    assert profile["groups"] == ["teachers"]


def _queries_for_download(client) -> int:
    # A session's first page also keeps the user's time zone in it (study/time_zone.py).
    client.get(reverse("account"))
    with CaptureQueriesContext(connection) as queries:
        download(client)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_history(
    client, student, teacher, study_history
):
    study_history(student, graded=1)
    client.force_login(student)
    few = _queries_for_download(client)
    many_cards = study_history(teacher, graded=10**6, twice=True)
    assert len(many_cards) > 5
    client.force_login(teacher)
    assert _queries_for_download(client) == few  # the same queries for many more rows
    assert few <= 12  # profile, study and quiz parts, plus the session and user


def test_every_registered_part_resolves_to_a_function():
    keys = [part.key for part, exporter in available_parts() if callable(exporter)]
    # Every app of a registered part is installed here, so none may be missing.
    assert keys == [part.key for part in PARTS] == ["profile", "study", "quizzes"]
    assert len(set(p.key for p in PARTS)) == len(PARTS)


def test_a_part_of_an_app_that_is_not_installed_is_left_out(monkeypatch, student):
    monkeypatch.setattr(
        data_export,
        "PARTS",
        [*PARTS, Part("gradebook", "no_such_app", "no.such.module.export")],
    )
    document = json.loads(dumps(data_export.user_data(student)))
    assert "gradebook" not in document
    assert document["profile"]["username"] == "stu"
