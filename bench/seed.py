"""Seed large collections fast, for benchmarks and scale tests.

The ORM's bulk_create spends about 40 s preparing 100,000 items and cards in
Python; one INSERT ... SELECT over a recursive sequence does it in the database
in about a second. The SQL is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection

from quizapp.bank.models import Item
from quizapp.study.models import Card, Review

SEQUENCE = "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %s) "


def _quoted(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def seed_items(count: int, passage_id: int, start: int, end: int, prefix: str = "bulk") -> None:
    """``count`` approved question-answer items citing one passage span."""
    with connection.cursor() as cursor:
        cursor.execute(
            SEQUENCE
            + f"INSERT INTO {_quoted(Item)} (key, kind, prompt, answer, accepted, options, extra, "
            'explanation, passage_id, start, "end", status, origin, teacher_prompt, '
            "teacher_answer, teacher_explanation, teacher_options, study_card, created_at, "
            "updated_at) "
            "SELECT %s || n, 'qa', 'Question ' || n, 'Answer', '[]', '[]', '{}', '', %s, %s, %s, "
            "'approved', 'generated', '', '', '', '[]', TRUE, CURRENT_TIMESTAMP, "
            "CURRENT_TIMESTAMP FROM seq",
            [count, f"{prefix}:", passage_id, start, end],
        )


def seed_review_cards(user_id: int, prefix: str, due: dt.datetime, reps: int = 3) -> None:
    """A REVIEW card, due at ``due``, for every item whose key starts with ``prefix``."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_quoted(Card)} (user_id, item_id, state, step, stability, difficulty, "
            "due, last_review, reps, lapses, suspended, buried_until, created_at) "
            "SELECT %s, id, %s, NULL, 5.0, 5.0, %s, %s, %s, 0, %s, NULL, CURRENT_TIMESTAMP "
            f"FROM {_quoted(Item)} WHERE key LIKE %s",
            [
                user_id,
                Card.State.REVIEW,
                due,
                due - dt.timedelta(days=5),
                reps,
                False,
                f"{prefix}:%",
            ],
        )


def seed_reviews(user_id: int, per_card: int, until: dt.datetime) -> None:
    """``per_card`` past reviews of each of the user's cards, one day apart, before ``until``."""
    with connection.cursor() as cursor:
        cursor.execute(
            SEQUENCE
            + f"INSERT INTO {_quoted(Review)} (card_id, user_id, rating, reviewed_at, duration_ms, "
            "reps_before, state_before, state_after, before, after) "
            "SELECT c.id, c.user_id, 3, %s, 4000, 100 + seq.n, 2, 2, '{}', '{}' "
            f"FROM {_quoted(Card)} c CROSS JOIN seq WHERE c.user_id = %s",
            [per_card, until - dt.timedelta(days=2), user_id],
        )
