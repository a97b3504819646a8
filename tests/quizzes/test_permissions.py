"""Every quiz and class view, for visitors, another student and another teacher."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from quizapp.classroom.models import Classroom
from quizapp.quizzes.attempts import attempt_start, attempt_submit


@pytest.fixture
def world(teacher, student, quiz_factory, classroom, assigned):
    quiz = assigned(quiz_factory())
    attempt = attempt_start(quiz=quiz, student=student, now=timezone.now())
    done = attempt_start(quiz=assigned(quiz_factory()), student=student, now=timezone.now())
    attempt_submit(attempt=done, now=timezone.now())
    question = quiz.questions.first()
    member = classroom.memberships.get()
    return {
        "quiz": quiz.pk,
        "attempt": attempt.pk,
        "done": done.pk,
        "done_quiz": done.quiz_id,
        "question": question.pk,
        "classroom": classroom.pk,
        "member": member.pk,
    }


# (url name, args from the world, method): views for the quiz's owner.
TEACHER_VIEWS = [
    ("quizzes:detail", ["quiz"], "get"),
    ("quizzes:edit", ["quiz"], "get"),
    ("quizzes:settings", ["quiz"], "post"),
    ("quizzes:assign", ["quiz"], "post"),
    ("quizzes:search", ["quiz"], "get"),
    ("quizzes:add", ["quiz"], "post"),
    ("quizzes:results", ["quiz"], "get"),
    ("quizzes:results_csv", ["quiz"], "get"),
    ("quizzes:attempt_detail", ["done_quiz", "done"], "get"),
    ("quizzes:print", ["quiz"], "get"),
    ("classroom:detail", ["classroom"], "get"),
    ("classroom:remove_member", ["classroom", "member"], "post"),
]
# Views for the student who owns the attempt.
STUDENT_VIEWS = [
    ("quizzes:take", ["quiz"], "get"),
    ("quizzes:begin", ["quiz"], "post"),
    ("quizzes:attempt", ["attempt"], "get"),
    ("quizzes:review", ["attempt"], "get"),
    ("quizzes:finish", ["attempt"], "post"),
    ("quizzes:answer", ["attempt", "question"], "post"),
]


def url(world, name, keys):
    return reverse(name, args=[world[k] for k in keys])


@pytest.mark.parametrize(("name", "keys", "method"), TEACHER_VIEWS + STUDENT_VIEWS)
def test_visitors_are_sent_to_log_in(client, world, name, keys, method):
    response = getattr(client, method)(url(world, name, keys))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(("name", "keys", "method"), TEACHER_VIEWS)
def test_another_teacher_finds_nothing(client, world, other_teacher, name, keys, method):
    client.force_login(other_teacher)
    assert getattr(client, method)(url(world, name, keys)).status_code == 404


@pytest.mark.parametrize(("name", "keys", "method"), TEACHER_VIEWS)
def test_a_student_may_not_open_teacher_pages(client, world, student, name, keys, method):
    client.force_login(student)
    assert getattr(client, method)(url(world, name, keys)).status_code == 403


@pytest.mark.parametrize(("name", "keys", "method"), STUDENT_VIEWS)
def test_another_student_finds_nothing(client, world, other_student, name, keys, method):
    client.force_login(other_student)
    assert getattr(client, method)(url(world, name, keys)).status_code == 404


def test_another_teacher_cannot_see_a_class_or_its_roster(client, world, other_teacher):
    client.force_login(other_teacher)
    page = client.get(reverse("classroom:classes"))
    assert not Classroom.objects.taught_by(other_teacher).exists()
    assert b"Year 12" not in page.content


def test_the_owner_reaches_every_teacher_view(client, world, teacher):
    client.force_login(teacher)
    for name, keys, method in TEACHER_VIEWS:
        if method == "get":
            assert client.get(url(world, name, keys)).status_code == 200, name


def test_the_student_reaches_every_student_view(client, world, student):
    client.force_login(student)
    for name, keys, method in STUDENT_VIEWS:
        if method == "get":
            assert client.get(url(world, name, keys)).status_code == 200, name
