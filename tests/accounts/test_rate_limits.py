"""What costs others something is rate-limited: reset e-mails, sign-ups, join-code guesses,
and wrong old passwords on the password-change form count towards the login lockout."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from quizapp.classroom.models import Classroom, Membership

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.20"


def test_fifteen_reset_requests_for_one_address_send_three_emails(client, student):
    student.email = "stu@example.org"
    student.save()
    statuses = [
        client.post(
            reverse("password_reset"), {"email": "Stu@example.org"}, REMOTE_ADDR=f"198.51.100.{n}"
        ).status_code
        for n in range(15)
    ]
    assert statuses == [302] * 3 + [429] * 12
    assert len(mail.outbox) == 3


def test_one_client_may_ask_for_ten_resets_an_hour(client):
    statuses = [
        client.post(
            reverse("password_reset"), {"email": f"n{n}@example.org"}, REMOTE_ADDR=ADDRESS
        ).status_code
        for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]
    refusal = client.post(
        reverse("password_reset"), {"email": "x@example.org"}, REMOTE_ADDR=ADDRESS
    )
    assert "Too many attempts" in refusal.text and "Nothing was sent" in refusal.text


def test_one_client_may_sign_up_ten_accounts_an_hour(client):
    for n in range(11):
        client.logout()
        data = {
            "username": f"new{n}",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        }
        response = client.post(reverse("signup"), data, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert get_user_model().objects.filter(username__startswith="new").count() == 10


def test_ten_wrong_join_codes_stop_even_the_right_one(client, student, other_student, teacher):
    classroom = Classroom.objects.create(teacher=teacher, name="Year 12")
    client.force_login(student)
    for n in range(5):
        client.post(reverse("classroom:join"), {"code": f"WRONG{n:03}"})
        client.get(reverse("classroom:join_link", args=[f"NOPE{n:04}"]))
    assert client.post(reverse("classroom:join"), {"code": classroom.join_code}).status_code == 429
    link = reverse("classroom:join_link", args=[classroom.join_code])
    assert client.post(link).status_code == 429
    assert not Membership.objects.exists()
    # Another student is not held up by the first one's guesses.
    client.force_login(other_student)
    assert client.post(link).status_code == 302
    assert Membership.objects.get().student == other_student


def test_wrong_old_passwords_on_the_change_form_count_towards_the_lockout(client, student):
    client.force_login(student)
    url = reverse("password_change")
    data = {"new_password1": "a-new-pass-phrase-7", "new_password2": "a-new-pass-phrase-7"}
    for _ in range(5):
        client.post(url, {**data, "old_password": "guess"}, REMOTE_ADDR=ADDRESS)
    response = client.post(url, {**data, "old_password": "pw-student-1"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    student.refresh_from_db()
    assert student.check_password("pw-student-1")


def test_the_right_old_password_still_changes_it(client, student):
    client.force_login(student)
    data = {"old_password": "pw-student-1", "new_password1": "a-new-pass-phrase-7"}
    response = client.post(
        reverse("password_change"), {**data, "new_password2": "a-new-pass-phrase-7"}
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password("a-new-pass-phrase-7")
