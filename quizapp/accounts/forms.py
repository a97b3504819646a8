from django.contrib.auth.forms import UserCreationForm


class SignUpForm(UserCreationForm):
    """A username, an optional email (for password resets) and a password."""

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")
