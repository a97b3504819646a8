"""While a quiz can be taken and its answers are not yet to be shown, its questions are in
no deck, export or card of a student who may take it (issue 19).

Before, ``/exchange/export/gift/?deck=assigned:<quiz>`` gave an exam's whole key with
``=right`` before it was started, the assigned deck showed it as flashcards, and
``deck=all`` held every approved item with its answer.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.exchange.gift import escape
from quizapp.quizzes.models import Attempt
from quizapp.study.models import Card, StudySettings

KINDS = ("mcq", "qa", "cloze")


@pytest.fixture
def exam(client, student, quiz_factory, assigned):
    client.force_login(student)
    StudySettings.objects.create(user=student, new_per_day=9999)

    def make(**settings):
        return assigned(quiz_factory(kinds=KINDS, **settings))

    return make


def quiz_items(quiz) -> list[Item]:
    return [q.item for q in quiz.questions.select_related("item")]


def gift(client, deck: str) -> str:
    response = client.get(reverse("exchange:export", args=["gift"]), {"deck": deck})
    assert response.status_code == 200
    return response.content.decode()


def in_gift(item: Item, text: str) -> bool:
    return f"::{escape(item.key)}::" in text


def submit(client, quiz) -> None:
    client.post(reverse("quizzes:begin", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz, submitted_at__isnull=True)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))


def test_an_open_exams_questions_are_in_no_export(client, exam):
    quiz = exam()
    for deck in ("all", f"assigned:{quiz.pk}"):
        text = gift(client, deck)
        assert not [item.key for item in quiz_items(quiz) if in_gift(item, text)], deck


def test_the_material_it_tests_stays_in_the_assigned_deck(client, exam):
    quiz = exam()
    qa = next(item for item in quiz_items(quiz) if item.kind == "qa")
    same_fact = Item.objects.filter(fact=qa.fact, status="approved").exclude(quiz_uses__quiz=quiz)
    text = gift(client, f"assigned:{quiz.pk}")
    assert same_fact and all(in_gift(item, text) for item in same_fact)


def test_an_open_exams_questions_are_never_shown_as_flashcards(client, student, exam):
    quiz = exam()
    withheld = {item.pk for item in quiz_items(quiz)}
    session = reverse("study:session")
    for deck in (f"assigned:{quiz.pk}", "all"):
        shown = set()
        page = client.get(session, {"deck": deck})
        while page.context["card"] is not None:
            card = page.context["card"]
            shown.add(card.item_id)
            data = {"card": card.pk, "version": card.reps, "rating": 4, "deck": deck}
            page = client.post(reverse("study:review"), {**data, "shown_at": 0}, follow=True)
        assert shown and not shown & withheld, deck
    # A card of one of them exists (every approved flashcard item has one), but its back,
    # which holds the answer, is not found.
    card = Card.objects.get(user=student, item__in=withheld, item__kind="qa")
    assert client.get(session, {"deck": "all", "show": card.pk}).status_code == 404


def new_left(client) -> int:
    everything = client.get(reverse("study:home")).context["rows"][0][1]
    return everything.new_left


def test_deck_counts_leave_them_out(client, exam, quiz_factory, assigned):
    quiz = quiz_factory(kinds=KINDS)
    before = new_left(client)
    assigned(quiz)
    flashcards = Item.objects.for_flashcards().filter(quiz_uses__quiz=quiz).count()
    assert flashcards and new_left(client) == before - flashcards


def test_the_data_download_keeps_their_answers_back(client, student, exam):
    quiz = exam()
    client.get(reverse("study:session"), {"deck": "all"})
    data = json.loads(b"".join(client.get(reverse("account_data")).streaming_content))
    keys = {item.key for item in quiz_items(quiz)}
    cards = [card for card in data["study"]["cards"] if card["item_key"] in keys]
    assert cards and all(card["answer"] is None for card in cards)


def test_after_submitting_they_come_back_when_answers_follow_submission(client, exam):
    quiz = exam(show_answers="submit")
    submit(client, quiz)
    text = gift(client, "all")
    assert all(in_gift(item, text) for item in quiz_items(quiz) if item.kind != "ordering")


@pytest.mark.parametrize("policy", ["close", "never"])
def test_after_submitting_they_stay_withheld_until_the_answers_may_be_shown(client, exam, policy):
    quiz = exam(show_answers=policy, closes_at=timezone.now() + dt.timedelta(days=1))
    submit(client, quiz)
    assert not any(in_gift(item, gift(client, "all")) for item in quiz_items(quiz))
    quiz.closes_at = timezone.now() - dt.timedelta(minutes=1)
    quiz.opens_at = None
    quiz.save()
    back = [in_gift(item, gift(client, "all")) for item in quiz_items(quiz)]
    assert all(back) if policy == "close" else not any(back)


def test_the_teacher_who_owns_the_quiz_still_exports_it(client, teacher, exam):
    quiz = exam()
    client.force_login(teacher)
    text = gift(client, "all")
    assert all(in_gift(item, text) for item in quiz_items(quiz))
