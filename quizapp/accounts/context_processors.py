"""Template context: what the current user's role lets the navigation show."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from quizapp.accounts.roles import is_teacher


def roles(request: HttpRequest) -> dict:
    # Lazy: pages that never ask do not pay for the group lookup.
    return {"is_teacher": SimpleLazyObject(lambda: is_teacher(request.user))}
