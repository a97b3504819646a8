"""Who may see what, in one place: owners manage quizzes, students their own attempts.

Anything a user may not see is a 404, so an id in a URL tells nobody it exists.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from quizapp.quizzes.models import Attempt, Quiz


def quiz_owned_by(user, pk: int) -> Quiz:
    return get_object_or_404(Quiz.objects.owned_by(user), pk=pk)


def quiz_takeable_by(user, pk: int, token: str = "") -> Quiz:
    """A quiz the user may take: set for one of their classes, shared with them by
    link (the token), or their own (a teacher trying it out)."""
    quiz = get_object_or_404(Quiz, pk=pk)
    if quiz.owner_id == user.pk or (token and token == quiz.share_token):
        return quiz
    if Quiz.objects.assigned_to(user).filter(pk=pk).exists():
        return quiz
    raise Http404("No quiz of yours has that number.")


def attempt_of(user, pk: int) -> Attempt:
    return get_object_or_404(Attempt.objects.select_related("quiz").by(user), pk=pk)


def submitted_attempt_for_owner(user, quiz_pk: int, pk: int) -> Attempt:
    """A submitted attempt at one of the teacher's quizzes, for the results pages."""
    return get_object_or_404(
        Attempt.objects.submitted().select_related("quiz", "student"),
        pk=pk,
        quiz_id=quiz_pk,
        quiz__owner=user,
    )
