"""Today's counts for every reading's deck at once, for the study home page.

StudyQueue reads one deck in one statement; the home page lists a deck per reading,
so it counts them all in one grouped query instead, and applies today's limits, which
are the learner's and not the deck's, from the whole-collection queue.
"""

from __future__ import annotations

from django.db.models import Count, Q

from quizapp.bank.models import Item
from quizapp.study.decks import Deck
from quizapp.study.models import Card
from quizapp.study.queue import LEARNING, Progress, StudyQueue

# The home page shows the newest quizzes set for the learner; all are on the quizzes page.
MAX_ASSIGNED_DECKS = 5


def _due_counts(now, within: Q | None = None, suffix: str = "") -> dict[str, Count]:
    """Counts of the new, due learning and due review cards (among those ``within``)."""
    within = within or Q()
    return {
        f"new{suffix}": Count("pk", filter=within & Q(state=Card.State.NEW)),
        f"learning{suffix}": Count("pk", filter=within & Q(state__in=LEARNING, due__lte=now)),
        f"review{suffix}": Count("pk", filter=within & Q(state=Card.State.REVIEW, due__lte=now)),
    }


def progress_by_source(everything: StudyQueue) -> dict[str, Progress]:
    """Each reading's slug and its progress, as StudyQueue(...).progress() would give it."""
    now = everything.now
    rows = (
        Card.objects.shown_to(everything.user, now)
        .values("item__passage__source__slug")
        .annotate(**_due_counts(now))
        .order_by()
    )
    return {
        row["item__passage__source__slug"]: everything.progress_of(
            row["new"], row["learning"], row["review"]
        )
        for row in rows
    }


def progress_by_deck(everything: StudyQueue, decks: list[Deck]) -> list[Progress]:
    """The progress of each of a few decks (assigned quizzes), in one aggregate query."""
    if not decks:
        return []
    now = everything.now
    counts = {}
    for i, deck in enumerate(decks):
        in_deck = Q(item__in=deck.items(Item.objects.all()).values("pk"))
        counts |= _due_counts(now, in_deck, suffix=str(i))
    row = Card.objects.shown_to(everything.user, now).aggregate(**counts)
    return [
        everything.progress_of(row[f"new{i}"], row[f"learning{i}"], row[f"review{i}"])
        for i in range(len(decks))
    ]
