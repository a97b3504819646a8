"""Account writes that span several apps' tables."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError


class AccountNotDeletable(Exception):
    """Something that must outlive the account still points at it."""


def account_delete(*, user: AbstractBaseUser) -> None:
    """Delete the user; cards, reviews and every other row owned by the user go with it.

    The login-throttling records name the user by username rather than by key, so they are
    deleted explicitly: they hold the user's addresses and browsers.
    """
    username = user.get_username()
    try:
        with transaction.atomic():
            for model in (AccessAttempt, AccessFailureLog, AccessLog):
                model.objects.filter(username=username).delete()
            user.delete()
    except (ProtectedError, RestrictedError) as error:
        raise AccountNotDeletable(
            "This account cannot be deleted yet: other people's work depends on it. "
            "Ask an administrator."
        ) from error
