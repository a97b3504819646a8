"""The "comes back at" time read by raw SQL is the one the ORM query finds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.study.decks import EVERYTHING, Deck
from quizapp.study.models import Card
from quizapp.study.queue import LEARNING
from quizapp.study.queue_sql import next_learning_due

pytestmark = pytest.mark.django_db


def _orm(user, deck: Deck, now: dt.datetime, until: dt.datetime):
    cards = deck.cards(Card.objects.filter(user=user).active(now))
    found = cards.filter(state__in=LEARNING, due__gt=now, due__lt=until).order_by("due")
    return found.values_list("due", flat=True).first()


def test_the_first_learning_card_due_later_today_matches_the_orm(student, bank):
    now = timezone.now().replace(microsecond=123456)
    until = now + dt.timedelta(hours=6)
    # Any approved item may carry a card (a missed quiz question does); not only study cards.
    items = list(Item.objects.approved().exclude(passage=None).order_by("pk")[:7])

    def card(item, state, minutes):
        due = now + dt.timedelta(minutes=minutes)
        return Card.objects.create(user=student, item=item, state=state, due=due, reps=1)

    suspended = card(items[0], Card.State.LEARNING, 2)
    Card.objects.filter(pk=suspended.pk).update(suspended=True)
    buried = card(items[1], Card.State.RELEARNING, 3)
    Card.objects.filter(pk=buried.pk).update(buried_until=now + dt.timedelta(hours=1))
    hidden = card(items[2], Card.State.LEARNING, 4)
    Item.objects.filter(pk=hidden.item_id).update(status=Item.Status.HIDDEN)
    card(items[3], Card.State.REVIEW, 5)  # a review card is not a learning card
    card(items[4], Card.State.LEARNING, -5)  # already due: shown now, not "comes back"
    card(items[5], Card.State.LEARNING, 60 * 7)  # after the study day ends
    expected = card(items[6], Card.State.RELEARNING, 30)

    found = next_learning_due(student.pk, EVERYTHING, now, until)

    assert found == expected.due == _orm(student, EVERYTHING, now, until)
    assert found.tzinfo is not None
    source = items[6].passage.source
    other = Deck("source", "no-such-reading", "None")
    assert next_learning_due(student.pk, Deck("source", source.slug, source.title), now, until) == (
        expected.due
    )
    assert (
        next_learning_due(student.pk, other, now, until) is None is _orm(student, other, now, until)
    )


def test_nothing_coming_back_gives_none(student, bank):
    now = timezone.now()
    assert next_learning_due(student.pk, EVERYTHING, now, now + dt.timedelta(hours=6)) is None
