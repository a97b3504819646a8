"""The attempt page's field names and values say nothing about which answer is right.

Issue 19: matching row i was posted as ``match-i`` and its right description had value
``i``; ordering field ``position-k`` was right at k + 1. A student who read the page's
source scored full marks knowing nothing.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.quizzes.models import Attempt
from tests.quizzes.conftest import build_quiz
from tests.quizzes.page_forms import question_fields

PLACE = re.compile(r"Place of: (.*)")


@pytest.fixture
def quiz(teacher, assigned, matching_item, ordering_item):
    mcq = Item.objects.filter(kind="mcq", status="approved").first()
    return assigned(build_quiz(teacher, [matching_item, ordering_item, mcq], shuffle_options=True))


def start(client, user, quiz) -> Attempt:
    client.force_login(user)
    client.post(reverse("quizzes:begin", args=[quiz.pk]))
    return Attempt.objects.get(quiz=quiz, student=user, submitted_at__isnull=True)


def page_fields(client, attempt) -> dict[str, list]:
    questions = attempt.quiz.questions.select_related("item")
    return {q.item.kind: question_fields(client, attempt, q) for q in questions}


def every_name_and_value(fields: dict[str, list]) -> set[str]:
    names = {field.name for kind in fields.values() for field in kind}
    values = {value for kind in fields.values() for f in kind for value, _ in f.options}
    return names | values


def test_no_option_is_named_by_its_place_in_the_item(client, student, quiz, matching_item):
    attempt = start(client, student, quiz)
    fields = page_fields(client, attempt)
    pairs = matching_item.extra["pairs"]
    for row in fields["matching"]:
        left = row.label
        index = next(i for i, (term, _) in enumerate(pairs) if term == left)
        assert not row.name.endswith(f"-{index}")  # as "match-3" was
        right_value = next(value for value, text in row.options if text == pairs[index][1])
        assert right_value != str(index)
    (choice,) = fields["mcq"]
    mcq = Item.objects.filter(kind="mcq", status="approved").first()
    for value, text in choice.options:
        assert value != str(mcq.options.index(text))


def test_an_ordering_statements_field_does_not_say_its_place(client, student, quiz, ordering_item):
    attempt = start(client, student, quiz)
    sequence = ordering_item.extra["sequence"]
    for row in page_fields(client, attempt)["ordering"]:
        statement = PLACE.match(row.label).group(1)
        assert not row.name.endswith(f"-{sequence.index(statement)}")  # as "position-2" was


def test_names_and_values_mean_nothing_outside_the_attempt(
    client, student, other_student, classroom, quiz
):
    classroom.memberships.create(student=other_student)
    mine = every_name_and_value(page_fields(client, start(client, student, quiz)))
    theirs = every_name_and_value(page_fields(client, start(client, other_student, quiz)))
    positions = {"1", "2", "3"}  # the places an ordering statement can take, as shown
    assert (mine & theirs) - positions == {"choice"}


def test_the_key_read_from_the_texts_scores_full_marks(
    client, student, quiz, matching_item, ordering_item
):
    """The tokens map back on the server: answering by what the page shows still works."""
    attempt = start(client, student, quiz)
    questions = {q.item.kind: q for q in quiz.questions.select_related("item")}
    pairs = dict(matching_item.extra["pairs"])
    sequence = ordering_item.extra["sequence"]
    fields = page_fields(client, attempt)
    answers = {
        "matching": {
            f.name: next(v for v, t in f.options if t == pairs[f.label]) for f in fields["matching"]
        },
        "ordering": {
            f.name: str(sequence.index(PLACE.match(f.label).group(1)) + 1)
            for f in fields["ordering"]
        },
        "mcq": {
            "choice": next(
                v for v, t in fields["mcq"][0].options if t == questions["mcq"].item.answer
            )
        },
    }
    for kind, data in answers.items():
        url = reverse("quizzes:answer", args=[attempt.pk, questions[kind].pk])
        assert client.post(url, data).status_code == 302
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.score == attempt.max_score == 3
