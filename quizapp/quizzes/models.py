"""Quizzes built from the bank, students' attempts at them, and each response."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.classroom.models import Assignment


def new_share_token() -> str:
    return secrets.token_urlsafe(12)


class QuizQuerySet(models.QuerySet):
    def owned_by(self, user) -> QuizQuerySet:
        return self.filter(owner=user)

    def assigned_to(self, user) -> QuizQuerySet:
        """Quizzes set for a class the user belongs to."""
        return self.filter(assignments__classroom__memberships__student=user).distinct()

    def keeping_answers_from(self, user, now: dt.datetime) -> QuizQuerySet:
        """Quizzes the user may take, or has taken, whose answers are not theirs to see yet
        (as ``Quiz.answers_shown`` says for one quiz); their owner is never kept out.

        A share link leaves no trace until it is used, so a quiz reached only by its link
        counts from the first attempt at it.
        """
        attempts = Attempt.objects.filter(student=user)
        assigned = Assignment.objects.filter(classroom__memberships__student=user)
        takes = Q(pk__in=assigned.values("quiz")) | Q(pk__in=attempts.values("quiz"))
        still_open = Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        not_submitted = ~Q(pk__in=attempts.filter(submitted_at__isnull=False).values("quiz"))
        hidden = Q(show_answers=Quiz.ShowAnswers.NEVER) | (
            still_open
            & (
                Q(show_answers=Quiz.ShowAnswers.AFTER_CLOSE)
                | (Q(show_answers=Quiz.ShowAnswers.AFTER_SUBMIT) & not_submitted)
            )
        )
        return self.exclude(owner=user).filter(takes).filter(hidden)


class Quiz(models.Model):
    class Mode(models.TextChoices):
        PRACTICE = "practice", "Practice: feedback after each question"
        EXAM = "exam", "Exam: feedback after submission"

    class Layout(models.TextChoices):
        ONE_PER_PAGE = "one", "One question at a time"
        ALL_ON_ONE_PAGE = "all", "All questions on one page"

    class ShowAnswers(models.TextChoices):
        AFTER_SUBMIT = "submit", "After the attempt is submitted"
        AFTER_CLOSE = "close", "After the quiz closes"
        NEVER = "never", "Never (the score only)"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quizzes"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    mode = models.CharField(max_length=10, choices=Mode, default=Mode.EXAM)
    layout = models.CharField(max_length=5, choices=Layout, default=Layout.ONE_PER_PAGE)
    time_limit_minutes = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Leave empty for no time limit.",
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        default=1,
        validators=[MaxValueValidator(100)],
        help_text="0 means unlimited.",
    )
    shuffle_questions = models.BooleanField(default=False)
    shuffle_options = models.BooleanField(default=True)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    show_answers = models.CharField(
        max_length=10, choices=ShowAnswers, default=ShowAnswers.AFTER_SUBMIT
    )
    share_token = models.CharField(max_length=32, unique=True, default=new_share_token)
    # What the builder proposed the set from, so "suggest again" and "swap" can use it.
    criteria = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = "quizzes"
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:detail", args=[self.pk])

    def get_share_url(self) -> str:
        return reverse("quizzes:shared", args=[self.share_token])

    def is_open(self, now: dt.datetime) -> bool:
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def has_closed(self, now: dt.datetime) -> bool:
        return bool(self.closes_at and now >= self.closes_at)

    def answers_shown(self, now: dt.datetime, *, submitted: bool) -> bool:
        """May a student who has (or has not) submitted an attempt see the answers now?
        Never; once the quiz closes; or, after submitting, at once.
        QuizQuerySet.keeping_answers_from says the same for many quizzes."""
        if self.show_answers == self.ShowAnswers.NEVER:
            return False
        if self.has_closed(now):
            return True
        return self.show_answers == self.ShowAnswers.AFTER_SUBMIT and submitted

    @property
    def is_practice(self) -> bool:
        return self.mode == self.Mode.PRACTICE


class QuizItem(models.Model):
    """One question of a quiz: a bank item at a position, worth some marks."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="quiz_uses")
    position = models.PositiveIntegerField()
    marks = models.DecimalField(max_digits=5, decimal_places=2, default=1)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "item"], name="item_once_per_quiz"),
        ]

    def __str__(self) -> str:
        return f"Q{self.position} of {self.quiz}: {self.item}"


class AttemptQuerySet(models.QuerySet):
    def by(self, user) -> AttemptQuerySet:
        return self.filter(student=user)

    def submitted(self) -> AttemptQuerySet:
        return self.filter(submitted_at__isnull=False)


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_automatically = models.BooleanField(default=False)
    # The questions missed become flashcards once the quiz lets the student see its
    # answers: at once, or later (after it closes, or when the teacher changes the setting).
    missed_carded = models.BooleanField(default=False)
    # The order this attempt shows: QuizItem ids, and per question the option order.
    question_order = models.JSONField(default=list)
    option_orders = models.JSONField(default=dict)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(default=0)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "student", "number"], name="attempt_number"),
            # Two tabs pressing Start at once must share one attempt, never open two.
            models.UniqueConstraint(
                fields=["quiz", "student"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.quiz} · attempt {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("quizzes:attempt", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def deadline(self) -> dt.datetime | None:
        """No answer is accepted after this moment: the end of the time limit or the quiz's
        close, whichever comes first. Read from the quiz as it is set now, not as it was
        at the start, since a teacher may move the close date while attempts are open."""
        ends = []
        if self.quiz.time_limit_minutes:
            ends.append(self.started_at + dt.timedelta(minutes=self.quiz.time_limit_minutes))
        if self.quiz.closes_at:
            ends.append(self.quiz.closes_at)
        return min(ends) if ends else None

    def is_overdue(self, now: dt.datetime) -> bool:
        deadline = self.deadline
        return deadline is not None and now >= deadline

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score, 1)


class Response(models.Model):
    """A student's answer to one question of an attempt, saved as it is given."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(QuizItem, on_delete=models.CASCADE, related_name="responses")
    # Text for typed and choice kinds; {left: right} for matching; a list for ordering.
    answer = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField()
    # Practice mode: the student asked for feedback, so the answer is final.
    checked = models.BooleanField(default=False)
    fraction = models.FloatField(null=True, blank=True, help_text="0 to 1, set when graded.")

    class Meta:
        ordering = ["attempt", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_response_each"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · Q{self.question.position}"
