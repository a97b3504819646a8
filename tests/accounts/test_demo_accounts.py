"""createdemoaccounts refuses in production, where its public passwords would be a way in."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.hardening.conftest import PRODUCTION, manage

pytestmark = pytest.mark.django_db


def test_production_refuses_and_leaves_a_real_admin_alone(settings):
    settings.DEBUG = False  # DJANGO_DEBUG=0
    admin = get_user_model().objects.create_superuser("admin", password="a-real-secret-1")
    with pytest.raises(CommandError, match=r"DJANGO_DEBUG=0.*--force"):
        call_command("createdemoaccounts", stdout=io.StringIO())
    admin.refresh_from_db()
    assert admin.check_password("a-real-secret-1")
    assert not get_user_model().objects.filter(username__in=["student", "teacher"]).exists()


def test_force_creates_them_on_a_demo_site(settings):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("createdemoaccounts", "--force", stdout=out)
    assert "admin-demo-2024" in out.getvalue()
    assert get_user_model().objects.get(username="admin").is_superuser


def test_the_refusal_in_a_production_process(tmp_path):
    result = manage(
        "createdemoaccounts", DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}", **PRODUCTION
    )
    assert result.returncode != 0
    assert "Refusing with DJANGO_DEBUG=0" in result.stderr
    assert "admin-demo-2024" not in result.stdout


def test_development_creates_them(settings):
    settings.DEBUG = True
    call_command("createdemoaccounts", stdout=io.StringIO())
    assert get_user_model().objects.filter(username__in=["student", "teacher"]).count() == 2
