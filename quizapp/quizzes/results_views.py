"""Teachers read results: a table per student, item statistics, CSV, and a printable quiz."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from quizapp.accounts.roles import teacher_required
from quizapp.quizzes import access
from quizapp.quizzes.item_analysis import GradedResponse, QuizStatistics, analyse
from quizapp.quizzes.models import Attempt, Quiz, QuizItem
from quizapp.quizzes.presenting import question_views
from quizapp.quizzes.questions import correct_answer_text, right_option
from quizapp.spreadsheet_cells import safe_row


@require_GET
@teacher_required
def quiz_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Every student's attempts and each question's statistics."""
    quiz = access.quiz_owned_by(request.user, pk)
    attempts = list(_submitted(quiz))
    questions = list(quiz.questions.select_related("item"))
    statistics = item_statistics(questions, attempts)
    rows = [
        (number, question, statistics.questions.get(question.pk))
        for number, question in enumerate(questions, start=1)
    ]
    context = {"quiz": quiz, "attempts": attempts, "statistics": statistics, "rows": rows}
    return render(request, "quizzes/results.html", context)


def _submitted(quiz: Quiz):
    return (
        quiz.attempts.submitted()
        .select_related("student")
        .prefetch_related("responses")
        .order_by("student__username", "number")
    )


def item_statistics(quiz_items: list[QuizItem], attempts: list[Attempt]) -> QuizStatistics:
    """Moodle's item analysis over each student's first submitted attempt, so a student
    who retakes a quiz after seeing the answers does not flatter the figures."""
    questions = {q.pk: q for q in quiz_items}
    first: dict[int, Attempt] = {}
    for attempt in sorted(attempts, key=lambda a: a.number):
        first.setdefault(attempt.student_id, attempt)
    graded = []
    for attempt in first.values():
        responses = {r.question_id: r for r in attempt.responses.all()}
        graded.append([_graded(q, responses.get(pk)) for pk, q in questions.items()])
    right = {
        pk: {right_option(q.item)} for pk, q in questions.items() if q.item.kind_info.is_choice
    }
    return analyse(graded, correct_options=right)


def _graded(question, response) -> GradedResponse:
    marks = float(question.marks)
    fraction = response.fraction if response and response.fraction is not None else 0.0
    chosen = None
    if response and question.item.kind_info.is_choice and isinstance(response.answer, str):
        chosen = response.answer
    return GradedResponse(question.pk, marks * fraction, marks, chosen)


@require_GET
@teacher_required
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """One row per submitted attempt: who, when, the score, and each question's mark."""
    quiz = access.quiz_owned_by(request.user, pk)
    questions = list(quiz.questions.select_related("item"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(quiz.title) or f"quiz-{quiz.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-results.csv"'
    writer = csv.writer(response)
    header = ["student", "attempt", "started", "submitted", "automatic", "score", "max", "percent"]
    writer.writerow(header + [f"Q{n}" for n in range(1, len(questions) + 1)])
    for attempt in _submitted(quiz):
        marks = {r.question_id: r.fraction or 0.0 for r in attempt.responses.all()}
        # Usernames may begin with + - or @, which a spreadsheet would run as a formula.
        writer.writerow(
            safe_row(
                [
                    attempt.student.get_username(),
                    attempt.number,
                    attempt.started_at.isoformat(),
                    attempt.submitted_at.isoformat(),
                    "yes" if attempt.submitted_automatically else "no",
                    f"{attempt.score:g}",
                    f"{attempt.max_score:g}",
                    f"{attempt.percent:g}" if attempt.percent is not None else "",
                ]
                + [f"{float(q.marks) * marks.get(q.pk, 0.0):g}" for q in questions]
            )
        )
    return response


@require_GET
@teacher_required
def attempt_detail(request: HttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    """One student's attempt, with every answer and the right ones, for the teacher."""
    attempt = access.submitted_attempt_for_owner(request.user, pk, attempt_pk)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "views": question_views(attempt, feedback_after_submit=True),
        "show_answers": True,
        "for_teacher": True,
    }
    return render(request, "quizzes/result.html", context)


@require_GET
@teacher_required
def quiz_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The quiz as a clean page to print, with the answer key on a page of its own."""
    quiz = access.quiz_owned_by(request.user, pk)
    questions = list(quiz.questions.select_related("item__passage__source"))
    key = [(n, correct_answer_text(q.item)) for n, q in enumerate(questions, start=1)]
    context = {"quiz": quiz, "questions": questions, "key": key}
    return render(request, "quizzes/print.html", context)
