"""The deck of what a teacher assigned: the material a class quiz tests."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.classroom.models import Classroom, Membership
from quizapp.quizzes.models import Quiz, QuizItem


@pytest.fixture
def assigned_quiz(bank, teacher, student):
    room = Classroom.objects.create(teacher=teacher, name="Class")
    Membership.objects.create(classroom=room, student=student)
    quiz = Quiz.objects.create(owner=teacher, title="Week 1")
    mcq = Item.objects.filter(kind="mcq").first()
    QuizItem.objects.create(quiz=quiz, item=mcq, position=1)
    room.assignments.create(quiz=quiz)
    return quiz, mcq


def test_the_assigned_deck_holds_the_cards_on_the_quizs_facts(client, student, assigned_quiz):
    quiz, mcq = assigned_quiz
    client.force_login(student)
    home = client.get(reverse("study:home"))
    assert b"Assigned: Week 1" in home.content
    page = client.get(reverse("study:session"), {"deck": f"assigned:{quiz.pk}"})
    assert page.status_code == 200
    deck = page.context["deck"]
    in_deck = set(deck.items(Item.objects.for_flashcards()).values_list("pk", flat=True))
    same_fact = set(
        Item.objects.for_flashcards().filter(fact=mcq.fact).values_list("pk", flat=True)
    )
    assert same_fact and same_fact <= in_deck
    assert page.context["card"].item_id in in_deck
    unrelated = Item.objects.for_flashcards().exclude(concepts__in=mcq.concepts.all())
    assert not in_deck & set(unrelated.values_list("pk", flat=True))


def test_a_quiz_not_set_for_the_learner_is_no_deck(client, other_student, assigned_quiz):
    quiz, _ = assigned_quiz
    client.force_login(other_student)
    response = client.get(reverse("study:session"), {"deck": f"assigned:{quiz.pk}"})
    assert response.status_code == 404


def test_a_malformed_assigned_deck_is_no_deck(client, student, assigned_quiz):
    quiz, _ = assigned_quiz
    client.force_login(student)  # the quiz is set for this student, so only the form is wrong
    session = reverse("study:session")
    assert client.get(session, {"deck": f"assigned:{quiz.pk}"}).status_code == 200
    for value in ("assigned:", "assigned:x1", f"assigned:{quiz.pk}.0"):
        assert client.get(session, {"deck": value}).status_code == 404, value
