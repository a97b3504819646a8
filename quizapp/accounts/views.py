"""Signing up, and the account page: download all my data, delete my account. Logging in
and out and passwords are Django's own auth views."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quizapp.accounts import rate_limits, services
from quizapp.accounts.data_export import user_data
from quizapp.accounts.forms import CountedPasswordChangeForm, DeleteAccountForm, SignUpForm
from quizapp.accounts.json_stream import iter_json
from quizapp.accounts.roles import role_of


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create a student account and log in."""
    if request.user.is_authenticated:
        return redirect("study:home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limits.SIGNUP_PER_CLIENT.hit(rate_limits.client_key(request)):
            return rate_limits.SIGNUP_PER_CLIENT.refusal(request)
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("study:home")
    return render(
        request, "registration/signup.html", {"form": form}, status=400 if form.errors else 200
    )


def _account_page(request: HttpRequest, form: DeleteAccountForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "accounts/account.html",
        {"form": form, "role": role_of(request.user)},
        status=status,
    )


@require_GET
@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The account page: profile, data download and account deletion."""
    return _account_page(request, DeleteAccountForm(request))


@require_GET
@login_required
@never_cache
def data_download(request: HttpRequest) -> StreamingHttpResponse:
    """Everything quizapp holds about the user, as a JSON attachment written as it is read."""
    response = StreamingHttpResponse(
        iter_json(user_data(request.user)), content_type="application/json; charset=utf-8"
    )
    filename = f"quizapp-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_POST
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account after the password is given again; log out."""
    form = DeleteAccountForm(request, request.POST)
    if not form.is_valid():
        return _account_page(request, form, status=400)
    user = request.user
    try:
        services.account_delete(user=user)
    except services.AccountNotDeletable as error:
        form.add_error(None, str(error))
        return _account_page(request, form, status=409)
    logout(request)
    messages.success(request, "Your account and everything in it have been deleted.")
    return redirect("home")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, with wrong old passwords counted as failed logins."""

    form_class = CountedPasswordChangeForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with a limit on the e-mails one address or client gets."""

    def form_valid(self, form):
        address = form.cleaned_data["email"].strip().lower()
        for limit, key in (
            (rate_limits.RESET_PER_CLIENT, rate_limits.client_key(self.request)),
            (rate_limits.RESET_PER_ADDRESS, address),
        ):
            if limit.hit(key):
                return limit.refusal(self.request)
        return super().form_valid(form)
