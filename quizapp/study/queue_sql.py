"""The study queue's state in one SQL statement.

Building and loading an ORM queryset costs 1–3 ms of Python here, while each of
these lookups costs about 0.1 ms in the database; a review request needs seven of
them. So the queue asks for all of them at once: the first due learning card,
the first due review, the first new card, capped counts of each, and today's
review counts, as scalar subqueries of one SELECT. The SQL is plain and the same
on SQLite and PostgreSQL; every subquery is a range scan of the card index
(user, suspended, state, due, item, buried_until) that stops at its first row or at
its cap, and today's reviews are counted from the review index alone.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection

from quizapp.bank.models import Item
from quizapp.classroom.models import Assignment, Membership
from quizapp.library.models import Concept, Passage, Source
from quizapp.quizzes.models import Attempt, Quiz, QuizItem
from quizapp.study.decks import Deck
from quizapp.study.models import Card, Review
from quizapp.study.review_sql import card_from_shown, column_value, shown_sql
from quizapp.study.review_sql import quoted_table as _table

LEARNING_CAP = 100  # learning cards are not limited per day; this only caps the count


def _deck_clause(deck: Deck) -> tuple[str, list]:
    if deck.kind == "source":
        return (
            f" AND c.item_id IN (SELECT i.id FROM {_table(Item)} i"
            f" JOIN {_table(Passage)} p ON p.id = i.passage_id"
            f" JOIN {_table(Source)} s ON s.id = p.source_id WHERE s.slug = %s)",
            [deck.slug],
        )
    if deck.kind == "concept":
        return (
            f" AND c.item_id IN (SELECT ic.item_id FROM {_table(Item.concepts.through)} ic"
            f" JOIN {_table(Concept)} k ON k.id = ic.concept_id WHERE k.slug = %s)",
            [deck.slug],
        )
    if deck.kind != "all":
        # Any other deck (what a teacher assigned): the ORM's own subquery, compiled.
        sql, params = deck.items(Item.objects.all()).values("pk").query.sql_with_params()
        return f" AND c.item_id IN ({sql})", list(params)
    return "", []


def _withheld() -> str:
    """The ids of the items withheld from the learner (quizzes/withheld.py, whose ORM rule
    a test ties this to): the questions of quizzes they may take or have taken, and do not
    own, whose answers are not theirs to see yet. Parameters: user, user, user, now, user.

    A learner is in a few classes with a few quizzes, so each part is a short index scan
    from the learner's own rows (memberships, attempts), however many quizzes there are.
    """
    membership, assignment = _table(Membership), _table(Assignment)
    attempt = _table(Attempt)
    never, close, submit = (
        Quiz.ShowAnswers.NEVER,
        Quiz.ShowAnswers.AFTER_CLOSE,
        Quiz.ShowAnswers.AFTER_SUBMIT,
    )
    return (
        f"SELECT qi.item_id FROM {_table(QuizItem)} qi JOIN {_table(Quiz)} q ON q.id = qi.quiz_id"
        " WHERE q.owner_id <> %s"
        f" AND (q.id IN (SELECT a.quiz_id FROM {assignment} a JOIN {membership} m"
        " ON m.classroom_id = a.classroom_id WHERE m.student_id = %s)"
        f" OR q.id IN (SELECT t.quiz_id FROM {attempt} t WHERE t.student_id = %s))"
        f" AND (q.show_answers = '{never}' OR ((q.closes_at IS NULL OR q.closes_at > %s)"
        f" AND (q.show_answers = '{close}' OR (q.show_answers = '{submit}'"
        f" AND q.id NOT IN (SELECT t.quiz_id FROM {attempt} t"
        " WHERE t.student_id = %s AND t.submitted_at IS NOT NULL)))))"
    )


# Written out, not a parameter, and as in the partial index bank_item_not_shown_idx: SQLite
# uses that index only when it can see the statement's condition is the index's own.
_NOT_SHOWN = f"retired_at IS NOT NULL OR status = '{Item.Status.HIDDEN}'"


def _active(deck_sql: str) -> str:
    """FROM and WHERE of the cards that may be shown (as StudyQueue documents); its
    parameters are ``_active_params``.

    Every column it reads is in the card index (user, suspended, state, due, item,
    buried_until), and the items not shown are a short list read from their own partial
    index, as are the items withheld from the learner from theirs, so counting a deck's
    cards never visits the card or item rows.
    """
    return (
        f" FROM {_table(Card)} c WHERE c.user_id = %s AND c.suspended = %s"
        f" AND c.item_id NOT IN (SELECT id FROM {_table(Item)} WHERE {_NOT_SHOWN})"
        f" AND c.item_id NOT IN ({_withheld()})"
        f" AND (c.buried_until IS NULL OR c.buried_until <= %s){deck_sql}"
    )


def _active_params(user_id: int, now, deck_params: list) -> list:
    withheld = [user_id, user_id, user_id, now, user_id]
    return [user_id, False, *withheld, now, *deck_params]


@dataclass(frozen=True)
class QueueSnapshot:
    first_learning: int | None
    first_review: int | None
    first_new: int | None
    learning_due: int
    reviews_due: int  # capped at the daily review limit
    new_waiting: int  # capped at the daily new-card limit
    done_today: int
    new_done_today: int
    reviews_done_today: int
    next_card: Card | None  # learning due, else a review, else a new card, within the limits


def snapshot(
    user_id: int,
    deck: Deck,
    now: dt.datetime,
    day_start: dt.datetime,
    review_cap: int,
    new_cap: int,
) -> QueueSnapshot:
    # Raw SQL gets no ORM adaptation: SQLite stores UTC text, so convert as the ORM does.
    now = connection.ops.adapt_datetimefield_value(now)
    day_start = connection.ops.adapt_datetimefield_value(day_start)
    deck_sql, deck_params = _deck_clause(deck)
    sql, order = _snapshot_sql(connection.vendor, deck_sql)
    values = {
        "active": _active_params(user_id, now, deck_params),
        "now": [now],
        "user": [user_id],
        "day_start": [day_start],
        "learning_cap": [LEARNING_CAP],
        "review_cap": [review_cap],
        "new_cap": [new_cap],
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for name in order for value in values[name]])
        row = cursor.fetchone()
    return QueueSnapshot(*row[:9], next_card=card_from_shown(row[9:]))


# Built once per deck shape: the statement is long, and only its parameters change. With
# it, the names of its parameters in the order of its placeholders, written down beside
# each placeholder as the statement is built.
@functools.lru_cache(maxsize=64)
def _snapshot_sql(vendor: str, deck_sql: str) -> tuple[str, tuple[str, ...]]:
    active = _active(deck_sql)
    # Each kind of card: its name, its condition, what that condition's placeholders take,
    # and the cap of its count.
    kinds = (
        (
            "learning",
            f"c.state IN ({Card.State.LEARNING}, {Card.State.RELEARNING}) AND c.due <= %s",
            ["now"],
            "learning_cap",
        ),
        ("review", f"c.state = {Card.State.REVIEW} AND c.due <= %s", ["now"], "review_cap"),
        ("new", f"c.state = {Card.State.NEW}", [], "new_cap"),
    )
    # Ties in due go by item, which is unique per learner and next in the card index.
    first = "(SELECT c.id{a} AND {w} ORDER BY c.due, c.item_id LIMIT 1) AS first_{n}"
    capped = "(SELECT COUNT(*) FROM (SELECT c.id{a} AND {w} ORDER BY c.state, c.due LIMIT %s) t{n})"
    parts, order = [], []
    for name, where, uses, _ in kinds:
        parts.append(first.format(a=active, w=where, n=name))
        order += ["active", *uses]
    for name, where, uses, cap in kinds:
        parts.append(capped.format(a=active, w=where, n=name))
        order += ["active", *uses, cap]
    # Today's reviews in one pass of the (user, reviewed_at, state_before) index, which
    # covers it: the rows themselves (with their JSON columns) are never read.
    count_if = "COALESCE(SUM(CASE WHEN state_before = {} THEN 1 ELSE 0 END), 0)"
    today = (
        f"(SELECT COUNT(*) AS n, {count_if.format(Card.State.NEW)} AS n_new,"
        f" {count_if.format(Card.State.REVIEW)} AS n_rev"
        f" FROM {_table(Review)} WHERE user_id = %s AND reviewed_at >= %s) r"
    )
    order += ["user", "day_start"]
    queue = f"SELECT {', '.join(parts)}, r.n, r.n_new, r.n_rev FROM {today}"
    # And the card to show next, with what it shows, in the same statement (as
    # StudyQueue.next_card chooses it): a review or a new card only while today's
    # limit for it is not used up.
    columns, joins = shown_sql(vendor)
    sql = (
        f"SELECT q.*, {columns} FROM ({queue}) q LEFT JOIN {_table(Card)} c ON c.id ="
        " COALESCE(q.first_learning, CASE WHEN q.n_rev < %s THEN q.first_review END,"
        f" CASE WHEN q.n_new < %s THEN q.first_new END){joins}"
    )
    order += ["review_cap", "new_cap"]
    return sql, tuple(order)


def next_learning_due(user_id: int, deck: Deck, now: dt.datetime, until: dt.datetime):
    """When the first learning card of the deck comes due after ``now`` and before ``until``.

    As ``deck.cards(Card.objects.filter(user=...).active(now)).filter(state__in=LEARNING,
    due__gt=now, due__lt=until).order_by("due")``, whose building cost about 1 ms of Python
    on every review that ends the session for now.
    """
    db_now = connection.ops.adapt_datetimefield_value(now)
    deck_sql, deck_params = _deck_clause(deck)
    active, params = _active(deck_sql), _active_params(user_id, db_now, deck_params)
    sql = (
        f"SELECT c.due{active} AND c.state IN ({Card.State.LEARNING}, {Card.State.RELEARNING})"
        " AND c.due > %s AND c.due < %s ORDER BY c.due LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, db_now, connection.ops.adapt_datetimefield_value(until)])
        row = cursor.fetchone()
    # The ORM's own converters (SQLite returns text; USE_TZ makes it aware).
    return None if row is None else column_value(Card, "due", row[0])
