"""Classes a teacher runs, the students in them, and the quizzes assigned to them."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse

# No 0/O or 1/I/L: a code is read aloud and typed from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class ClassroomQuerySet(models.QuerySet):
    def taught_by(self, user) -> ClassroomQuerySet:
        return self.filter(teacher=user)

    def joined_by(self, user) -> ClassroomQuerySet:
        return self.filter(memberships__student=user)


class Classroom(models.Model):
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms_taught"
    )
    name = models.CharField(max_length=120)
    join_code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("classroom:detail", args=[self.pk])

    def get_join_url(self) -> str:
        return reverse("classroom:join_link", args=[self.join_code])


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["student__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="one_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"


class Assignment(models.Model):
    """A quiz set for a class, with a due date the students see."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    quiz = models.ForeignKey("quizzes.Quiz", on_delete=models.CASCADE, related_name="assignments")
    due_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "quiz"], name="one_assignment_per_class"),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} for {self.classroom}"
