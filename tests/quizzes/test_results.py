"""Teachers read results: per student, per question, and as CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from quizapp.quizzes.answer_fields import AnswerFields
from quizapp.quizzes.attempts import attempt_start, attempt_submit, response_save
from quizapp.quizzes.results_views import item_statistics


def value(attempt, question, index: int) -> str:
    """What the attempt's page posts for the option at ``index``."""
    return AnswerFields(attempt.pk, question.pk).option_value(index)


@pytest.fixture
def class_results(django_user_model, teacher, quiz_factory, classroom):
    """Four students answer an mcq, a true/false and a qa question.

    Marks (mcq, tf, qa): s1 1,1,1 · s2 1,1,0 · s3 1,0,0 · s4 0,0,0 — hand-checked below.
    """
    from django.utils import timezone

    quiz = quiz_factory(kinds=("mcq", "true_false", "qa"))
    mcq, tf, qa = quiz.questions.select_related("item")
    wrong_mcq = next(i for i, o in enumerate(mcq.item.options) if o != mcq.item.answer)
    plan = [(1, 1, 1), (1, 1, 0), (1, 0, 0), (0, 0, 0)]
    for n, (m, t, q) in enumerate(plan, start=1):
        student = django_user_model.objects.create_user(f"s{n}", password="x")
        attempt = attempt_start(quiz=quiz, student=student, now=timezone.now())
        choice = mcq.item.options.index(mcq.item.answer) if m else wrong_mcq
        response_save(
            attempt=attempt,
            question=mcq,
            data={"choice": value(attempt, mcq, choice)},
            now=timezone.now(),
        )
        tf_choice = tf.item.options.index(
            tf.item.answer if t else next(o for o in tf.item.options if o != tf.item.answer)
        )
        response_save(
            attempt=attempt,
            question=tf,
            data={"choice": value(attempt, tf, tf_choice)},
            now=timezone.now(),
        )
        text = qa.item.answer if q else "no idea"
        response_save(attempt=attempt, question=qa, data={"text": text}, now=timezone.now())
        attempt_submit(attempt=attempt, now=timezone.now())
    return quiz, (mcq, tf, qa), mcq.item.options[wrong_mcq]


def test_item_statistics_match_a_small_example_worked_by_hand(class_results):
    quiz, (mcq, tf, qa), wrong = class_results
    stats = item_statistics(list(quiz.questions.select_related("item")), list(quiz.attempts.all()))
    # Facility = mean mark: mcq 3/4, tf 2/4, qa 1/4.
    assert stats.questions[mcq.pk].facility_index == pytest.approx(75)
    assert stats.questions[tf.pk].facility_index == pytest.approx(50)
    assert stats.questions[qa.pk].facility_index == pytest.approx(25)
    # tf against the rest (mcq + qa): tf = 1,1,0,0; rest = 2,1,1,0.
    # mean tf .5, rest 1; deviations tf (.5,.5,-.5,-.5), rest (1,0,0,-1);
    # Sxy = .5+0+0+.5 = 1; Sxx = 1; Syy = 2; r = 1/sqrt(2) = 0.7071.
    assert stats.questions[tf.pk].discrimination_index == pytest.approx(70.71, abs=0.01)
    assert stats.questions[mcq.pk].most_chosen_wrong.text == wrong
    assert stats.questions[mcq.pk].most_chosen_wrong.count == 1


def test_the_results_page_shows_each_student_and_question(client, teacher, class_results):
    quiz, _, wrong = class_results
    client.force_login(teacher)
    page = client.get(reverse("quizzes:results", args=[quiz.pk]))
    assert page.status_code == 200
    for name in ("s1", "s2", "s3", "s4"):
        assert f"<td>{name}</td>".encode() in page.content
    assert b"70.7%" in page.content
    assert wrong.encode() in page.content


def test_the_csv_holds_one_row_per_attempt_with_each_questions_mark(client, teacher, class_results):
    quiz, _, _ = class_results
    client.force_login(teacher)
    response = client.get(reverse("quizzes:results_csv", args=[quiz.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "student",
        "attempt",
        "started",
        "submitted",
        "automatic",
        "score",
        "max",
        "percent",
        "Q1",
        "Q2",
        "Q3",
    ]
    by_student = {row[0]: row for row in rows[1:]}
    assert by_student["s2"][5:] == ["2", "3", "66.7", "1", "1", "0"]
    assert by_student["s4"][5:] == ["0", "3", "0", "0", "0", "0"]
    assert len(rows) == 5


def test_the_teacher_sees_one_students_attempt_with_the_answers(client, teacher, class_results):
    quiz, _, _ = class_results
    attempt = quiz.attempts.get(student__username="s3")
    client.force_login(teacher)
    page = client.get(reverse("quizzes:attempt_detail", args=[quiz.pk, attempt.pk]))
    assert page.status_code == 200
    assert b"The answer:" in page.content
    assert b"s3's result: 1 of 3" in page.content
    other = reverse("quizzes:attempt_detail", args=[quiz.pk + 1000, attempt.pk])
    assert client.get(other).status_code == 404  # the attempt under another quiz's number


def test_the_printable_quiz_puts_the_answer_key_on_its_own_page(client, teacher, quiz_factory):
    quiz = quiz_factory()
    client.force_login(teacher)
    page = client.get(reverse("quizzes:print", args=[quiz.pk]))
    assert b'class="answer-key"' in page.content
    for question in quiz.questions.all():
        assert question.item.shown_prompt.encode() in page.content


def test_a_students_data_download_holds_their_attempts_and_answers(client, class_results):
    import json

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="s2"))
    data = json.loads(b"".join(client.get(reverse("account_data")).streaming_content))
    attempts = data["quizzes"]["attempts"]
    assert [a["score"] for a in attempts] == [2.0]
    assert len(attempts[0]["responses"]) == 3
