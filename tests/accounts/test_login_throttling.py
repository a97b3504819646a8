"""django-axes: five wrong passwords for one username from one address pause that pair."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory
from django.urls import reverse

LOGIN = reverse("login")


def _log_in(client, username: str, password: str, address: str = "203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username: str, times: int, address: str = "203.0.113.5") -> list[int]:
    return [_log_in(client, username, "wrong-guess", address).status_code for _ in range(times)]


@pytest.mark.django_db
def test_four_failures_still_allow_the_right_password(client, student):
    assert _fail(client, "stu", 4) == [200] * 4
    response = _log_in(client, "stu", "pw-student-1")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(student.pk)


@pytest.mark.django_db
def test_fifth_failure_locks_out_even_the_right_password(client, student):
    statuses = _fail(client, "stu", 5)
    assert statuses[:4] == [200] * 4
    assert statuses[4] == 429
    response = _log_in(client, "stu", "pw-student-1")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    page = response.content.decode()
    assert "Too many login attempts" in page
    assert "try again in 15 minutes" in page
    assert '<html lang="en">' in page  # the site's own page, not a bare message


@pytest.mark.django_db
def test_lockout_is_per_username_and_address(client, student, django_user_model):
    django_user_model.objects.create_user("other", password="pw-other-1")
    _fail(client, "stu", 5)
    # The same user from another address, and another user from the same address, get in.
    assert _log_in(client, "stu", "pw-student-1", address="198.51.100.7").status_code == 302
    client.logout()
    assert _log_in(client, "other", "pw-other-1").status_code == 302


@pytest.mark.django_db
def test_lockout_ends_after_fifteen_minutes(client, student):
    _fail(client, "stu", 5)
    assert _log_in(client, "stu", "pw-student-1").status_code == 429
    # Age the recorded failures instead of waiting.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= dt.timedelta(minutes=16)
        attempt.save()
    assert _log_in(client, "stu", "pw-student-1").status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(client, student):
    _fail(client, "stu", 4)
    assert _log_in(client, "stu", "pw-student-1").status_code == 302
    client.logout()
    assert _fail(client, "stu", 4) == [200] * 4
    assert _log_in(client, "stu", "pw-student-1").status_code == 302


@pytest.mark.django_db
def test_client_login_works_when_given_a_request(client, student):
    # The axes backend refuses to authenticate without a request; tests pass one.
    request = RequestFactory().post(LOGIN)
    assert client.login(request=request, username="stu", password="pw-student-1")
    assert client.get(reverse("account")).status_code == 200


def _via_proxy(client, password: str, forwarded_for: str):
    return client.post(
        LOGIN,
        {"username": "stu", "password": password},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_is_throttled(client, student, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        # The attacker varies the part of the header it controls; nginx appends the real one.
        _via_proxy(client, "wrong-guess", f"192.0.2.{n}, 203.0.113.5")
    assert _via_proxy(client, "pw-student-1", "192.0.2.99, 203.0.113.5").status_code == 429
    # Another visitor reaching us through the same proxy is not caught by the lockout.
    assert _via_proxy(client, "pw-student-1", "198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, student):
    for n in range(5):
        _via_proxy(client, "wrong-guess", f"192.0.2.{n}")
    assert _via_proxy(client, "pw-student-1", "198.51.100.7").status_code == 429
