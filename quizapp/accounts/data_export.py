"""Everything quizapp holds about one user, as one JSON document (the "download my data").

Each app contributes a part through a function registered in PARTS: it takes the user and
returns JSON-ready values, where long lists may be iterators (see json_stream), and must run
a fixed number of queries however much the user has done. A part whose app is not installed
is left out, so an app can be added or removed without touching this module's logic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from quizapp.accounts.roles import role_of

FORMAT = "quizapp-user-data"
VERSION = 1
# Rows fetched per round trip while streaming; the number of queries stays fixed.
CHUNK_SIZE = 2000

Exporter = Callable[[AbstractBaseUser], dict[str, Any]]


@dataclass(frozen=True)
class Part:
    """One key of the export, filled by `exporter` (a dotted path) when `app` is installed."""

    key: str
    app: str
    exporter: str


PARTS: list[Part] = [
    Part("profile", "auth", "quizapp.accounts.data_export.profile_data"),
    Part("study", "study", "quizapp.accounts.data_export.study_data"),
    Part("quizzes", "quizzes", "quizapp.quizzes.data_export.quiz_data"),
]


def available_parts() -> list[tuple[Part, Exporter]]:
    """The registered parts whose app is installed, with their exporter imported."""
    installed = {config.label for config in apps.get_app_configs()}
    return [(part, import_string(part.exporter)) for part in PARTS if part.app in installed]


def user_data(user: AbstractBaseUser) -> dict[str, Any]:
    """The whole export; long lists inside it are iterators, consumed once when written."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now(),
    }
    for part, exporter in available_parts():
        document[part.key] = exporter(user)
    return document


def profile_data(user: AbstractBaseUser) -> dict[str, Any]:
    """Who the user is: the account's own fields and role."""
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "role": role_of(user),
        "groups": list(user.groups.values_list("name", flat=True)),
    }


def study_data(user: AbstractBaseUser) -> dict[str, Any]:
    """Study settings, every card with its schedule, and every review: three queries."""
    from quizapp.study.models import Card, Review, StudySettings

    settings = (
        StudySettings.objects.filter(user=user)
        .values("desired_retention", "new_per_day", "reviews_per_day", "time_zone", "day_starts_at")
        .first()
    )
    return {
        "settings": settings,
        "cards": _cards(Card, user),
        "reviews": _reviews(Review, user),
    }


def _cards(card_model, user: AbstractBaseUser) -> Iterator[dict[str, Any]]:
    from quizapp.quizzes.withheld import withheld_items

    states = dict(card_model.State.choices)
    # A card whose item is a question of a quiz the user may still take keeps its answer
    # back, as every other place that shows the user items does (quizzes/withheld.py).
    withheld = Q(item_id__in=withheld_items(user, timezone.now()))
    cards = (
        card_model.objects.filter(user=user)
        .annotate(withheld=ExpressionWrapper(withheld, output_field=BooleanField()))
        .select_related("item")
        .only(
            *(
                f"item__{name}"
                for name in ("key", "kind", "prompt", "teacher_prompt", "answer", "teacher_answer")
            ),
            "state",
            "step",
            "due",
            "stability",
            "difficulty",
            "reps",
            "lapses",
            "last_review",
            "suspended",
            "buried_until",
            "created_at",
        )
        .order_by("pk")
    )
    for card in cards.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "item_key": card.item.key,
            "item_kind": card.item.kind,
            "prompt": card.item.shown_prompt,
            "answer": None if card.withheld else card.item.shown_answer,
            "state": states[card.state],
            "step": card.step,
            "due": card.due,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "reps": card.reps,
            "lapses": card.lapses,
            "last_review": card.last_review,
            "suspended": card.suspended,
            "buried_until": card.buried_until,
            "created_at": card.created_at,
        }


def _reviews(review_model, user: AbstractBaseUser) -> Iterator[dict[str, Any]]:
    ratings = dict(review_model.Rating.choices)
    states = dict(review_model._meta.get_field("state_before").choices)
    rows = (
        review_model.objects.filter(user=user)
        .order_by("reviewed_at", "pk")
        .values(
            "card__item__key",
            "rating",
            "reviewed_at",
            "duration_ms",
            "state_before",
            "state_after",
            "before",
            "after",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "item_key": row["card__item__key"],
            "rating": ratings[row["rating"]],
            "reviewed_at": row["reviewed_at"],
            "duration_ms": row["duration_ms"],
            "state_before": states[row["state_before"]],
            "state_after": states[row["state_after"]],
            "before": row["before"],
            "after": row["after"],
        }
