"""A user's quizzes, attempts and classes, for the download of their own data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from quizapp.classroom.models import Classroom, Membership
from quizapp.quizzes.models import Attempt, Quiz, Response


def quiz_data(user: AbstractBaseUser) -> dict[str, Any]:
    """Memberships, classes taught, quizzes made, and every attempt with its answers:
    five queries however many there are. Times stay datetimes, written by the export's
    JSON encoder like every other part's."""
    responses: dict[int, list[dict[str, Any]]] = {}
    for response in Response.objects.filter(attempt__student=user).select_related("question__item"):
        responses.setdefault(response.attempt_id, []).append(
            {
                "question": response.question.item.shown_prompt,
                "answer": response.answer,
                "fraction": response.fraction,
                "saved_at": response.saved_at,
            }
        )
    return {
        "classes_joined": [
            {"class": m.classroom.name, "joined_at": m.joined_at}
            for m in Membership.objects.filter(student=user).select_related("classroom")
        ],
        "classes_taught": list(
            Classroom.objects.filter(teacher=user).values("name", "join_code", "created_at")
        ),
        "quizzes_made": list(Quiz.objects.filter(owner=user).values("title", "mode", "created_at")),
        "attempts": [
            {
                "quiz": attempt.quiz.title,
                "number": attempt.number,
                "started_at": attempt.started_at,
                "submitted_at": attempt.submitted_at,
                "score": attempt.score,
                "max_score": attempt.max_score,
                "responses": responses.get(attempt.pk, []),
            }
            for attempt in Attempt.objects.filter(student=user).select_related("quiz")
        ],
    }
