"""Missed questions become flashcards only once the quiz lets the student see its answers
(issue 19): "show answers after close" and "never" were bypassed by the cards made from
missed questions, there right after submitting while a second attempt was still open.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizapp.quizzes.models import Attempt
from quizapp.study.models import Card
from tests.quizzes.teacher_settings import change_settings


@pytest.fixture
def missed(client, student, quiz_factory, assigned):
    """A quiz submitted with nothing answered, with a second attempt allowed."""
    client.force_login(student)

    def take(**settings):
        quiz = assigned(quiz_factory(kinds=("mcq", "true_false"), attempts_allowed=2, **settings))
        client.post(reverse("quizzes:begin", args=[quiz.pk]))
        attempt = Attempt.objects.get(quiz=quiz, submitted_at__isnull=True)
        result = client.post(reverse("quizzes:finish", args=[attempt.pk]), follow=True)
        return quiz, result

    return take


def carded(client, student, quiz) -> bool:
    """After the student opens their flashcards: has any question of the quiz a card?"""
    client.get(reverse("study:home"))
    return Card.objects.filter(user=student, item__quiz_uses__quiz=quiz).exists()


@pytest.mark.parametrize("policy", ["close", "never"])
def test_no_card_of_a_missed_question_before_the_answers_may_be_shown(
    client, student, missed, policy
):
    quiz, result = missed(show_answers=policy, closes_at=timezone.now() + dt.timedelta(days=1))
    assert b"are now among your" not in result.content
    assert not carded(client, student, quiz)


def test_the_cards_come_on_the_first_visit_after_the_quiz_closes(client, student, missed):
    quiz, _ = missed(show_answers="close", closes_at=timezone.now() + dt.timedelta(days=1))
    change_settings(quiz, closes_at=timezone.now() - dt.timedelta(minutes=1))
    assert carded(client, student, quiz)


def test_a_quiz_that_never_shows_answers_never_makes_cards(client, student, missed):
    quiz, _ = missed(show_answers="never", closes_at=timezone.now() + dt.timedelta(days=1))
    change_settings(quiz, closes_at=timezone.now() - dt.timedelta(minutes=1))
    assert not carded(client, student, quiz)


def test_the_cards_come_when_the_teacher_lets_answers_be_shown(client, student, missed):
    quiz, _ = missed(show_answers="never")
    change_settings(quiz, show_answers="submit")
    assert carded(client, student, quiz)


def test_answers_shown_on_submission_make_cards_at_once(client, student, missed):
    quiz, result = missed(show_answers="submit")
    assert b"are now among your" in result.content
    assert Card.objects.filter(user=student, item__quiz_uses__quiz=quiz).count() == 2
