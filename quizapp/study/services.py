"""Writes that span a card and its reviews: grading, undo, suspend and bury."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from quizapp.study.models import Card, Review, StudySettings
from quizapp.study.review_sql import card_for_grading, card_update, review_insert, settings_of
from quizapp.study.scheduler import COLUMNS, apply_rating, restore, snapshot


def settings_for(user) -> StudySettings:
    """The learner's settings, created with the defaults on first use."""
    found = settings_of(user.pk)  # a plain read: it runs for every card shown
    if found is not None:
        return found
    settings, _ = StudySettings.objects.get_or_create(user=user)
    return settings


@dataclass
class GradeOutcome:
    card: Card
    recorded: bool  # False when the grade was a repeat of one already recorded
    settings: StudySettings  # the learner's, as the grade used them


def card_grade(
    *,
    user,
    card_id: int,
    rating: int,
    version: int,
    now: dt.datetime,
    duration_ms: int | None = None,
) -> GradeOutcome:
    """Grade the user's card as it was at ``version`` (its review count when shown), with
    the learner's settings, which are read with the card and returned in the outcome.

    Raises Card.DoesNotExist for another user's card. A second submit of the same card
    version (double click, two tabs, a retried request) finds the card already moved on
    and records nothing; the unique (card, reps_before) constraint holds even when two
    requests race.
    """
    card, settings = card_for_grading(card_id, user.pk)
    settings = settings or settings_for(user)  # None before the learner's first use
    if card.reps != version:
        return GradeOutcome(card, recorded=False, settings=settings)
    before, state_before = snapshot(card), card.state
    apply_rating(card, rating, now, settings)
    review = Review(
        card=card,
        user_id=card.user_id,
        rating=rating,
        reviewed_at=now,
        duration_ms=duration_ms,
        reps_before=version,
        state_before=state_before,
        state_after=card.state,
        before=before,
        after=snapshot(card),
    )
    # The card was read outside the transaction, so the write lock is held for two
    # statements only; what was read is checked as it is written instead. A racing
    # request that recorded this version first fails the unique (card, reps_before)
    # constraint; an undo in between leaves the card at another version, so the update
    # changes no row. Either way the whole transaction is rolled back (no savepoint).
    try:
        with transaction.atomic():
            review_insert(review)
            # Only the scheduling columns: a suspend or bury is never overwritten.
            if not card_update(card, COLUMNS, where_reps=version):
                raise IntegrityError("The card moved on while it was graded.")
    except IntegrityError:
        return GradeOutcome(Card.objects.get(pk=card_id), recorded=False, settings=settings)
    return GradeOutcome(card, recorded=True, settings=settings)


def review_undo(*, user) -> Card | None:
    """Take back the user's last review: the card gets its exact former columns back."""
    with transaction.atomic():
        last = (
            Review.objects.select_related("card")
            .filter(user=user)
            .order_by("-reviewed_at", "-pk")
            .first()
        )
        if last is None:
            return None
        card = Card.objects.select_for_update().get(pk=last.card_id)
        if card.reps != last.reps_before + 1:
            return None  # the card has moved on since; undoing would corrupt it
        restore(card, last.before)
        card.save()
        last.delete()
    return card


def card_suspend(*, card: Card) -> None:
    card.suspended = True
    card.save(update_fields=["suspended"])


def card_bury(*, card: Card, now: dt.datetime, settings: StudySettings) -> None:
    """Hide the card until the learner's next study day begins."""
    card.buried_until = settings.next_day_start(now)
    card.save(update_fields=["buried_until"])
