"""Every request leaves one JSON line on the quizapp.requests logger, with a request id."""

from __future__ import annotations

import json
import logging

import pytest
from django.urls import reverse

LOGGER = "quizapp.requests"


@pytest.fixture
def request_lines(caplog):
    # The logger does not propagate (its lines go to stdout once), so caplog listens on it.
    logger = logging.getLogger(LOGGER)
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger=LOGGER)
    yield lambda: [json.loads(r.getMessage()) for r in caplog.records if r.name == LOGGER]
    logger.removeHandler(caplog.handler)


@pytest.mark.django_db
def test_one_json_line_per_request_with_a_generated_id(client, request_lines):
    response = client.get("/healthz")
    [line] = request_lines()
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert len(line["request_id"]) == 32
    assert response["X-Request-ID"] == line["request_id"]


@pytest.mark.django_db
def test_an_incoming_request_id_is_kept_and_echoed(client, request_lines, student):
    client.force_login(student)
    response = client.get("/no-such-page/", headers={"X-Request-ID": "nginx-4f1c.77"})
    assert response["X-Request-ID"] == "nginx-4f1c.77"
    [line] = request_lines()
    assert line == line | {"status": 404, "user_id": student.pk, "request_id": "nginx-4f1c.77"}


@pytest.mark.django_db
def test_a_malformed_request_id_is_replaced(client, request_lines):
    response = client.get("/healthz", headers={"X-Request-ID": 'x" \n{"forged": 1}'})
    [line] = request_lines()
    assert line["request_id"] != 'x" \n{"forged": 1}'
    assert len(line["request_id"]) == 32
    assert response["X-Request-ID"] == line["request_id"]


@pytest.mark.django_db
def test_a_post_is_logged_with_its_status_and_without_its_query(client, request_lines):
    client.post(reverse("login") + "?next=/secret", {"username": "x", "password": "y"})
    [line] = request_lines()
    assert line["method"] == "POST"
    assert line["path"] == reverse("login")
    assert line["status"] == 200


@pytest.mark.django_db
def test_the_password_reset_token_is_not_logged(client, request_lines, student):
    client.get("/accounts/reset/MQ/abc123-secret-token/")
    [line] = request_lines()
    assert "secret-token" not in json.dumps(line)
    assert line["path"] == "/accounts/reset/<uidb64>/<token>/"


@pytest.mark.django_db
def test_an_error_on_a_reset_link_logs_its_route_not_its_token(caplog, monkeypatch, student):
    from django.contrib.auth.views import PasswordResetConfirmView
    from django.test import Client

    def broken(*args, **kwargs):
        raise RuntimeError("the mail server is down")

    monkeypatch.setattr(PasswordResetConfirmView, "dispatch", broken)
    caplog.set_level(logging.ERROR, logger="django.request")
    response = Client(raise_request_exception=False).get("/accounts/reset/MQ/abc123-secret/")
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Internal Server Error: /accounts/reset/<uidb64>/<token>/"
    assert "abc123-secret" not in caplog.text
