"""Every URL refuses a POST without a CSRF token, and accepts the token as htmx sends it.

The URL names come from the URL conf (see conftest.py), so a view added later is covered
without editing this file. A POST to a GET-only view is refused too: the CSRF middleware
runs before the view, so a view that forgot @require_POST, or was marked csrf_exempt, still
shows up.

URL arguments are the real objects of the permission matrix's world (every URL has a rule
there, naming its arguments), so with the token the request reaches the view body, sent by
a role the matrix lets in. The Django admin is left out: its views are Django's own,
CSRF-protected by the admin itself, and its regex routes cannot be filled in generically.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.test import Client

from tests.hardening.conftest import URL_NAMES
from tests.hardening.test_permission_matrix import GONE, LOGIN, NO, RULES, url_of


def _poster(name: str) -> str:
    """A role the matrix lets POST to this URL (staff where nobody may, as any will do)."""
    allowed = RULES[name]["post"]
    refused = (NO, GONE, LOGIN)
    return next((r for r in ("staff", "teacher", "student") if allowed[r] not in refused), "staff")


@pytest.fixture
def csrf_rejections(caplog):
    """The CSRF middleware's own record of each refusal, told apart from a view's 403."""
    caplog.set_level(logging.WARNING, logger="django.security.csrf")
    return lambda: [r for r in caplog.records if r.name == "django.security.csrf"]


def _htmx_token(client: Client) -> str:
    """The token exactly as htmx sends it: from hx-headers on the page's <body>."""
    page = client.get("/").content.decode()
    headers = re.search(r"<body hx-headers='([^']*)'", page)
    assert headers, "base.html must put the CSRF token in hx-headers"
    return json.loads(headers[1])["X-CSRFToken"]


def test_the_url_conf_yields_the_known_post_endpoints():
    # A guard for the walk itself: if it found nothing, every check below would pass vacuously.
    for name in ("account_delete", "study:review", "bank:status", "quizzes:answer"):
        assert name in URL_NAMES


@pytest.mark.django_db
@pytest.mark.parametrize("name", URL_NAMES)
def test_a_post_without_a_token_is_refused(name, world, csrf_rejections):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["staff"])
    response = client.post(url_of(name, world), {"anything": "1"})
    assert response.status_code == 403
    assert csrf_rejections(), "refused, but not by the CSRF check"


@pytest.mark.django_db
@pytest.mark.parametrize("name", URL_NAMES)
def test_a_post_with_the_htmx_token_header_passes_the_check(name, world, csrf_rejections):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"][_poster(name)])
    token = _htmx_token(client)
    response = client.post(
        url_of(name, world),
        {"anything": "1"},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert not csrf_rejections()
    # The matrix lets this role in, so a 403 here could only be a CSRF refusal in disguise.
    assert response.status_code != 403
