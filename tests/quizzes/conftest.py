from __future__ import annotations

import pytest

from quizapp.bank.models import Item
from quizapp.classroom.models import Classroom, Membership
from quizapp.quizzes.builder import quiz_create
from quizapp.quizzes.models import Quiz


@pytest.fixture
def matching_item(bank) -> Item:
    return Item.objects.create(
        key="test:matching",
        kind="matching",
        prompt="Match each name with its description.",
        answer="",
        status=Item.Status.APPROVED,
        extra={"pairs": [["A", "first"], ["B", "second"], ["C", "third"], ["D", "fourth"]]},
    )


@pytest.fixture
def ordering_item(bank) -> Item:
    sequence = ["one happened", "two happened", "three happened"]
    return Item.objects.create(
        key="test:ordering",
        kind="ordering",
        prompt="Put these in date order, earliest first.",
        answer=" → ".join(sequence),
        options=sequence,
        status=Item.Status.APPROVED,
        extra={"sequence": sequence, "facts": []},
    )


def build_quiz(owner, items, **settings) -> Quiz:
    return quiz_create(owner, settings.pop("title", "Unit test"), items, **settings)


@pytest.fixture
def quiz_factory(teacher, bank):
    def make(kinds=("mcq", "true_false", "qa"), owner=None, **settings) -> Quiz:
        items = [Item.objects.filter(kind=kind, status="approved").first() for kind in kinds]
        return build_quiz(owner or teacher, items, **settings)

    return make


@pytest.fixture
def classroom(teacher, student) -> Classroom:
    room = Classroom.objects.create(teacher=teacher, name="Year 12")
    Membership.objects.create(classroom=room, student=student)
    return room


@pytest.fixture
def assigned(classroom):
    """Assign a quiz to the class the student is in."""

    def assign(quiz: Quiz) -> Quiz:
        classroom.assignments.create(quiz=quiz)
        return quiz

    return assign
