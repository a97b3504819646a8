"""Taking a quiz through the pages: start, save as you go, review, submit, feedback."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from quizapp.quizzes.models import Attempt, Response
from quizapp.study.models import Card
from tests.quizzes.page_forms import choice_value, question_fields


@pytest.fixture
def taking(client, student, quiz_factory, assigned):
    client.force_login(student)

    def start(**settings):
        quiz = assigned(quiz_factory(**settings))
        page = client.post(reverse("quizzes:begin", args=[quiz.pk]))
        attempt = Attempt.objects.get(quiz=quiz, student=student, submitted_at__isnull=True)
        assert page.url == attempt.get_absolute_url()
        return attempt

    return start


def questions(attempt):
    return {q.item.kind: q for q in attempt.quiz.questions.select_related("item")}


def answer_url(attempt, question):
    return reverse("quizzes:answer", args=[attempt.pk, question.pk])


def right_choice(client, attempt, question):
    return choice_value(client, attempt, question, question.item.answer)


def test_answers_are_saved_as_they_are_given_and_survive_a_reload(client, taking):
    attempt = taking()
    mcq = questions(attempt)["mcq"]
    saved = client.post(
        answer_url(attempt, mcq),
        {"choice": right_choice(client, attempt, mcq)},
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    assert b"Saved at" in saved.content
    assert Response.objects.get(attempt=attempt, question=mcq).answer == mcq.item.answer
    number = attempt.question_order.index(mcq.pk) + 1
    page = client.get(f"{attempt.get_absolute_url()}?q={number}")
    shown = page.context["views"][0]
    assert shown.question == mcq and shown.answered
    assert shown.selected == right_choice(client, attempt, mcq)  # the radio comes back checked
    assert f'value="{shown.selected}" checked'.encode() in page.content


def test_without_javascript_save_and_next_moves_one_question_on(client, taking):
    attempt = taking()
    first = attempt.quiz.questions.get(pk=attempt.question_order[0])
    response = client.post(answer_url(attempt, first), {"action": "next", "page": "1", "text": "x"})
    assert response.url.endswith("?q=2")
    last = attempt.quiz.questions.get(pk=attempt.question_order[-1])
    response = client.post(answer_url(attempt, last), {"action": "next", "page": "3"})
    assert response.url == reverse("quizzes:review", args=[attempt.pk])


def test_the_review_page_lists_unanswered_questions_before_submitting(client, taking):
    attempt = taking()
    mcq = questions(attempt)["mcq"]
    client.post(answer_url(attempt, mcq), {"choice": right_choice(client, attempt, mcq)})
    page = client.get(reverse("quizzes:review", args=[attempt.pk]))
    assert page.context["unanswered"] == 2
    assert b"2 questions not answered" in page.content
    assert b"Submit the attempt" in page.content


def test_submitting_grades_every_question_and_shows_feedback_with_the_source(client, taking):
    attempt = taking()
    qs = questions(attempt)
    client.post(
        answer_url(attempt, qs["mcq"]), {"choice": right_choice(client, attempt, qs["mcq"])}
    )
    client.post(answer_url(attempt, qs["qa"]), {"text": qs["qa"].item.answer.lower()})
    response = client.post(reverse("quizzes:finish", args=[attempt.pk]), follow=True)
    attempt.refresh_from_db()
    assert attempt.score == 2 and attempt.max_score == 3
    assert b"Your result: 2 of 3" in response.content
    assert qs["mcq"].item.get_source_url().encode().replace(b"&", b"&amp;") in response.content
    assert b"Not answered." in response.content


def test_an_attempt_cannot_be_submitted_twice(client, taking):
    attempt = taking()
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    first = Attempt.objects.get(pk=attempt.pk).submitted_at
    again = client.post(reverse("quizzes:finish", args=[attempt.pk]), follow=True)
    assert b"already submitted" in again.content
    assert Attempt.objects.get(pk=attempt.pk).submitted_at == first


def test_an_answer_after_submission_is_refused_and_changes_nothing(client, taking):
    attempt = taking()
    mcq = questions(attempt)["mcq"]
    right = right_choice(client, attempt, mcq)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    response = client.post(answer_url(attempt, mcq), {"choice": right}, follow=True)
    assert b"already submitted" in response.content
    assert Response.objects.get(attempt=attempt, question=mcq).answer is None


def test_a_forged_option_is_refused_with_a_message_and_saves_nothing(client, taking):
    attempt = taking()
    mcq = questions(attempt)["mcq"]
    response = client.post(answer_url(attempt, mcq), {"choice": "99"}, HTTP_HX_REQUEST="true")
    assert b"not one of this question" in response.content
    assert not Response.objects.filter(attempt=attempt).exists()


def test_a_question_of_another_quiz_is_not_found(client, taking, quiz_factory):
    attempt = taking()
    stranger = quiz_factory().questions.first()
    response = client.post(answer_url(attempt, stranger), {"choice": "0"})
    assert response.status_code == 404


def test_the_server_refuses_a_late_answer_and_submits_the_attempt(client, taking):
    attempt = taking(time_limit_minutes=5)
    assert attempt.deadline == attempt.started_at + dt.timedelta(minutes=5)
    mcq = questions(attempt)["mcq"]
    client.post(answer_url(attempt, mcq), {"choice": right_choice(client, attempt, mcq)})
    started = timezone.now() - dt.timedelta(minutes=5, seconds=1)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=started)
    qa = questions(attempt)["qa"]
    late = client.post(answer_url(attempt, qa), {"text": qa.item.answer}, HTTP_HX_REQUEST="true")
    assert late.headers["HX-Redirect"] == attempt.get_absolute_url()
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.submitted_automatically
    assert attempt.score == 1
    assert Response.objects.get(attempt=attempt, question=qa).answer is None


def test_an_overdue_attempt_is_submitted_when_it_is_next_opened(client, taking):
    attempt = taking(time_limit_minutes=1)
    started = timezone.now() - dt.timedelta(minutes=1, seconds=1)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=started)
    page = client.get(attempt.get_absolute_url())
    assert page.templates[0].name == "quizzes/result.html"
    assert Attempt.objects.get(pk=attempt.pk).submitted_automatically


def test_the_timer_shows_the_seconds_the_server_allows(client, taking):
    attempt = taking(time_limit_minutes=10)
    page = client.get(attempt.get_absolute_url())
    assert 590 <= page.context["seconds_left"] <= 600
    assert b'data-seconds-left="' in page.content and b'id="timeout-submit"' in page.content


def test_a_quiz_closing_sets_the_deadline(client, taking):
    closes = timezone.now() + dt.timedelta(minutes=3)
    attempt = taking(time_limit_minutes=30, closes_at=closes)
    assert attempt.deadline == closes


def test_a_closed_or_unopened_quiz_cannot_be_started(client, student, quiz_factory, assigned):
    client.force_login(student)
    past = timezone.now() - dt.timedelta(days=1)
    closed = assigned(quiz_factory(opens_at=past - dt.timedelta(days=1), closes_at=past))
    later = assigned(quiz_factory(opens_at=timezone.now() + dt.timedelta(days=1)))
    for quiz, words in ((closed, b"This quiz closed on"), (later, b"This quiz opens on")):
        response = client.post(reverse("quizzes:begin", args=[quiz.pk]), follow=True)
        assert words in response.content
        assert not quiz.attempts.exists()


def test_attempts_allowed_is_enforced(client, student, quiz_factory, assigned):
    client.force_login(student)
    quiz = assigned(quiz_factory(attempts_allowed=2))
    for _ in range(2):
        client.post(reverse("quizzes:begin", args=[quiz.pk]))
        attempt = quiz.attempts.get(submitted_at__isnull=True)
        client.post(reverse("quizzes:finish", args=[attempt.pk]))
    response = client.post(reverse("quizzes:begin", args=[quiz.pk]), follow=True)
    assert b"You have used all 2 attempts" in response.content
    assert quiz.attempts.count() == 2


def test_starting_twice_resumes_the_open_attempt(client, taking):
    attempt = taking()
    again = client.post(reverse("quizzes:begin", args=[attempt.quiz.pk]))
    assert again.url == attempt.get_absolute_url()
    assert Attempt.objects.filter(quiz=attempt.quiz).count() == 1


def test_practice_mode_gives_feedback_at_once_and_then_locks_the_answer(client, taking):
    attempt = taking(mode="practice")
    mcq = questions(attempt)["mcq"]
    wrong = next(o for o in mcq.item.options if o != mcq.item.answer)
    wrong_value = choice_value(client, attempt, mcq, wrong)
    checked = client.post(
        answer_url(attempt, mcq), {"choice": wrong_value, "action": "check"}, HTTP_HX_REQUEST="true"
    )
    assert b"Not right." in checked.content and mcq.item.answer.encode() in checked.content
    assert b"Read the source passage" in checked.content
    client.post(answer_url(attempt, mcq), {"choice": right_choice(client, attempt, mcq)})
    assert Response.objects.get(attempt=attempt, question=mcq).fraction == 0


def test_exam_mode_refuses_to_check_an_answer_before_submission(client, taking):
    attempt = taking(mode="exam")
    mcq = questions(attempt)["mcq"]
    response = client.post(
        answer_url(attempt, mcq), {"choice": "0", "action": "check"}, HTTP_HX_REQUEST="true"
    )
    assert b"Feedback comes after you submit" in response.content
    assert not Response.objects.filter(attempt=attempt).exists()


def test_shuffled_questions_keep_their_order_for_the_whole_attempt(client, taking):
    attempt = taking(shuffle_questions=True)
    ids = sorted(attempt.quiz.questions.values_list("pk", flat=True))
    assert sorted(attempt.question_order) == ids
    page = client.get(attempt.get_absolute_url())
    assert [v.question.pk for v in page.context["all_views"]] == attempt.question_order


def test_shuffled_options_are_shown_in_the_attempts_order(client, taking):
    attempt = taking(shuffle_options=True)
    mcq = questions(attempt)["mcq"]
    order = attempt.option_orders[str(mcq.pk)]
    assert sorted(order) == list(range(len(mcq.item.options)))
    page = client.get(attempt.get_absolute_url())
    view = next(v for v in page.context["all_views"] if v.question.pk == mcq.pk)
    assert [c.text for c in view.choices] == [mcq.item.options[i] for i in order]
    assert "true_false" not in [
        q.item.kind for q in attempt.quiz.questions.all() if str(q.pk) in attempt.option_orders
    ]


def test_all_on_one_page_shows_every_question(client, taking):
    attempt = taking(layout="all")
    page = client.get(attempt.get_absolute_url())
    assert len(page.context["views"]) == 3
    assert page.content.count(b'class="quiz-question"') == 3


@pytest.mark.parametrize(
    ("policy", "closes_in", "shown"),
    [("submit", None, True), ("never", None, False), ("close", 60, False), ("close", -1, True)],
)
def test_answers_are_shown_as_the_quiz_says(client, taking, policy, closes_in, shown):
    attempt = taking(show_answers=policy)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    if closes_in is not None:
        attempt.quiz.closes_at = timezone.now() + dt.timedelta(minutes=closes_in)
        attempt.quiz.save()
    page = client.get(attempt.get_absolute_url())
    assert page.context["show_answers"] is shown
    assert (b"The answer:" in page.content) is shown


def test_missed_questions_join_the_students_flashcards(client, taking, student):
    attempt = taking()
    qs = questions(attempt)
    client.post(
        answer_url(attempt, qs["mcq"]), {"choice": right_choice(client, attempt, qs["mcq"])}
    )
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    carded = set(Card.objects.filter(user=student).values_list("item_id", flat=True))
    assert carded == {qs["true_false"].item_id, qs["qa"].item_id}


def test_a_missed_matching_question_brings_its_concepts_study_cards(
    client, student, teacher, matching_item, assigned
):
    from quizapp.bank.models import Item
    from tests.quizzes.conftest import build_quiz

    definition = Item.objects.for_flashcards().filter(fact__isnull=True).first()
    matching_item.concepts.set(definition.concepts.all())
    quiz = assigned(build_quiz(teacher, [matching_item]))
    client.force_login(student)
    client.post(reverse("quizzes:begin", args=[quiz.pk]))
    attempt = quiz.attempts.get()
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert Card.objects.filter(user=student, item=definition).exists()
    assert not Card.objects.filter(user=student, item=matching_item).exists()


def test_the_share_link_lets_a_student_outside_the_class_take_the_quiz(
    client, other_student, quiz_factory
):
    quiz = quiz_factory()
    client.force_login(other_student)
    assert client.get(reverse("quizzes:take", args=[quiz.pk])).status_code == 404
    page = client.get(quiz.get_share_url())
    assert page.status_code == 200
    started = client.post(reverse("quizzes:begin", args=[quiz.pk]), {"token": quiz.share_token})
    assert started.url == quiz.attempts.get(student=other_student).get_absolute_url()
    forged = client.post(reverse("quizzes:begin", args=[quiz.pk]), {"token": "guess"})
    assert forged.status_code == 404


def test_moving_on_from_a_checked_answer_keeps_it_and_goes_to_the_next(client, taking):
    attempt = taking(mode="practice")
    first = attempt.quiz.questions.get(pk=attempt.question_order[0])
    data = {"text": "x", "action": "check"}
    for field in question_fields(client, attempt, first):
        data[field.name] = field.options[0][0]
    client.post(answer_url(attempt, first), data, HTTP_HX_REQUEST="true")
    saved = Response.objects.get(attempt=attempt, question=first)
    moved = client.post(answer_url(attempt, first), {"action": "next", "page": "1"})
    assert moved.url.endswith("?q=2")
    assert Response.objects.get(pk=saved.pk).answer == saved.answer
    again = client.post(answer_url(attempt, first), {**data}, HTTP_HX_REQUEST="true")
    assert b"already checked" in again.content
