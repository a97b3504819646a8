"""Reviews and quiz answers are never lost or doubled when requests race (issue 7).

Real concurrent requests: each thread has its own test client (all sharing one
student's session, as two browser tabs do) and its own database connection, and a
barrier makes them send their requests at the same moment. Runs on SQLite (WAL,
IMMEDIATE transactions) and on PostgreSQL (row locks) alike.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.classroom.models import Classroom, Membership
from quizapp.quizzes.models import Attempt, Quiz, Response
from quizapp.quizzes.questions import grade
from quizapp.study.models import Card, Review
from quizapp.study.scheduler import snapshot
from tests.quizzes.conftest import build_quiz

pytestmark = pytest.mark.django_db(transaction=True)

TABS = 6
TYPED_KINDS = ("qa", "short_answer", "cloze", "definition", "reverse")


# --- the database: threads need one they can all open --------------------------------------


@pytest.fixture(scope="module", autouse=True)
def shared_file_database(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """On SQLite, move this module's tests from the in-memory test database to a file.

    Threads cannot take turns on a shared-cache in-memory database the way real
    connections do (no WAL, table locks fail at once instead of waiting), so this
    module migrates a file of its own and puts the in-memory one back afterwards.
    PostgreSQL needs nothing: every thread connects to the same test database.
    """
    main = connections["default"]
    if main.vendor != "sqlite" or not main.is_in_memory_db():
        yield
        return
    # A new settings dict and a new connection object for the file: the in-memory
    # connection, which a live server thread left by a browser test may still share and
    # close, keeps its own settings, so its closing stays the no-op it is for memory.
    in_memory_settings = connections.settings["default"]
    with django_db_blocker.unblock():
        connections.settings["default"] = {
            **in_memory_settings,
            "NAME": str(tmp_path_factory.mktemp("concurrency") / "test.sqlite3"),
        }
        connections["default"] = connections.create_connection("default")
        call_command("migrate", verbosity=0, stdout=io.StringIO())
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            connections["default"].close()
            connections.settings["default"] = in_memory_settings
            connections["default"] = main


# --- running requests together ---------------------------------------------------------------


def tabs(user, count: int = TABS) -> list[Client]:
    """``count`` clients on one logged-in session, like browser tabs."""
    first = Client()
    first.force_login(user)
    others = [Client() for _ in range(count - 1)]
    for other in others:
        other.cookies = SimpleCookie(first.cookies)
    return [first, *others]


def together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call in its own thread, all released at once; their results, in order.

    The test client re-raises a view's exception, so a 500 fails the test with its
    traceback rather than hiding in a status code.
    """
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        try:
            barrier.wait(timeout=30)
            return call()
        finally:
            connection.close()  # this thread's connection; the main thread's is untouched

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def text_of(response) -> str:
    return response.content.decode()


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def card(bank, student) -> Card:
    item = Item.objects.filter(status=Item.Status.APPROVED, kind="definition").first()
    return Card.objects.create(user=student, item=item, due=timezone.now())


def grade_post(card: Card, rating: int = 3, version: int | None = None) -> dict:
    """The fields the session page's grade form sends."""
    return {
        "card": card.pk,
        "version": card.reps if version is None else version,
        "deck": "all",
        "shown_at": int(time.time() * 1000) - 4000,
        "rating": rating,
    }


@pytest.fixture
def quiz_for(bank, teacher, student) -> Callable[..., Quiz]:
    """A quiz of typed questions set for the student's class."""
    room = Classroom.objects.create(teacher=teacher, name="Year 12")
    Membership.objects.create(classroom=room, student=student)

    def make(count: int = 3, **settings) -> Quiz:
        typed = Item.objects.filter(status=Item.Status.APPROVED, kind__in=TYPED_KINDS)
        # Right answers must score, so that a score counts exactly the answers that landed.
        items = [item for item in typed.order_by("pk") if grade(item, item.answer) == 1][:count]
        assert len(items) == count, "the fixture content has too few typed items"
        quiz = build_quiz(teacher, items, **settings)
        room.assignments.create(quiz=quiz)
        return quiz

    return make


def begin(client: Client, quiz: Quiz) -> Attempt:
    page = client.post(reverse("quizzes:begin", args=[quiz.pk]))
    assert page.status_code == 302
    return Attempt.objects.get(quiz=quiz, submitted_at__isnull=True)


def answer_url(attempt: Attempt, question) -> str:
    return reverse("quizzes:answer", args=[attempt.pk, question.pk])


def questions_of(attempt: Attempt) -> list:
    return list(attempt.quiz.questions.select_related("item").order_by("position"))


