"""python manage.py createdemoquiz: the demo teacher's class, with the demo student in it
and a quiz set for it, so every part of the app has something to show."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from quizapp.classroom.models import Classroom, Membership
from quizapp.quizzes.builder import Criteria, propose, quiz_create
from quizapp.quizzes.models import Quiz

CLASS_NAME = "Demo class"
QUIZ_TITLE = "Vietnam's one-party state: a first check"


class Command(BaseCommand):
    help = "Create the demo class and quiz (needs createdemoaccounts and an approved bank)."

    @transaction.atomic
    def handle(self, *args, **options):
        users = get_user_model().objects
        try:
            teacher, student = users.get(username="teacher"), users.get(username="student")
        except get_user_model().DoesNotExist:
            raise CommandError("Run createdemoaccounts first.") from None
        room, _ = Classroom.objects.get_or_create(teacher=teacher, name=CLASS_NAME)
        Membership.objects.get_or_create(classroom=room, student=student)
        quiz = Quiz.objects.filter(owner=teacher, title=QUIZ_TITLE).first()
        if quiz is None:
            criteria = Criteria(count=8, seed=2024)
            items = propose(criteria)
            if not items:
                raise CommandError("The bank has no approved items: run generate --approve.")
            quiz = quiz_create(
                teacher,
                QUIZ_TITLE,
                items,
                criteria,
                mode=Quiz.Mode.PRACTICE,
                attempts_allowed=0,
            )
        room.assignments.get_or_create(
            quiz=quiz, defaults={"due_at": timezone.now() + dt.timedelta(days=7)}
        )
        self.stdout.write(
            f"  class “{room.name}” (join code {room.join_code}) with quiz “{quiz.title}” "
            f"({quiz.questions.count()} questions)"
        )
