"""Which card comes next, within the daily limits, in a fixed number of queries.

Order, as in Anki: learning and relearning cards that are due, then due reviews
(up to the daily review limit), then new cards (up to the daily new limit).
New items become NEW cards when a deck is opened (see ``add_new_cards``), so the
review path only reads cards. Counts shown to the learner are capped at what is
left for today, so no query scans the whole collection however large it grows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quizapp.bank.models import Item
from quizapp.study.decks import Deck
from quizapp.study.models import Card, StudySettings
from quizapp.study.queue_sql import next_learning_due, snapshot

LEARNING = (Card.State.LEARNING, Card.State.RELEARNING)


@dataclass
class Progress:
    done_today: int
    new_left: int
    due_left: int

    @property
    def total(self) -> int:
        return self.done_today + self.new_left + self.due_left

    @property
    def percent(self) -> int:
        return round(100 * self.done_today / self.total) if self.total else 100


class StudyQueue:
    """Today's queue for one learner and deck, read in one statement (queue_sql.py)."""

    def __init__(self, user, deck: Deck, settings: StudySettings, now: dt.datetime):
        self.user, self.deck, self.settings, self.now = user, deck, settings, now
        state = snapshot(
            user.pk,
            deck,
            now,
            settings.day_start(now),
            review_cap=settings.reviews_per_day,
            new_cap=settings.new_per_day,
        )
        self.state = state
        self.done_today = state.done_today
        self.new_allowed = max(0, settings.new_per_day - state.new_done_today)
        self.reviews_allowed = max(0, settings.reviews_per_day - state.reviews_done_today)

    def next_card(self) -> Card | None:
        """Learning cards due, then reviews due (within the limit), then new cards."""
        return self.state.next_card

    def progress(self) -> Progress:
        """Done today, and what is left of today's limits."""
        state = self.state
        return self.progress_of(state.new_waiting, state.learning_due, state.reviews_due)

    def progress_of(self, new: int, learning: int, review: int) -> Progress:
        """Progress for cards waiting (new) and due (learning, review) under today's limits,
        which are the learner's, not the deck's: also for counts read elsewhere."""
        return Progress(
            self.done_today,
            min(new, self.new_allowed),
            learning + min(review, self.reviews_allowed),
        )

    def next_learning_due(self) -> dt.datetime | None:
        """When a learning card comes due later today, so the learner can come back."""
        return next_learning_due(
            self.user.pk, self.deck, self.now, self.settings.next_day_start(self.now)
        )


def add_new_cards(user, deck: Deck, now: dt.datetime) -> int:
    """Give the learner a NEW card for every approved item of the deck they lack.

    Run when a deck is opened, not on every review: it is the one query that
    looks at every item of the deck.
    """
    missing = (
        deck.items(Item.objects.for_flashcards())
        .exclude(pk__in=Card.objects.filter(user=user).values("item_id"))
        .order_by("passage__source__order", "passage__ordinal", "start", "pk")
        .values_list("pk", flat=True)
    )
    # Due times one microsecond apart keep the reading order among new cards.
    cards = [
        Card(user=user, item_id=pk, due=now + dt.timedelta(microseconds=i))
        for i, pk in enumerate(missing)
    ]
    Card.objects.bulk_create(cards, batch_size=2000, ignore_conflicts=True)
    return len(cards)
