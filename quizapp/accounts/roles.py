"""Who may do what: students by default, teachers by group, admins by staff status."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group

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
