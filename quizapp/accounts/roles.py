"""Who may do what: students by default, teachers by group, admins by staff status."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

TEACHERS_GROUP = "teachers"


def teachers_group() -> Group:
    group, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
    return group


def is_teacher(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Teachers build quizzes and classes; staff may do everything a teacher may."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=TEACHERS_GROUP).exists()


def role_of(user: AbstractBaseUser | AnonymousUser) -> str:
    if not user.is_authenticated:
        return "visitor"
    if user.is_staff:
        return "admin"
    return "teacher" if is_teacher(user) else "student"


def teacher_required(view: Callable) -> Callable:
    """Log in first; then only teachers and staff get through, others see 403."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not is_teacher(request.user):
            raise PermissionDenied("Only teachers may open this page.")
        return view(request, *args, **kwargs)

    return wrapper
