"""/accounts/me/: the account page, and deleting an account with the password given again."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.urls import reverse

from quizapp.study.models import Card, Review

pytestmark = pytest.mark.django_db

PAGE = reverse("account")
DELETE = reverse("account_delete")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_shows_the_profile_the_download_and_the_delete_form(client, student):
    client.force_login(student)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Your account</h1>" in page
    assert f'href="{reverse("account_data")}"' in page
    assert f'action="{DELETE}"' in page and 'method="post"' in page
    assert '<label for="id_password"' in page and '<label for="id_confirm"' in page
    assert 'autocomplete="current-password"' in page
    assert "quizzes and classes you created" not in page  # only teachers are warned of that


def test_a_teacher_is_warned_that_their_quizzes_and_classes_go_too(client, teacher):
    client.force_login(teacher)
    assert "quizzes and classes you created" in client.get(PAGE).content.decode()


def test_the_header_links_the_user_name_to_the_account_page(client, student):
    client.force_login(student)
    page = client.get(reverse("home")).content.decode()
    assert f'<a href="{PAGE}">stu</a>' in page
    assert f'<a href="{PAGE}" aria-current="page">stu</a>' in client.get(PAGE).content.decode()


def test_the_page_takes_no_post(client, student):
    client.force_login(student)
    assert client.post(PAGE).status_code == 405


def test_deleting_with_the_password_removes_the_user_and_their_study_data(
    client, student, teacher, study_history
):
    study_history(student, graded=2)
    study_history(teacher, graded=2)
    AccessAttempt.objects.create(
        username="stu", ip_address="203.0.113.5", user_agent="x", failures_since_start=1
    )
    client.force_login(student)
    response = client.post(DELETE, {"password": "pw-student-1", "confirm": "on"}, follow=True)
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "Your account and everything in it have been deleted." in response.content.decode()
    assert not User.objects.filter(username="stu").exists()
    assert not Card.objects.filter(user_id=student.pk).exists()
    assert not Review.objects.filter(user_id=student.pk).exists()
    assert not AccessAttempt.objects.filter(username="stu").exists()
    assert SESSION_KEY not in client.session
    # Other users keep everything.
    assert Card.objects.filter(user=teacher).exists()
    assert Review.objects.filter(user=teacher).count() == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"password": "not-my-password", "confirm": "on"}, "That is not your password."),
        ({"password": "pw-student-1"}, "Tick the box to confirm."),
        ({"confirm": "on"}, "This field is required."),
    ],
)
def test_a_wrong_password_or_no_tick_changes_nothing(client, student, study_history, data, message):
    study_history(student, graded=1)
    client.force_login(student)
    response = client.post(DELETE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.filter(pk=student.pk).exists()
    assert Card.objects.filter(user=student).exists()
    assert Review.objects.filter(user=student).count() == 1
    assert client.session[SESSION_KEY] == str(student.pk)


def test_someone_elses_password_does_not_delete_me(client, student, teacher):
    client.force_login(student)
    response = client.post(DELETE, {"password": "pw-teacher-1", "confirm": "on"})
    assert response.status_code == 400
    assert User.objects.filter(pk=student.pk).exists()
    assert User.objects.filter(pk=teacher.pk).exists()


def test_deleting_cannot_be_done_with_get(client, student):
    client.force_login(student)
    assert client.get(DELETE).status_code == 405
    assert User.objects.filter(pk=student.pk).exists()


def test_password_guesses_on_the_delete_form_count_towards_the_lockout(client, student):
    client.force_login(student)
    for _ in range(5):
        client.post(DELETE, {"password": "guess", "confirm": "on"}, REMOTE_ADDR="203.0.113.9")
    response = client.post(
        DELETE, {"password": "pw-student-1", "confirm": "on"}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429
    assert User.objects.filter(pk=student.pk).exists()


def test_an_anonymous_post_deletes_nothing(client, student):
    response = client.post(DELETE, {"password": "pw-student-1", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert User.objects.filter(pk=student.pk).exists()


def test_when_something_protects_the_account_the_user_is_told_and_nothing_changes(
    client, student, monkeypatch
):
    from django.db.models import ProtectedError

    def protected(self, *args, **kwargs):
        raise ProtectedError("in use", set())

    monkeypatch.setattr(User, "delete", protected)
    client.force_login(student)
    response = client.post(DELETE, {"password": "pw-student-1", "confirm": "on"})
    assert response.status_code == 409
    assert "cannot be deleted yet" in response.content.decode()
    assert client.session[SESSION_KEY] == str(student.pk)
