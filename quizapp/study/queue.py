"""Which card comes next, within the daily limits, in a fixed number of queries.

Order, as in Anki: learning and relearning cards that are due, then due reviews
(up to the daily review limit), then new cards (up to the daily new limit).
Counts shown to the learner are capped at what is left for today, so no query
scans the whole collection however large it grows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from quizapp.bank.models import Item
from quizapp.study.decks import Deck
from quizapp.study.models import Card, Review, StudySettings

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
    def __init__(self, user, deck: Deck, settings: StudySettings, now: dt.datetime):
        self.user, self.deck, self.settings, self.now = user, deck, settings, now
        today = Review.objects.filter(user=user, reviewed_at__gte=settings.day_start(now))
        done = today.aggregate(
            total=Count("pk"),
            new=Count("pk", filter=Q(state_before=Card.State.NEW)),
            reviews=Count("pk", filter=Q(state_before=Card.State.REVIEW)),
        )
        self.done_today = done["total"]
        self.new_allowed = max(0, settings.new_per_day - done["new"])
        self.reviews_allowed = max(0, settings.reviews_per_day - done["reviews"])

    def _cards(self):
        active = Card.objects.filter(user=self.user, suspended=False).exclude(
            buried_until__gt=self.now
        )
        return self.deck.cards(active)

    def _due(self):
        due = self._cards().filter(due__lte=self.now).exclude(state=Card.State.NEW)
        if self.reviews_allowed == 0:
            due = due.filter(state__in=LEARNING)
        return due

    def next_card(self) -> Card | None:
        """The next card to show, creating the card of a new item when its turn comes."""
        due = (
            self._due()
            .select_related("item__passage__source")
            .order_by("-state", "due", "pk")  # relearning and learning before review
            .first()
        )
        if due is not None:
            return due
        if self.new_allowed == 0:
            return None
        return self._next_new()

    def _next_new(self) -> Card | None:
        waiting = (
            self._cards()
            .filter(state=Card.State.NEW)
            .select_related("item__passage__source")
            .order_by("pk")
            .first()
        )
        if waiting is not None:
            return waiting
        item = self._unseen_items().first()
        if item is None:
            return None
        card, _ = Card.objects.get_or_create(user=self.user, item=item, defaults={"due": self.now})
        return Card.objects.select_related("item__passage__source").get(pk=card.pk)

    def _unseen_items(self):
        return (
            self.deck.items(Item.objects.for_flashcards())
            .exclude(pk__in=Card.objects.filter(user=self.user).values("item_id"))
            .order_by("passage__source__order", "passage__ordinal", "start", "pk")
        )

    def progress(self) -> Progress:
        """Done today, and what is left of today's limits (each count is capped)."""
        due_cap = self.reviews_allowed + 1000  # learning cards are not limited
        due_left = len(self._due().values_list("pk", flat=True)[:due_cap])
        waiting = self._cards().filter(state=Card.State.NEW).values_list("pk", flat=True)
        new_left = len(waiting[: self.new_allowed])
        if new_left < self.new_allowed:
            unseen = self._unseen_items().values_list("pk", flat=True)
            new_left += len(unseen[: self.new_allowed - new_left])
        return Progress(self.done_today, new_left, due_left)

    def next_learning_due(self) -> dt.datetime | None:
        """When a learning card comes due later today, so the learner can come back."""
        card = (
            self._cards()
            .filter(
                state__in=LEARNING, due__gt=self.now, due__lt=self.settings.next_day_start(self.now)
            )
            .order_by("due")
            .values_list("due", flat=True)
            .first()
        )
        return card
