"""Classes: a teacher creates one; students join by code or link; the teacher keeps the roster."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizapp.classroom.models import JOIN_CODE_ALPHABET, Classroom, Membership


@pytest.fixture
def room(teacher) -> Classroom:
    return Classroom.objects.create(teacher=teacher, name="History 11")


def test_a_teacher_creates_a_class_with_a_join_code(client, teacher):
    client.force_login(teacher)
    response = client.post(reverse("classroom:create"), {"name": "Civics"})
    room = Classroom.objects.get(teacher=teacher)
    assert response.url == room.get_absolute_url()
    assert len(room.join_code) == 8 and set(room.join_code) <= set(JOIN_CODE_ALPHABET)
    page = client.get(room.get_absolute_url())
    assert room.join_code.encode() in page.content
    assert room.get_join_url().encode() in page.content


def test_a_student_may_not_create_a_class(client, student):
    client.force_login(student)
    assert client.post(reverse("classroom:create"), {"name": "Mine"}).status_code == 403
    assert not Classroom.objects.exists()


def test_a_student_joins_with_the_code_typed_loosely(client, student, room):
    client.force_login(student)
    code = room.join_code.lower()
    client.post(reverse("classroom:join"), {"code": f" {code[:4]} {code[4:]} "})
    assert Membership.objects.filter(classroom=room, student=student).exists()


def test_a_wrong_code_is_refused_with_a_message(client, student, room):
    client.force_login(student)
    response = client.post(reverse("classroom:join"), {"code": "ZZZZZZZZ"}, follow=True)
    assert b"No class has that code" in response.content
    assert not Membership.objects.exists()


def test_the_join_link_asks_before_joining_and_joining_twice_is_harmless(client, student, room):
    client.force_login(student)
    page = client.get(room.get_join_url())
    assert b"Join the class" in page.content
    assert not Membership.objects.exists()
    client.post(room.get_join_url())
    again = client.post(room.get_join_url(), follow=True)
    assert b"already in" in again.content
    assert Membership.objects.filter(classroom=room).count() == 1


def test_the_teacher_removes_a_student(client, teacher, student, room):
    membership = Membership.objects.create(classroom=room, student=student)
    client.force_login(teacher)
    client.post(reverse("classroom:remove_member", args=[room.pk, membership.pk]))
    assert not Membership.objects.exists()


def test_a_student_sees_the_quizzes_set_for_their_classes(client, teacher, student, room):
    from quizapp.quizzes.models import Quiz

    Membership.objects.create(classroom=room, student=student)
    quiz = Quiz.objects.create(owner=teacher, title="Week 3 check")
    room.assignments.create(quiz=quiz)
    client.force_login(student)
    page = client.get(reverse("classroom:classes"))
    assert b"Week 3 check" in page.content
    assert reverse("quizzes:take", args=[quiz.pk]).encode() in page.content