def assert_graded_from_stored_answers(attempt: Attempt) -> None:
    """Every question has one graded response, and the score is the sum of their grades."""
    attempt.refresh_from_db()
    assert attempt.is_submitted
    questions = questions_of(attempt)
    responses = {r.question_id: r for r in Response.objects.filter(attempt=attempt)}
    assert set(responses) == {q.pk for q in questions}
    expected = 0.0
    for question in questions:
        response = responses[question.pk]
        assert response.fraction == grade(question.item, response.answer)
        expected += float(question.marks) * response.fraction
    assert attempt.score == pytest.approx(expected)
    assert attempt.max_score == float(sum(q.marks for q in questions))


# --- 1 to 3: grading a card -------------------------------------------------------------------


def test_the_same_grade_from_many_tabs_at_once_is_recorded_once(student, card):
    clients = tabs(student)
    data = grade_post(card)
    responses = together(
        [lambda c=c: c.post(reverse("study:review"), data, HTTP_HX_REQUEST="true") for c in clients]
    )

    assert [r.status_code for r in responses] == [200] * TABS
    said = [text_of(r) for r in responses]
    assert sum("Graded Good." in s for s in said) == 1
    assert sum("That card was already graded." in s for s in said) == TABS - 1
    assert Review.objects.filter(card=card).count() == 1
    assert Review.objects.get(card=card).reps_before == 0
    card.refresh_from_db()
    assert card.reps == 1


def test_different_grades_from_two_tabs_one_wins_and_the_card_matches_it(student, card):
    clients = tabs(student, 4)
    labels = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
    sent = [1, 2, 3, 4]
    responses = together(
        [
            lambda c=c, r=r: c.post(
                reverse("study:review"), grade_post(card, rating=r), HTTP_HX_REQUEST="true"
            )
            for c, r in zip(clients, sent, strict=True)
        ]
    )

    assert [r.status_code for r in responses] == [200] * 4
    review = Review.objects.get(card=card)
    winners = [r for r, resp in zip(sent, responses, strict=True) if "Graded" in text_of(resp)]
    assert winners == [review.rating]
    assert f"Graded {labels[review.rating]}." in text_of(responses[sent.index(review.rating)])
    card.refresh_from_db()
    assert card.reps == 1
    assert snapshot(card) == review.after
    assert card.state == review.state_after


def test_a_retried_grade_after_it_succeeded_records_nothing(student, card):
    (client,) = tabs(student, 1)
    first_post = grade_post(card, rating=3)
    first = client.post(reverse("study:review"), first_post)
    assert first.status_code == 302
    card.refresh_from_db()
    after_first = snapshot(card)

    again = client.post(reverse("study:review"), first_post, follow=True)
    assert again.status_code == 200
    assert "That card was already graded." in text_of(again)
    card.refresh_from_db()
    assert snapshot(card) == after_first
    assert Review.objects.filter(card=card).count() == 1

    # The card moves on (version 1 graded); a late replay of version 0 still changes nothing.
    client.post(reverse("study:review"), grade_post(card, rating=4))
    card.refresh_from_db()
    moved_on = snapshot(card)
    replays = together(
        [
            lambda c=c: c.post(reverse("study:review"), first_post, HTTP_HX_REQUEST="true")
            for c in tabs(student, 3)
        ]
    )
    assert all("That card was already graded." in text_of(r) for r in replays)
    card.refresh_from_db()
    assert snapshot(card) == moved_on
    assert sorted(Review.objects.filter(card=card).values_list("reps_before", flat=True)) == [0, 1]


# --- 4: saving quiz answers -------------------------------------------------------------------


def test_answers_to_one_question_from_many_tabs_leave_one_of_them(student, quiz_for):
    clients = tabs(student)
    attempt = begin(clients[0], quiz_for())
    question = questions_of(attempt)[0]
    sent = [f"answer from tab {n}" for n in range(TABS)]
    responses = together(
        [
            lambda c=c, s=s: c.post(
                answer_url(attempt, question), {"text": s}, HTTP_HX_REQUEST="true"
            )
            for c, s in zip(clients, sent, strict=True)
        ]
    )

    assert [r.status_code for r in responses] == [200] * TABS
    assert all(text_of(r).startswith("Saved at") for r in responses)
    stored = Response.objects.get(attempt=attempt)
    assert stored.question_id == question.pk
    assert stored.answer in sent


