"""The review path's hand-written reads load what the ORM loads; a racing grade records nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.study import services
from quizapp.study.decks import EVERYTHING
from quizapp.study.models import Card, Review, StudySettings
from quizapp.study.queue import StudyQueue
from quizapp.study.review_sql import card_for_display, card_for_grading
from quizapp.study.scheduler import snapshot
from tests.study.test_scheduling import current_card

pytestmark = pytest.mark.django_db

SHOWN = ("item", "item__passage", "item__passage__source")


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _card(user, item, **columns) -> Card:
    return Card.objects.create(user=user, item=item, due=timezone.now(), **columns)


def test_the_card_shown_is_loaded_exactly_as_select_related_loads_it(student, bank):
    item = Item.objects.for_flashcards().exclude(passage=None).first()
    Item.objects.filter(pk=item.pk).update(
        teacher_prompt="Who drafted it?", retired_at=timezone.now(), options=["a", "b"]
    )
    card = _card(
        student,
        item,
        state=Card.State.REVIEW,
        stability=3.25,
        difficulty=6.5,
        last_review=timezone.now() - dt.timedelta(days=3),
        buried_until=timezone.now() - dt.timedelta(hours=1),
        suspended=True,
        reps=4,
    )
    orm = Card.objects.select_related("item__passage__source").get(pk=card.pk)
    with CaptureQueriesContext(connection) as queries:
        fast = card_for_display(card.pk, student.pk)
        # Everything the card region shows is loaded by the one statement.
        assert fast.item.shown_prompt == "Who drafted it?"
        assert fast.item.span_text and fast.item.passage.source.title
    assert len(queries) == 1
    assert _fields(fast) == _fields(orm)
    assert _fields(fast.item) == _fields(orm.item)
    assert _fields(fast.item.passage) == _fields(orm.item.passage)
    assert _fields(fast.item.passage.source) == _fields(orm.item.passage.source)
    assert fast.last_review.tzinfo is not None and fast.item.options == ["a", "b"]
    assert fast.suspended is True and fast._state.adding is False


def test_a_card_whose_item_cites_no_passage_is_loaded_without_one(student, bank):
    item = Item.objects.for_flashcards().first()
    Item.objects.filter(pk=item.pk).update(passage=None, origin=Item.Origin.IMPORTED)
    card = _card(student, item)
    with CaptureQueriesContext(connection) as queries:
        fast = card_for_display(card.pk, student.pk)
        assert fast.item.passage is None and fast.item.get_source_url() == ""
    assert len(queries) == 1
    assert _fields(fast.item) == _fields(Item.objects.get(pk=item.pk))


def test_the_queue_loads_its_next_card_in_its_own_statement_within_the_limits(student, bank):
    item = Item.objects.for_flashcards().exclude(passage=None).first()
    now = timezone.now()
    card = Card.objects.create(
        user=student,
        item=item,
        state=Card.State.REVIEW,
        reps=1,
        stability=2.0,
        difficulty=5.0,
        due=now - dt.timedelta(hours=1),
        last_review=now - dt.timedelta(days=2),
    )
    settings = services.settings_for(student)
    with CaptureQueriesContext(connection) as queries:
        shown = StudyQueue(student, EVERYTHING, settings, now).next_card()
        assert shown.item.passage.source.title
    assert len(queries) == 1
    orm = Card.objects.select_related("item__passage__source").get(pk=card.pk)
    assert _fields(shown) == _fields(orm) and _fields(shown.item) == _fields(orm.item)
    assert _fields(shown.item.passage.source) == _fields(orm.item.passage.source)
    # With today's review limit used up, the due review is not shown.
    settings.reviews_per_day = 0
    assert StudyQueue(student, EVERYTHING, settings, now).next_card() is None


def test_the_card_to_grade_must_belong_to_the_user(student, django_user_model, bank):
    card = _card(student, Item.objects.for_flashcards().first(), reps=2)
    read, settings = card_for_grading(card.pk, student.pk)
    assert _fields(read) == _fields(Card.objects.get(pk=card.pk)) and settings is None
    stored = services.settings_for(student)
    assert _fields(card_for_grading(card.pk, student.pk)[1]) == _fields(stored)
    other = django_user_model.objects.create_user("other", password="pw-other-1")
    with pytest.raises(Card.DoesNotExist):
        card_for_grading(card.pk, other.pk)
    with pytest.raises(Card.DoesNotExist):
        card_for_display(card.pk, other.pk)
    with pytest.raises(Card.DoesNotExist):
        card_for_display(10**9, student.pk)


def test_settings_are_created_on_first_use_and_read_back_after(student, bank):
    assert not StudySettings.objects.filter(user=student).exists()
    created = services.settings_for(student)
    StudySettings.objects.filter(pk=created.pk).update(new_per_day=7, time_zone="Asia/Tokyo")
    read = services.settings_for(student)
    assert (read.pk, read.new_per_day, read.time_zone) == (created.pk, 7, "Asia/Tokyo")
    assert _fields(read) == _fields(StudySettings.objects.get(pk=created.pk))


def test_a_grade_that_loses_a_race_changes_nothing_and_says_so(student_client):
    card = current_card(student_client)
    before = _fields(Card.objects.get(pk=card.pk))
    # What a racing request that committed the same version first leaves behind: its review.
    Review.objects.create(
        card=card,
        user=card.user,
        rating=1,
        reviewed_at=timezone.now(),
        reps_before=card.reps,
        state_before=card.state,
        state_after=card.state,
        before={},
        after={},
    )
    response = student_client.post(
        "/study/review/",
        {"card": card.pk, "version": card.reps, "rating": 4, "deck": "all", "shown_at": 0},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "That card was already graded." in response.content.decode()
    # Nothing of the grade is left: its transaction was rolled back whole.
    assert _fields(Card.objects.get(pk=card.pk)) == before
    assert list(Review.objects.filter(card=card).values_list("rating", flat=True)) == [1]


def test_a_grade_whose_card_was_undone_meanwhile_changes_nothing(student_client, monkeypatch):
    card = current_card(student_client)
    student_client.post(
        "/study/review/",
        {"card": card.pk, "version": 0, "rating": 3, "deck": "all", "shown_at": 0},
        headers={"HX-Request": "true"},
    )
    read_then_undone = services.card_for_grading

    def undo_after_the_read(card_id, user_id):
        found = read_then_undone(card_id, user_id)  # the card at version 1...
        services.review_undo(user=card.user)  # ...and an undo from another tab
        return found

    monkeypatch.setattr(services, "card_for_grading", undo_after_the_read)
    outcome = services.card_grade(
        user=card.user, card_id=card.pk, rating=4, version=1, now=timezone.now()
    )
    assert outcome.recorded is False
    assert not Review.objects.filter(card=card).exists()
    assert Card.objects.get(pk=card.pk).reps == 0


def test_a_grade_stores_the_review_and_the_card_as_the_orm_reads_them(student_client):
    card = current_card(student_client)
    before = snapshot(Card.objects.get(pk=card.pk))
    started = timezone.now()
    student_client.post(
        "/study/review/",
        {"card": card.pk, "version": 0, "rating": 4, "deck": "all", "shown_at": 0},
    )
    card = Card.objects.get(pk=card.pk)
    review = Review.objects.get(card=card)
    assert (review.user_id, review.rating, review.reps_before) == (card.user_id, 4, 0)
    assert (review.state_before, review.state_after) == (Card.State.NEW, Card.State.REVIEW)
    assert review.before == before and review.after == snapshot(card)
    assert review.duration_ms is None  # shown_at 0 is not a plausible time on screen
    assert started <= review.reviewed_at == card.last_review <= timezone.now()
    assert card.reps == 1 and card.due > card.last_review + dt.timedelta(days=1)
