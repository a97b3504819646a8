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


def progress_by_source(everything: StudyQueue) -> dict[str, Progress]:
    """Each reading's slug and its progress, as StudyQueue(...).progress() would give it."""
    now = everything.now
    rows = (
        Card.objects.filter(user=everything.user)
        .active(now)
        .values("item__passage__source__slug")
        .annotate(
            new=Count("pk", filter=Q(state=Card.State.NEW)),
            learning=Count("pk", filter=Q(state__in=LEARNING, due__lte=now)),
            review=Count("pk", filter=Q(state=Card.State.REVIEW, due__lte=now)),
        )
        .order_by()
    )
    return {
        row["item__passage__source__slug"]: Progress(
            everything.done_today,
            min(row["new"], everything.new_allowed),
            row["learning"] + min(row["review"], everything.reviews_allowed),
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
        counts[f"new{i}"] = Count("pk", filter=in_deck & Q(state=Card.State.NEW))
        counts[f"learning{i}"] = Count("pk", filter=in_deck & Q(state__in=LEARNING, due__lte=now))
        counts[f"review{i}"] = Count(
            "pk", filter=in_deck & Q(state=Card.State.REVIEW, due__lte=now)
        )
    row = Card.objects.filter(user=everything.user).active(now).aggregate(**counts)
    return [
        Progress(
            everything.done_today,
            min(row[f"new{i}"], everything.new_allowed),
            row[f"learning{i}"] + min(row[f"review{i}"], everything.reviews_allowed),
        )
        for i in range(len(decks))
    ]


def empty_progress(everything: StudyQueue) -> Progress:
    return Progress(everything.done_today, 0, 0)
