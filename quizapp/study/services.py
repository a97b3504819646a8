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
    found = settings_of(user.pk)  # a plain read: it runs on every review
    if found is not None:
        return found
    settings, _ = StudySettings.objects.get_or_create(user=user)
    return settings


@dataclass
class GradeOutcome:
    card: Card
    recorded: bool  # False when the grade was a repeat of one already recorded


def card_grade(
    *,
    user,
    card_id: int,
    rating: int,
    version: int,
    now: dt.datetime,
    settings: StudySettings,
    duration_ms: int | None = None,
) -> GradeOutcome:
    """Grade the user's card as it was at ``version`` (its review count when shown).

    Raises Card.DoesNotExist for another user's card. A second submit of the same
    card version (double click, two tabs, a retried request) finds the card
    already moved on and records nothing; the unique (card, reps_before)
    constraint holds even when two requests race.
    """
    # One transaction and no savepoint: if a racing request recorded this version first,
    # the unique (card, reps_before) constraint fails the insert and the whole transaction,
    # card update included, is rolled back.
    try:
        with transaction.atomic():
            locked = card_for_grading(card_id, user.pk)
            if locked.reps != version:
                return GradeOutcome(locked, recorded=False)
            before, state_before = snapshot(locked), locked.state
            apply_rating(locked, rating, now, settings)
            review_insert(
                Review(
                    card=locked,
                    user_id=locked.user_id,
                    rating=rating,
                    reviewed_at=now,
                    duration_ms=duration_ms,
                    reps_before=version,
                    state_before=state_before,
                    state_after=locked.state,
                    before=before,
                    after=snapshot(locked),
                )
            )
            # Only the scheduling columns: a suspend or bury is never overwritten.
            card_update(locked, COLUMNS)
    except IntegrityError:
        return GradeOutcome(Card.objects.get(pk=card_id), recorded=False)
    return GradeOutcome(locked, recorded=True)


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
