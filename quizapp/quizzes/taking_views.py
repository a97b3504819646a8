"""Students take quizzes: start, answer (saved as they go), review, submit, see feedback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from quizapp.quizzes import access
from quizapp.quizzes.attempts import (
    AttemptRefused,
    attempt_finish_if_overdue,
    attempt_start,
    attempt_submit,
    response_save,
)
from quizapp.quizzes.models import Attempt, Quiz
from quizapp.quizzes.presenting import question_views, seconds_left


@require_GET
@login_required
def quiz_take(request: HttpRequest, pk: int) -> HttpResponse:
    """The start page of a quiz set for one of the student's classes."""
    return _start_page(request, access.quiz_takeable_by(request.user, pk), token="")


@require_GET
@login_required
def quiz_shared(request: HttpRequest, token: str) -> HttpResponse:
    """The start page reached through a quiz's share link."""
    quiz = get_object_or_404(Quiz, share_token=token)
    return _start_page(request, quiz, token=token)


def _start_page(request: HttpRequest, quiz: Quiz, token: str) -> HttpResponse:
    attempts = list(quiz.attempts.by(request.user))
    for attempt in attempts:
        attempt_finish_if_overdue(attempt, timezone.now())
    context = {
        "quiz": quiz,
        "token": token,
        "attempts": attempts,
        "question_count": quiz.questions.count(),
        "open_attempt": next((a for a in attempts if not a.is_submitted), None),
        "attempts_left": (
            max(0, quiz.attempts_allowed - len(attempts)) if quiz.attempts_allowed else None
        ),
        "is_open": quiz.is_open(timezone.now()),
    }
    return render(request, "quizzes/start.html", context)


@require_POST
@login_required
def attempt_begin(request: HttpRequest, pk: int) -> HttpResponse:
    """Start an attempt, or go back to the one already open."""
    token = request.POST.get("token", "")
    quiz = access.quiz_takeable_by(request.user, pk, token)
    try:
        attempt = attempt_start(quiz=quiz, student=request.user, now=timezone.now())
    except AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(reverse("quizzes:shared", args=[token]) if token else _take_url(quiz))
    return redirect(attempt)


def _take_url(quiz: Quiz) -> str:
    return reverse("quizzes:take", args=[quiz.pk])


@require_GET
@login_required
def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The questions while the attempt is open; the results and feedback once submitted."""
    now = timezone.now()
    attempt = attempt_finish_if_overdue(access.attempt_of(request.user, pk), now)
    if attempt.is_submitted:
        return _results_page(request, attempt)
    views = question_views(attempt, feedback_after_submit=False)
    one_per_page = attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE
    shown = views
    page = 1
    if one_per_page and views:
        page = min(max(_int(request.GET.get("q"), 1), 1), len(views))
        shown = [views[page - 1]]
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "views": shown,
        "all_views": views,
        "page": page,
        "one_per_page": one_per_page,
        "seconds_left": seconds_left(attempt, now),
    }
    return render(request, "quizzes/attempt.html", context)


def _results_page(request: HttpRequest, attempt: Attempt) -> HttpResponse:
    quiz = attempt.quiz
    show = quiz.answers_shown(timezone.now(), submitted=True)
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "views": question_views(attempt, feedback_after_submit=show),
        "show_answers": show,
    }
    return render(request, "quizzes/result.html", context)


@require_POST
@login_required
def answer_save(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Save one answer. htmx saves on every change; without JavaScript, the buttons do."""
    attempt = access.attempt_of(request.user, pk)
    question = get_object_or_404(attempt.quiz.questions.select_related("item"), pk=question_pk)
    action = request.POST.get("action", "save")
    try:
        response_save(
            attempt=attempt,
            question=question,
            data=request.POST,
            now=timezone.now(),
            check=action == "check",
        )
    except AttemptRefused as refusal:
        return _refused(request, attempt, str(refusal))
    if request.htmx and action == "check":
        return _question_fragment(request, attempt, question_pk)
    if request.htmx:
        saved = timezone.localtime().strftime("%H:%M:%S")
        return HttpResponse(f"Saved at {saved}.")
    return redirect(_after_save(attempt, action, _int(request.POST.get("page"), 1)))


def _refused(request: HttpRequest, attempt: Attempt, message: str) -> HttpResponse:
    attempt.refresh_from_db()
    if request.htmx and attempt.is_submitted:
        messages.error(request, message)
        return HttpResponseClientRedirect(attempt.get_absolute_url())
    if request.htmx:
        return HttpResponse(format_html('<span class="error">{}</span>', message))
    messages.error(request, message)
    return redirect(attempt)


def _question_fragment(request: HttpRequest, attempt: Attempt, question_pk: int) -> HttpResponse:
    views = question_views(attempt, feedback_after_submit=False)
    view = next(v for v in views if v.question.pk == question_pk)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "view": view,
        "all_views": views,
        "one_per_page": attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE,
    }
    return render(request, "quizzes/attempt.html#question", context)


def _after_save(attempt: Attempt, action: str, page: int) -> str:
    url = attempt.get_absolute_url()
    if attempt.quiz.layout != Quiz.Layout.ONE_PER_PAGE:
        return url
    count = len(attempt.question_order)
    if action == "next" and page >= count:
        return reverse("quizzes:review", args=[attempt.pk])
    if action == "next":
        page += 1
    elif action == "previous":
        page -= 1
    return f"{url}?q={max(page, 1)}"


@require_GET
@login_required
def attempt_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Before submitting: every question, answered or not, with a way back to each."""
    now = timezone.now()
    attempt = attempt_finish_if_overdue(access.attempt_of(request.user, pk), now)
    if attempt.is_submitted:
        return redirect(attempt)
    views = question_views(attempt, feedback_after_submit=False)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "views": views,
        "unanswered": sum(1 for v in views if not v.answered),
        "seconds_left": seconds_left(attempt, now),
    }
    return render(request, "quizzes/review.html", context)


@require_POST
@login_required
def attempt_finish(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the attempt for grading; a second submission is refused."""
    attempt = access.attempt_of(request.user, pk)
    try:
        attempt = attempt_submit(attempt=attempt, now=timezone.now())
    except AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(attempt)
    messages.success(request, f"Submitted. You scored {attempt.score:g} of {attempt.max_score:g}.")
    return redirect(attempt)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default
