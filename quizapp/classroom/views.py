"""Classes: teachers create them and keep the roster; students join with a code or link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quizapp.accounts.rate_limits import JOIN_GUESSES_PER_USER as JOIN_GUESSES
from quizapp.accounts.roles import is_teacher, teacher_required
from quizapp.classroom.forms import ClassroomForm, JoinForm
from quizapp.classroom.models import Assignment, Classroom, Membership
from quizapp.quizzes.models import Attempt


def _classroom_for(teacher, pk: int) -> Classroom:
    """A class the teacher runs; anyone else's is a 404, not a 403, so ids leak nothing."""
    return get_object_or_404(Classroom.objects.taught_by(teacher), pk=pk)


@require_GET
@login_required
def classes(request: HttpRequest) -> HttpResponse:
    """The classes a teacher runs, or the classes a student is in and their quizzes."""
    context = {
        "taught": Classroom.objects.taught_by(request.user) if is_teacher(request.user) else [],
        "joined": Classroom.objects.joined_by(request.user).select_related("teacher"),
        "assignments": _assignments_for(request.user),
        "form": ClassroomForm(),
        "join_form": JoinForm(),
    }
    return render(request, "classroom/classes.html", context)


def _assignments_for(student) -> list[Assignment]:
    assignments = list(
        Assignment.objects.filter(classroom__memberships__student=student)
        .select_related("quiz", "classroom")
        .order_by("due_at", "pk")
    )
    done = set(Attempt.objects.by(student).submitted().values_list("quiz_id", flat=True).distinct())
    now = timezone.now()
    for assignment in assignments:
        assignment.done = assignment.quiz_id in done
        assignment.overdue = bool(assignment.due_at and assignment.due_at < now)
    return assignments


@require_POST
@teacher_required
def classroom_create(request: HttpRequest) -> HttpResponse:
    """Create a class; its join code is made at once."""
    form = ClassroomForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the class a name.")
        return redirect("classroom:classes")
    classroom = form.save(commit=False)
    classroom.teacher = request.user
    classroom.save()
    messages.success(request, f"Class “{classroom.name}” created. Share its code or link.")
    return redirect(classroom)


@require_GET
@teacher_required
def classroom_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The roster, the join code and link, and the quizzes set for the class."""
    classroom = _classroom_for(request.user, pk)
    context = {
        "classroom": classroom,
        "members": classroom.memberships.select_related("student"),
        "assignments": classroom.assignments.select_related("quiz"),
        "join_url": request.build_absolute_uri(classroom.get_join_url()),
    }
    return render(request, "classroom/detail.html", context)


@require_POST
@teacher_required
def membership_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Take a student off the roster; their past attempts stay in the results."""
    classroom = _classroom_for(request.user, pk)
    membership = get_object_or_404(classroom.memberships, pk=membership_pk)
    membership.delete()
    messages.success(request, f"{membership.student.get_username()} was removed from the class.")
    return redirect(classroom)


@require_POST
@login_required
def join_with_code(request: HttpRequest) -> HttpResponse:
    """Join the class whose code the student typed."""
    if JOIN_GUESSES.reached(str(request.user.pk)):
        return JOIN_GUESSES.refusal(request)
    form = JoinForm(request.POST)
    if not form.is_valid():
        JOIN_GUESSES.hit(str(request.user.pk))
        for error in form.errors["code"]:
            messages.error(request, error)
        return redirect("classroom:classes")
    return _join(request, Classroom.objects.get(join_code=form.cleaned_data["code"]))


@require_http_methods(["GET", "POST"])
@login_required
def join_link(request: HttpRequest, code: str) -> HttpResponse:
    """A join link: a GET asks to confirm (links get prefetched), a POST joins."""
    if JOIN_GUESSES.reached(str(request.user.pk)):
        return JOIN_GUESSES.refusal(request)
    classroom = Classroom.objects.select_related("teacher").filter(join_code=code).first()
    if classroom is None:
        JOIN_GUESSES.hit(str(request.user.pk))
        raise Http404("No class has that join code.")
    if request.method == "POST":
        return _join(request, classroom)
    return render(request, "classroom/join.html", {"classroom": classroom})


def _join(request: HttpRequest, classroom: Classroom) -> HttpResponse:
    if classroom.teacher_id == request.user.pk:
        messages.info(request, "You teach this class, so you need not join it.")
        return redirect(classroom)
    try:
        with transaction.atomic():
            Membership.objects.create(classroom=classroom, student=request.user)
    except IntegrityError:
        messages.info(request, f"You are already in “{classroom.name}”.")
    else:
        messages.success(request, f"You joined “{classroom.name}”.")
    return redirect("classroom:classes")
