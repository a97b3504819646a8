"""The fsrs adapter: rebuild an fsrs Card from our columns, review it, write it back.

The card's state lives in plain columns (so queues are simple SQL) and each
review stores the columns before and after, which makes undo exact.
"""

from __future__ import annotations

import datetime as dt

import fsrs

from quizapp.study.models import Card, StudySettings

COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")
_FSRS_STATE = {
    Card.State.LEARNING: fsrs.State.Learning,
    Card.State.REVIEW: fsrs.State.Review,
    Card.State.RELEARNING: fsrs.State.Relearning,
}
_OUR_STATE = {v: k for k, v in _FSRS_STATE.items()}


def scheduler_for(settings: StudySettings) -> fsrs.Scheduler:
    # Fuzzing spreads reviews of cards learnt together over nearby days, as Anki does.
    return fsrs.Scheduler(desired_retention=settings.desired_retention, enable_fuzzing=True)


def to_fsrs(card: Card, now: dt.datetime) -> fsrs.Card:
    if card.state == Card.State.NEW:
        return fsrs.Card(card_id=card.pk, due=now)
    return fsrs.Card(
        card_id=card.pk,
        state=_FSRS_STATE[Card.State(card.state)],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def snapshot(card: Card) -> dict:
    """The scheduling columns as JSON-safe values."""
    data = {name: getattr(card, name) for name in COLUMNS}
    for name in ("due", "last_review"):
        data[name] = data[name].isoformat() if data[name] else None
    return data


def restore(card: Card, data: dict) -> None:
    """Put back the columns a snapshot recorded, exactly."""
    for name in COLUMNS:
        value = data[name]
        if name in ("due", "last_review") and value:
            value = dt.datetime.fromisoformat(value)
        setattr(card, name, value)


def apply_rating(card: Card, rating: int, now: dt.datetime, settings: StudySettings) -> None:
    """Review ``card`` with ``rating`` at ``now`` and write the outcome to its columns."""
    was = card.state
    updated, _ = scheduler_for(settings).review_card(to_fsrs(card, now), fsrs.Rating(rating), now)
    card.state = _OUR_STATE[updated.state]
    card.step = updated.step
    card.stability = updated.stability
    card.difficulty = updated.difficulty
    card.due = updated.due
    card.last_review = updated.last_review
    card.reps += 1
    if was == Card.State.REVIEW and rating == fsrs.Rating.Again:
        card.lapses += 1


def preview_intervals(
    card: Card, now: dt.datetime, settings: StudySettings
) -> dict[int, dt.timedelta]:
    """How long until the card is due again, for each of the four ratings."""
    scheduler = fsrs.Scheduler(desired_retention=settings.desired_retention, enable_fuzzing=False)
    base = to_fsrs(card, now)
    return {
        int(rating): scheduler.review_card(base, rating, now)[0].due - now for rating in fsrs.Rating
    }


def format_interval(delta: dt.timedelta) -> str:
    """Anki's short labels: 1m, 10m, 3h, 2d, 1.5mo, 2.1y."""
    seconds = max(0, delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")
