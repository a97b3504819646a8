"""The queue's raw SQL and CardQuerySet.active() agree on which cards may be shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.study.decks import EVERYTHING
from quizapp.study.models import Card
from quizapp.study.queue_sql import snapshot

pytestmark = pytest.mark.django_db


def test_suspended_buried_hidden_and_retired_cards_are_left_out_by_both(student, bank):
    now = timezone.now()
    items = list(Item.objects.approved().order_by("pk")[:6])
    past = now - dt.timedelta(hours=1)
    cards = [
        Card.objects.create(user=student, item=item, state=Card.State.REVIEW, due=past, reps=1)
        for item in items
    ]
    Card.objects.filter(pk=cards[0].pk).update(suspended=True)
    Card.objects.filter(pk=cards[1].pk).update(buried_until=now + dt.timedelta(hours=5))
    Card.objects.filter(pk=cards[2].pk).update(buried_until=now - dt.timedelta(minutes=1))
    Item.objects.filter(pk=items[3].pk).update(status=Item.Status.HIDDEN)
    Item.objects.filter(pk=items[4].pk).update(retired_at=now)

    orm = Card.objects.filter(user=student, state=Card.State.REVIEW, due__lte=now).active(now)
    state = snapshot(student.pk, EVERYTHING, now, now - dt.timedelta(hours=12), 100, 100)

    assert set(orm.values_list("pk", flat=True)) == {cards[2].pk, cards[5].pk}
    assert state.reviews_due == orm.count() == 2
    assert state.first_review == orm.order_by("due", "item").first().pk


def test_items_withheld_from_the_learner_are_left_out_by_both(student, teacher, bank):
    """The queue's SQL, Card.objects.shown_to() and Quiz.answers_shown() agree on which
    quizzes keep their questions from the learner (quizzes/withheld.py)."""
    from quizapp.classroom.models import Classroom, Membership
    from quizapp.quizzes.models import Attempt, Quiz, QuizItem

    now = timezone.now()
    room = Classroom.objects.create(teacher=teacher, name="Class")
    Membership.objects.create(classroom=room, student=student)
    later, earlier = now + dt.timedelta(days=1), now - dt.timedelta(days=1)
    # (show answers, closes at, assigned, attempt: None, "open" or "submitted", owner)
    cases = [
        ("submit", None, True, None, teacher),
        ("submit", later, True, "submitted", teacher),
        ("submit", earlier, True, None, teacher),
        ("close", later, True, "submitted", teacher),
        ("close", earlier, True, "submitted", teacher),
        ("close", None, False, "open", teacher),  # reached by its share link
        ("never", earlier, True, "submitted", teacher),
        ("never", None, False, None, teacher),  # neither assigned nor taken
        ("never", None, True, None, student),  # the learner's own quiz
    ]
    # Any approved item can have a card (a missed quiz question becomes one).
    items = list(Item.objects.approved().order_by("pk")[: len(cases)])
    expected = set()
    for item, (policy, closes, is_assigned, attempt, owner) in zip(items, cases, strict=True):
        quiz = Quiz.objects.create(owner=owner, title="Q", show_answers=policy, closes_at=closes)
        QuizItem.objects.create(quiz=quiz, item=item, position=1)
        if is_assigned:
            room.assignments.create(quiz=quiz)
        if attempt:
            submitted = now - dt.timedelta(hours=2) if attempt == "submitted" else None
            Attempt.objects.create(
                quiz=quiz, student=student, number=1, started_at=earlier, submitted_at=submitted
            )
        takes = is_assigned or attempt is not None
        hidden = owner != student and takes
        if not (hidden and not quiz.answers_shown(now, submitted=attempt == "submitted")):
            expected.add(item.pk)
    cards = [Card.objects.create(user=student, item=item, due=now) for item in items]

    orm = Card.objects.shown_to(student, now).filter(state=Card.State.NEW)
    state = snapshot(student.pk, EVERYTHING, now, now - dt.timedelta(hours=12), 100, 100)

    assert set(orm.values_list("item_id", flat=True)) == expected
    # Shown: answers after submitting, two closed quizzes, one not the learner's, their own.
    assert len(expected) == 5
    assert state.new_waiting == orm.count()
    assert state.first_new == orm.order_by("due", "item_id").first().pk
    assert len(cards) == len(cases)
