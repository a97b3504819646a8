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
