from __future__ import annotations

import pytest
from django.utils import timezone

from quizapp.study import services
from quizapp.study.decks import EVERYTHING
from quizapp.study.models import Card
from quizapp.study.queue import add_new_cards


@pytest.fixture
def study_history(bank):
    """Returns a function giving a user cards for every approved item and grading `graded`
    of them (each twice when `twice`)."""

    def make(user, graded: int, twice: bool = False) -> list[Card]:
        now = timezone.now()
        add_new_cards(user, EVERYTHING, now)
        cards = list(Card.objects.filter(user=user).order_by("pk"))
        for card in cards[:graded]:
            services.card_grade(
                user=user,
                card_id=card.pk,
                rating=3,
                version=0,
                now=now,
                duration_ms=4200,
            )
            if twice:
                services.card_grade(user=user, card_id=card.pk, rating=1, version=1, now=now)
        return cards

    return make
