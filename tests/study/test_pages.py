"""Deck list, statistics, settings, accounts; and a constant number of queries per review."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.seed import seed_items, seed_review_cards
from quizapp.bank.models import Item
from quizapp.study.models import Card, Review, StudySettings
from tests.study.test_scheduling import current_card, grade

pytestmark = pytest.mark.django_db


def test_study_home_lists_decks_with_counts(student_client):
    html = student_client.get("/study/").content.decode()
    assert 'href="/study/session/?deck=all"' in html
    assert 'href="/study/session/?deck=source:alpha"' in html


def test_a_concept_deck_only_shows_that_concepts_cards(student_client):
    for _ in range(3):
        card = current_card(student_client, deck="concept:test-committee")
        assert card.item.concepts.filter(slug="test-committee").exists()
        grade(student_client, card, 4)


def test_statistics_show_reviews_forecast_retention_states_and_mastery(student_client, student):
    for _ in range(4):
        grade(student_client, current_card(student_client), 4)
    card = Card.objects.filter(user=student).first()
    Card.objects.filter(pk=card.pk).update(due=timezone.now() - dt.timedelta(minutes=1))
    card.refresh_from_db()
    grade(student_client, card, 1)  # a lapse: retention below 100%
    html = student_client.get("/study/stats/").content.decode()
    assert "5</span> reviews in 1 days" in html
    assert re.search(r"(\d+\.\d)%</span> true retention", html).group(1) == "0.0"
    assert 'class="heat-4"' in html  # today is the busiest day
    assert 'Review <span class="count">3</span>' in html
    assert 'Relearning <span class="count">1</span>' in html
    studied = {
        c.slug for card in Card.objects.filter(user=student) for c in card.item.concepts.all()
    }
    mastery = html.split('id="mastery-heading"')[1]
    assert {s for s in studied if f'href="/concepts/{s}/"' in mastery} == studied


def test_settings_are_saved_and_out_of_range_retention_is_refused(student_client, student):
    response = student_client.post(
        "/study/settings/",
        {
            "desired_retention": "0.99",
            "new_per_day": 5,
            "reviews_per_day": 50,
            "time_zone": "Asia/Ho_Chi_Minh",
            "day_starts_at": 4,
        },
    )
    assert response.status_code == 400
    assert not StudySettings.objects.filter(user=student, desired_retention=0.99).exists()
    response = student_client.post(
        "/study/settings/",
        {
            "desired_retention": "0.85",
            "new_per_day": 5,
            "reviews_per_day": 50,
            "time_zone": "Asia/Ho_Chi_Minh",
            "day_starts_at": 4,
        },
    )
    assert response.status_code == 302
    settings = StudySettings.objects.get(user=student)
    assert (settings.desired_retention, settings.new_per_day, settings.time_zone) == (
        0.85,
        5,
        "Asia/Ho_Chi_Minh",
    )


def test_sign_up_creates_a_student_and_logs_in(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newbie",
            "email": "n@example.com",
            "password1": "a-Long-pass-2024",
            "password2": "a-Long-pass-2024",
        },
    )
    assert response.status_code == 302
    assert client.get("/study/").status_code == 200


def test_password_reset_sends_a_link_by_email(client, student):
    student.email = "stu@example.com"
    student.save()
    response = client.post("/accounts/password_reset/", {"email": "stu@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_login_page_and_logout(client, student):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "stu", "password": "pw-student-1"})
    assert response.status_code == 302
    assert client.post("/accounts/logout/").status_code == 302


def _bulk_cards(user, count: int) -> None:
    """``count`` approved items and a due review card for each."""
    template = Item.objects.get(key="qa:alpha-drafter")
    seed_items(count, template.passage_id, template.start, template.end)
    seed_review_cards(user.pk, "bulk", timezone.now() - dt.timedelta(hours=1))
    assert Card.objects.filter(user=user, item__key__startswith="bulk:").count() == count


def _queries_for_one_review(client, user) -> int:
    card = current_card(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/study/review/",
            {"card": card.pk, "version": card.reps, "rating": 3, "deck": "all", "shown_at": 0},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [100, 100_000])
def test_queries_per_review_do_not_grow_with_the_collection(student_client, student, size):
    _bulk_cards(student, size)
    Review.objects.all().delete()
    first = _queries_for_one_review(student_client, student)
    second = _queries_for_one_review(student_client, student)
    assert first == second
    # the same fixed number at 100 and at 100,000 cards
    assert first == QUERIES_PER_REVIEW


# Session, user; the card with the learner's settings; insert the review and update the card
# (in one transaction, a savepoint inside the test's own); the queue's one statement, which
# loads the next card too.
QUERIES_PER_REVIEW = 8
