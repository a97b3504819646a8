"""Signing up; everything else about accounts is Django's own auth views."""

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from quizapp.accounts.forms import SignUpForm


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create a student account and log in."""
    if request.user.is_authenticated:
        return redirect("study:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("study:home")
    return render(
        request, "registration/signup.html", {"form": form}, status=400 if form.errors else 200
    )
