"""Teachers build quizzes from the bank, adjust them, set them and share them."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quizapp.accounts.roles import is_teacher, teacher_required
from quizapp.bank.models import Item
from quizapp.classroom.models import Assignment
from quizapp.generation.kinds import QUIZ_KINDS
from quizapp.quizzes import access
from quizapp.quizzes.builder import (
    Criteria,
    propose,
    quiz_create,
    suggest_instead,
    what_it_tests,
)
from quizapp.quizzes.forms import AssignForm, BuilderForm, SettingsForm
from quizapp.quizzes.models import Attempt, Quiz, QuizItem


@require_GET
@login_required
def quiz_list(request: HttpRequest) -> HttpResponse:
    """A teacher's quizzes; a student's assigned quizzes and past attempts."""
    context = {
        "owned": Quiz.objects.owned_by(request.user) if is_teacher(request.user) else [],
        "assigned": Quiz.objects.assigned_to(request.user),
        "attempts": Attempt.objects.by(request.user).select_related("quiz"),
    }
    return render(request, "quizzes/list.html", context)


@require_http_methods(["GET", "POST"])
@teacher_required
def quiz_new(request: HttpRequest) -> HttpResponse:
    """Choose what the quiz covers; the app proposes a balanced set from the bank."""
    form = BuilderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criteria = form.criteria(seed=secrets.randbelow(2**31))
        items = propose(criteria)
        if not items:
            form.add_error(None, "No approved items fit these choices. Widen them and try again.")
        else:
            quiz = quiz_create(request.user, form.cleaned_data["title"], items, criteria)
            if len(items) < criteria.count:
                messages.warning(
                    request,
                    f"Only {len(items)} items fit without testing one fact twice; "
                    "the quiz has that many.",
                )
            return redirect("quizzes:edit", quiz.pk)
    return render(request, "quizzes/new.html", {"form": form})


@require_GET
@teacher_required
def quiz_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The questions (swap, reorder, remove, add by search) and the quiz's settings."""
    quiz = access.quiz_owned_by(request.user, pk)
    context = _edit_context(quiz) | {"settings_form": SettingsForm(instance=quiz)}
    return render(request, "quizzes/edit.html", context)


def _edit_context(quiz: Quiz) -> dict:
    questions = quiz.questions.select_related("item__passage__source")
    return {"quiz": quiz, "questions": questions, "has_attempts": quiz.attempts.exists()}


@require_POST
@teacher_required
def quiz_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the quiz's settings: mode, layout, timing, attempts, shuffling, dates."""
    quiz = access.quiz_owned_by(request.user, pk)
    form = SettingsForm(request.POST, instance=quiz)
    if form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("quizzes:edit", quiz.pk)
    context = _edit_context(quiz) | {"settings_form": form}
    return render(request, "quizzes/edit.html", context, status=400)


@require_POST
@teacher_required
def question_change(request: HttpRequest, pk: int, question_pk: int, action: str) -> HttpResponse:
    """Swap a question for another suggestion, move it up or down, or remove it."""
    quiz = access.quiz_owned_by(request.user, pk)
    question = get_object_or_404(quiz.questions.select_related("item"), pk=question_pk)
    if action in ("swap", "remove") and _questions_fixed(request, quiz):
        return _questions_response(request, quiz)
    if action == "swap":
        _swap(request, quiz, question)
    elif action in ("up", "down"):
        _move(quiz, question, -1 if action == "up" else 1)
    elif action == "remove":
        question.delete()
    else:
        return HttpResponse("Unknown action.", status=400)
    return _questions_response(request, quiz)


def _questions_fixed(request: HttpRequest, quiz: Quiz) -> bool:
    """Once students have attempted a quiz its questions stay (as in Moodle): their
    answers and the statistics refer to them."""
    if not quiz.attempts.exists():
        return False
    messages.error(request, "Students have attempted this quiz, so its questions are fixed.")
    return True


def _swap(request: HttpRequest, quiz: Quiz, question: QuizItem) -> None:
    others = [q.item for q in quiz.questions.select_related("item") if q.pk != question.pk]
    criteria = Criteria.from_json(quiz.criteria)
    replacement = suggest_instead(criteria, question.item, others)
    if replacement is None:
        messages.info(request, "No other item fits without repeating what the quiz tests.")
        return
    question.item = replacement
    question.save(update_fields=["item"])


@transaction.atomic
def _move(quiz: Quiz, question: QuizItem, step: int) -> None:
    ordered = list(quiz.questions.select_for_update())
    index = ordered.index(question)
    target = index + step
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, each in enumerate(ordered, start=1):
        each.position = position
    QuizItem.objects.bulk_update(ordered, ["position"])


@require_POST
@teacher_required
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item found by search to the end of the quiz."""
    quiz = access.quiz_owned_by(request.user, pk)
    item = get_object_or_404(_addable(quiz), pk=_int(request.POST.get("item")))
    if _questions_fixed(request, quiz):
        return _questions_response(request, quiz)
    covered = set().union(*(what_it_tests(q.item) for q in quiz.questions.select_related("item")))
    if what_it_tests(item) & covered:
        messages.warning(request, "Added, but another question already tests the same fact.")
    last = quiz.questions.aggregate(last=Max("position"))["last"] or 0
    QuizItem.objects.create(quiz=quiz, item=item, position=last + 1)
    return _questions_response(request, quiz)


def _addable(quiz: Quiz):
    return (
        Item.objects.approved()
        .filter(kind__in=QUIZ_KINDS)
        .exclude(pk__in=quiz.questions.values("item_id"))
    )


@require_GET
@teacher_required
def item_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Approved items matching the words typed, to add to the quiz."""
    quiz = access.quiz_owned_by(request.user, pk)
    query = request.GET.get("q", "").strip()
    found = _addable(quiz).search(query)[:20] if query else []
    context = {"quiz": quiz, "found": found, "query": query}
    if request.htmx:
        return render(request, "quizzes/edit.html#search-results", context)
    return render(
        request,
        "quizzes/edit.html",
        _edit_context(quiz) | context | {"settings_form": SettingsForm(instance=quiz)},
    )


def _questions_response(request: HttpRequest, quiz: Quiz) -> HttpResponse:
    if request.htmx:
        return render(request, "quizzes/edit.html#questions", _edit_context(quiz))
    return redirect("quizzes:edit", quiz.pk)


@require_GET
@teacher_required
def quiz_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Share link, assignments to classes, and links to results and print."""
    quiz = access.quiz_owned_by(request.user, pk)
    context = {
        "quiz": quiz,
        "assignments": quiz.assignments.select_related("classroom"),
        "assign_form": AssignForm(teacher=request.user),
        "share_url": request.build_absolute_uri(quiz.get_share_url()),
        "question_count": quiz.questions.count(),
    }
    return render(request, "quizzes/detail.html", context)


@require_POST
@teacher_required
def quiz_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the quiz for one of the teacher's classes, with a due date."""
    quiz = access.quiz_owned_by(request.user, pk)
    form = AssignForm(request.POST, teacher=request.user)
    if not form.is_valid():
        messages.error(request, "Choose one of your classes, and a valid due date.")
        return redirect(quiz)
    classroom = form.cleaned_data["classroom"]
    _, created = Assignment.objects.update_or_create(
        classroom=classroom, quiz=quiz, defaults={"due_at": form.cleaned_data["due_at"]}
    )
    verb = "Assigned to" if created else "Due date updated for"
    messages.success(request, f"{verb} “{classroom.name}”.")
    return redirect(quiz)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