def test_answers_to_different_questions_at_once_are_all_kept(student, quiz_for):
    clients = tabs(student)
    attempt = begin(clients[0], quiz_for(TABS))
    questions = questions_of(attempt)
    responses = together(
        [
            lambda c=c, q=q: c.post(
                answer_url(attempt, q), {"text": f"answer to {q.pk}"}, HTTP_HX_REQUEST="true"
            )
            for c, q in zip(clients, questions, strict=True)
        ]
    )

    assert [r.status_code for r in responses] == [200] * TABS
    stored = dict(Response.objects.filter(attempt=attempt).values_list("question_id", "answer"))
    assert stored == {q.pk: f"answer to {q.pk}" for q in questions}


# --- 5: submitting ----------------------------------------------------------------------------


def test_submitting_from_many_tabs_at_once_grades_the_attempt_once(student, quiz_for):
    clients = tabs(student)
    attempt = begin(clients[0], quiz_for())
    first, second, _ = questions_of(attempt)
    clients[0].post(answer_url(attempt, first), {"text": first.item.answer})
    clients[0].post(answer_url(attempt, second), {"text": "not the answer at all"})

    responses = together(
        [
            lambda c=c: c.post(reverse("quizzes:finish", args=[attempt.pk]), follow=True)
            for c in clients
        ]
    )

    assert [r.status_code for r in responses] == [200] * TABS
    said = [text_of(r) for r in responses]
    assert sum("Submitted. You scored 1 of 3." in s for s in said) == 1
    assert sum("already submitted" in s for s in said) == TABS - 1
    assert Attempt.objects.filter(quiz=attempt.quiz).count() == 1
    assert Response.objects.filter(attempt=attempt).count() == 3
    assert_graded_from_stored_answers(attempt)
    attempt.refresh_from_db()
    assert attempt.score == 1 and not attempt.submitted_automatically


@pytest.mark.parametrize("round_", range(3))
def test_an_answer_racing_the_submission_lands_before_grading_or_is_refused(
    student, quiz_for, round_
):
    clients = tabs(student, TABS)
    attempt = begin(clients[0], quiz_for(TABS - 1))
    questions = questions_of(attempt)
    finish = reverse("quizzes:finish", args=[attempt.pk])
    # Every answer is right, so each one that lands before grading adds exactly one mark.
    calls = [lambda c=clients[0]: c.post(finish)]
    calls += [
        lambda c=c, q=q: c.post(
            answer_url(attempt, q), {"text": q.item.answer}, HTTP_HX_REQUEST="true"
        )
        for c, q in zip(clients[1:], questions, strict=True)
    ]
    submitted, *saves = together(calls)

    assert submitted.status_code == 302
    stored = {r.question_id: r for r in Response.objects.filter(attempt=attempt)}
    landed = 0
    for question, save in zip(questions, saves, strict=True):
        assert save.status_code == 200
        if text_of(save).startswith("Saved at"):
            landed += 1
            assert stored[question.pk].answer == question.item.answer
            assert stored[question.pk].fraction == 1.0
        else:
            # Refused: the page is sent back to the submitted attempt, and nothing was stored.
            assert save.headers["HX-Redirect"] == attempt.get_absolute_url()
            assert stored[question.pk].answer is None
            assert stored[question.pk].fraction == 0.0
    assert_graded_from_stored_answers(attempt)
    attempt.refresh_from_db()
    assert attempt.score == landed


# --- 6: starting ------------------------------------------------------------------------------


@pytest.mark.parametrize("attempts_allowed", [0, 1, 3])  # 0: unlimited
def test_starting_from_many_tabs_at_once_opens_one_attempt(student, quiz_for, attempts_allowed):
    quiz = quiz_for(attempts_allowed=attempts_allowed)
    clients = tabs(student)
    start = reverse("quizzes:begin", args=[quiz.pk])
    responses = together([lambda c=c: c.post(start) for c in clients])

    attempt = Attempt.objects.get(quiz=quiz, student=student)
    assert attempt.number == 1
    assert [r.status_code for r in responses] == [302] * TABS
    assert {r.url for r in responses} == {attempt.get_absolute_url()}


def test_starting_again_from_many_tabs_after_a_submission_opens_one_more(student, quiz_for):
    quiz = quiz_for(attempts_allowed=0)
    clients = tabs(student)
    first = begin(clients[0], quiz)
    clients[0].post(reverse("quizzes:finish", args=[first.pk]))
    start = reverse("quizzes:begin", args=[quiz.pk])
    responses = together([lambda c=c: c.post(start) for c in clients])

    second = Attempt.objects.get(quiz=quiz, submitted_at__isnull=True)
    assert second.number == 2
    assert Attempt.objects.filter(quiz=quiz).count() == 2
    assert {r.url for r in responses} == {second.get_absolute_url()}
