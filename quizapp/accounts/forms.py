from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import UserCreationForm
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
        user = self.request.user
        # Through authenticate(), not check_password(): guesses made here count towards the
        # same login lockout, so a borrowed session cannot be used to try passwords freely.
        checked = authenticate(self.request, username=user.get_username(), password=password)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password
