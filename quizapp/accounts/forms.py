from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.http import HttpRequest


class SignUpForm(UserCreationForm):
    """A username, an optional email (for password resets) and a password."""

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


class DeleteAccountForm(forms.Form):
    """The password again and an explicit tick: deleting cannot be undone."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that my account and everything in it will be deleted for good.",
        required=True,
        error_messages={"required": "Tick the box to confirm."},
    )

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_is_right(self.request, password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password


class CountedPasswordChangeForm(PasswordChangeForm):
    """Django's form, with the old password checked so that wrong ones count as failed
    logins."""

    def __init__(self, request: HttpRequest, *args, **kwargs) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


def password_is_right(request: HttpRequest, password: str) -> bool:
    """Whether ``password`` is the logged-in user's, asked the way a login asks it.

    Through authenticate(), not check_password(): guesses made here count towards the same
    lockout as the login page's (django-axes), so a borrowed session cannot be used to try
    passwords freely, and once locked out even the right one is refused.
    """
    user = request.user
    checked = authenticate(request, username=user.get_username(), password=password)
    return checked is not None and checked.pk == user.pk
