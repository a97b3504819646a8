"""What a learner may not study yet: the questions of a quiz whose answers are not theirs to see.

While a quiz can still be taken and its answers are not yet to be shown, a flashcard, a deck
or an export holding one of its questions would hand a student the key before the exam. So
every place that shows a learner items with their answers leaves these out: the study queue
(its SQL in study/queue_sql.py states the same rule), deck counts, a card's back, exports and
the data download. The material a quiz tests stays available through other items on the same
facts and concepts; only the quiz's own questions are held back.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from quizapp.quizzes.models import Quiz, QuizItem


def withheld_items(user, now: dt.datetime) -> QuerySet:
    """The ids of the items withheld from ``user`` at ``now``, as a subquery."""
    quizzes = Quiz.objects.keeping_answers_from(user, now)
    return QuizItem.objects.filter(quiz__in=quizzes).order_by().values("item_id")


def is_withheld(item_id: int, user, now: dt.datetime) -> bool:
    return withheld_items(user, now).filter(item_id=item_id).exists()
