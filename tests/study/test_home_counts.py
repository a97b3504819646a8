"""The study home's counts, read for all decks at once, agree with each deck's own queue."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.classroom.models import Classroom, Membership
from quizapp.quizzes.models import Quiz, QuizItem
from quizapp.study.models import Card
from quizapp.study.queue import StudyQueue
from quizapp.study.services import settings_for


def test_home_counts_match_each_decks_queue(student_client, student, teacher):
    room = Classroom.objects.create(teacher=teacher, name="Class")
    Membership.objects.create(classroom=room, student=student)
    quiz = Quiz.objects.create(owner=teacher, title="Set")
    QuizItem.objects.create(quiz=quiz, item=Item.objects.filter(kind="mcq").first(), position=1)
    room.assignments.create(quiz=quiz)
    student_client.get(reverse("study:home"))  # makes the NEW cards
    now = timezone.now()
    cards = list(Card.objects.filter(user=student).order_by("pk"))
    for n, card in enumerate(cards[:6]):
        card.state = (Card.State.REVIEW, Card.State.LEARNING)[n % 2]
        card.due = now - dt.timedelta(minutes=5) if n < 4 else now + dt.timedelta(days=2)
        card.stability, card.difficulty, card.last_review = 3.0, 5.0, now - dt.timedelta(days=3)
        card.save()
    page = student_client.get(reverse("study:home"))
    settings = settings_for(student)
    for deck, shown in page.context["rows"]:
        expected = StudyQueue(student, deck, settings, timezone.now()).progress()
        assert (shown.new_left, shown.due_left) == (expected.new_left, expected.due_left), deck
    assert any(deck.kind == "assigned" for deck, _ in page.context["rows"])
    assert any(progress.due_left for _, progress in page.context["rows"][1:])
