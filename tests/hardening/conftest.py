"""Shared by the hardening tests: the URL conf's named routes, a world of real objects to
fill their arguments with, and a production process to run manage.py in."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from quizapp.accounts.roles import teachers_group
from quizapp.bank.models import Item
from quizapp.classroom.models import Classroom, Membership
from quizapp.exchange.models import ArticleDraft
from quizapp.library.models import Concept, Source
from quizapp.quizzes.attempts import attempt_start, attempt_submit
from quizapp.quizzes.models import Quiz, QuizItem
from quizapp.study.decks import EVERYTHING
from quizapp.study.models import Card
from quizapp.study.queue import add_new_cards

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdef",
    "ALLOWED_HOSTS": "quiz.example.org",
}
# Test-only variables (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process,
# which check --deploy rightly refuses) and deployment choices a test sets explicitly.
NOT_INHERITED = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "TRUSTED_PROXY_COUNT"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a fresh process with only the environment given here added."""
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _url_names(patterns, prefix: str = "", namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            inner = pattern.namespace or ""
            nested = ":".join(n for n in (namespace, inner) if n)
            yield from _url_names(pattern.url_patterns, route, nested)
        elif isinstance(pattern, URLPattern):
            # An unnamed route cannot be given a rule, so it is reported by its route.
            name = pattern.name or f"<unnamed {route}>"
            yield f"{namespace}:{name}" if namespace else name


# Every URL name but the Django admin's, from the URL conf: a view added later is covered.
URL_NAMES = sorted(set(_url_names(get_resolver().url_patterns)))


@pytest.fixture
def world(bank, django_user_model) -> dict:
    """Real objects owned by "teacher" and "student", and the users of every role.

    "teacher" owns a class with "student" in it, a quiz set for that class with an open
    attempt, another with a submitted attempt, and an article draft; "student" has study
    cards. "other_student" and "other_teacher" own nothing of it, and "staff" (a superuser)
    is a teacher who owns nothing of it either. ``args`` names each object for a URL.
    """
    group = teachers_group()
    users = {
        "student": django_user_model.objects.create_user("stu", password="pw-student-1"),
        "other_student": django_user_model.objects.create_user("stu2", password="pw-student-2"),
        "teacher": django_user_model.objects.create_user("tea", password="pw-teacher-1"),
        "other_teacher": django_user_model.objects.create_user("tea2", password="pw-teacher-2"),
        "staff": django_user_model.objects.create_superuser("boss", password="pw-staff-1"),
    }
    users["teacher"].groups.add(group)
    users["other_teacher"].groups.add(group)
    # Nobody logs in as this one, so its reset token stays valid (logging in changes it).
    resetter = django_user_model.objects.create_user("forgetful", password="pw-forgot-1")
    student, teacher = users["student"], users["teacher"]

    items = [Item.objects.filter(kind=k, status="approved").first() for k in ("mcq", "qa")]
    classroom = Classroom.objects.create(teacher=teacher, name="Year 12")
    member = Membership.objects.create(classroom=classroom, student=student)

    def set_quiz(title: str) -> Quiz:
        quiz = Quiz.objects.create(owner=teacher, title=title)
        for position, item in enumerate(items, start=1):
            QuizItem.objects.create(quiz=quiz, item=item, position=position)
        classroom.assignments.create(quiz=quiz)
        return quiz

    quiz = set_quiz("Open quiz")
    addable = (
        Item.objects.filter(status="approved", kind__in=("mcq", "true_false"))
        .exclude(pk__in=[item.pk for item in items])
        .first()
    )
    attempt = attempt_start(quiz=quiz, student=student, now=timezone.now())
    done = attempt_start(quiz=set_quiz("Done quiz"), student=student, now=timezone.now())
    attempt_submit(attempt=done, now=timezone.now())
    add_new_cards(student, EVERYTHING, timezone.now())
    draft = ArticleDraft.objects.create(
        owner=teacher, title="An article", text="A first passage.\n\nA second passage."
    )
    args = {
        "source": Source.objects.order_by("pk").first().slug,
        "concept": Concept.objects.order_by("pk").first().slug,
        "item": items[0].pk,
        "card": Card.objects.filter(user=student).order_by("pk").first().pk,
        "classroom": classroom.pk,
        "member": member.pk,
        "join_code": classroom.join_code,
        "quiz": quiz.pk,
        "question": quiz.questions.order_by("position").first().pk,
        "addable": addable.pk,
        "action": "down",
        "share_token": quiz.share_token,
        "attempt": attempt.pk,
        "done": done.pk,
        "done_quiz": done.quiz_id,
        "draft": draft.pk,
        "export_format": "csv",
        "reset_uid": urlsafe_base64_encode(force_bytes(resetter.pk)),
        "reset_token": default_token_generator.make_token(resetter),
    }
    return {"users": users, "args": args}
