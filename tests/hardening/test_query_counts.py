"""Queries per request for every main page stay the same as the data grows (issue 7).

Each page is requested in a small world (the fixture content, one class, a quiz of three
questions, one student's study history) and again after ``grow`` has multiplied everything a
page lists or aggregates: sources, passages, concepts, items, cards, reviews, quizzes, questions,
students, attempts, classes and members. The world, the page list and the counting are shared
with ``bench/queries.py``, which prints the figures.

The review POST is measured by ``bench/queries.py`` but asserted in tests/study/test_pages.py
(``test_queries_per_review_do_not_grow_with_the_collection``, at 100 and 100,000 cards).
"""

from __future__ import annotations

import pytest

from bench.queries import PAGES, World, build_world, count_queries, grow
from quizapp.classroom.models import Classroom, Membership
from quizapp.library.models import Mention, Passage, Source
from quizapp.quizzes.models import Attempt, Quiz
from quizapp.study.models import Card, Review

pytestmark = pytest.mark.django_db

ASSERTED_ELSEWHERE = {"study_review_post"}  # tests/study/test_pages.py


@pytest.fixture
def world(teacher, student) -> World:
    return build_world(teacher, student)


@pytest.mark.parametrize(
    "page",
    [pytest.param(page, id=page.name) for page in PAGES if page.name not in ASSERTED_ELSEWHERE],
)
def test_queries_do_not_grow_with_the_data(client, world, page):
    small = count_queries(client, world, page)
    grow(world)
    large = count_queries(client, world, page)
    assert large <= small, f"{page.name}: {small} queries in the small world, {large} in the large"


def test_the_large_world_holds_many_times_the_data(world, student):
    """Without real growth the comparison above would prove nothing."""
    before = _sizes(world, student)
    grow(world)
    after = _sizes(world, student)
    for name, count in before.items():
        assert after[name] >= max(5 * count, 8), (name, count, after[name])


def _sizes(world: World, student) -> dict[str, int]:
    return {
        "sources": Source.objects.count(),
        "passages": Passage.objects.count(),
        "mentions": Mention.objects.count(),
        "cards": Card.objects.filter(user=student).count(),
        "reviews": Review.objects.filter(user=student).count(),
        "quizzes": Quiz.objects.count(),
        "questions": world.quiz.questions.count(),
        "attempts": Attempt.objects.filter(quiz=world.quiz, submitted_at__isnull=False).count(),
        "classes": Classroom.objects.count(),
        "members": Membership.objects.filter(classroom=world.classroom).count(),
    }
