"""Grading through the HTTP API schedules cards as fsrs does, within daily limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from quizapp.study.models import Card, Review, StudySettings

pytestmark = pytest.mark.django_db


def current_card(client, deck="all") -> Card | None:
    html = client.get("/study/session/", {"deck": deck}).content.decode()
    match = re.search(r'name="show" value="(\d+)"', html)
    return Card.objects.get(pk=match.group(1)) if match else None


def grade(client, card: Card, rating: int, version: int | None = None, **extra):
    data = {
        "card": card.pk,
        "version": card.reps if version is None else version,
        "rating": rating,
        "deck": "all",
        "shown_at": 0,
        **extra,
    }
    return client.post("/study/review/", data, **extra.pop("kwargs", {}))


def test_good_on_a_new_card_is_due_in_ten_minutes(student_client):
    card = current_card(student_client)
    before = timezone.now()
    grade(student_client, card, 3)
    card.refresh_from_db()
    assert card.state == Card.State.LEARNING
    assert dt.timedelta(minutes=9) < card.due - before < dt.timedelta(minutes=11)
    review = Review.objects.get(card=card)
    assert review.rating == 3 and review.state_before == Card.State.NEW
    assert review.state_after == Card.State.LEARNING


def test_again_on_a_new_card_is_due_in_one_minute(student_client):
    card = current_card(student_client)
    before = timezone.now()
    grade(student_client, card, 1)
    card.refresh_from_db()
    assert dt.timedelta(seconds=50) < card.due - before < dt.timedelta(seconds=70)


def test_easy_on_a_new_card_graduates_it_to_review_days_away(student_client):
    card = current_card(student_client)
    grade(student_client, card, 4)
    card.refresh_from_db()
    assert card.state == Card.State.REVIEW
    assert card.due - timezone.now() > dt.timedelta(days=1)


def test_again_on_a_review_card_sends_it_to_relearning(student_client):
    card = current_card(student_client)
    grade(student_client, card, 4)  # straight to review
    card.refresh_from_db()
    Card.objects.filter(pk=card.pk).update(due=timezone.now() - dt.timedelta(minutes=1))
    card.refresh_from_db()
    assert current_card(student_client).pk == card.pk
    grade(student_client, card, 1)
    card.refresh_from_db()
    assert card.state == Card.State.RELEARNING
    assert card.lapses == 1
    assert dt.timedelta(minutes=9) < card.due - timezone.now() < dt.timedelta(minutes=11)


def test_learning_cards_come_back_when_due_before_new_ones(student_client):
    first = current_card(student_client)
    grade(student_client, first, 1)
    Card.objects.filter(pk=first.pk).update(due=timezone.now() - dt.timedelta(seconds=1))
    assert current_card(student_client).pk == first.pk


def test_grade_buttons_show_the_interval_each_leads_to(student_client):
    card = current_card(student_client)
    html = student_client.get(
        "/study/session/", {"deck": "all", "show": card.pk, "shown_at": 0}
    ).content.decode()
    intervals = re.findall(r'class="interval">([^<]+)<', html)
    assert intervals[0] == "1m" and intervals[2] == "10m"
    assert re.fullmatch(r"\d+d", intervals[3])


def test_new_cards_per_day_limit_is_respected(student_client, student):
    StudySettings.objects.create(user=student, new_per_day=3)
    for _ in range(3):
        grade(student_client, current_card(student_client), 4)
    html = student_client.get("/study/session/", {"deck": "all"}).content.decode()
    assert "Done for now" in html
    assert "3 done (all decks), 0 new and 0 due left here" in html


def test_review_limit_holds_back_due_reviews_but_not_learning_cards(student_client, student):
    StudySettings.objects.create(user=student, reviews_per_day=1, new_per_day=10)
    a = current_card(student_client)
    grade(student_client, a, 4)
    b = current_card(student_client)
    grade(student_client, b, 4)
    past = timezone.now() - dt.timedelta(minutes=1)
    Card.objects.filter(pk__in=[a.pk, b.pk]).update(due=past)
    a.refresh_from_db()
    grade(student_client, a, 3)  # the one review allowed today
    Card.objects.filter(pk=a.pk).update(due=past)
    shown = current_card(student_client)
    assert shown.state == Card.State.NEW  # b's review waits for tomorrow; new cards still come
    # a learning card that comes due is shown although no review is left today
    learning = current_card(student_client)
    grade(student_client, learning, 1)
    Card.objects.filter(pk=learning.pk).update(due=past)
    assert current_card(student_client).pk == learning.pk


def test_day_boundary_follows_the_users_time_zone(student, bank):
    settings = StudySettings.objects.create(
        user=student, time_zone="Asia/Ho_Chi_Minh", day_starts_at=4
    )
    # 20:30 UTC is 03:30 in Hanoi: still the previous study day there.
    now = dt.datetime(2026, 3, 10, 20, 30, tzinfo=dt.UTC)
    start = settings.day_start(now)
    assert start.isoformat() == "2026-03-10T04:00:00+07:00"
    # 21:00 UTC is 04:00 in Hanoi: a new study day begins.
    later = dt.datetime(2026, 3, 10, 21, 0, tzinfo=dt.UTC)
    assert settings.day_start(later).isoformat() == "2026-03-11T04:00:00+07:00"


def test_reviews_before_the_local_day_start_do_not_count_against_today(student_client, student):
    StudySettings.objects.create(user=student, new_per_day=2, time_zone="America/New_York")
    card = current_card(student_client)
    grade(student_client, card, 4)
    settings = StudySettings.objects.get(user=student)
    yesterday = settings.day_start(timezone.now()) - dt.timedelta(minutes=5)
    Review.objects.filter(card=card).update(reviewed_at=yesterday)
    html = student_client.get("/study/session/", {"deck": "all"}).content.decode()
    assert "0 done (all decks), 2 new" in html
