"""make demo's class and quiz: created once, and again without duplicates."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from quizapp.classroom.models import Classroom
from quizapp.quizzes.models import Quiz


def test_the_demo_class_has_the_student_and_an_assigned_quiz(bank, settings):
    settings.DEBUG = True  # as `make demo` runs; pytest-django turns it off
    call_command("createdemoaccounts", stdout=io.StringIO())
    call_command("createdemoquiz", stdout=io.StringIO())
    call_command("createdemoquiz", stdout=io.StringIO())
    room = Classroom.objects.get()
    assert list(room.memberships.values_list("student__username", flat=True)) == ["student"]
    quiz = Quiz.objects.get()
    assert quiz.questions.count() > 0
    assert room.assignments.get().quiz == quiz


def test_without_demo_accounts_it_says_what_to_run(db):
    with pytest.raises(CommandError, match="createdemoaccounts"):
        call_command("createdemoquiz", stdout=io.StringIO())
