"""Shared test fixtures: fast hashing, content folders, users, and the browser."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

FIXTURE_CONTENT = Path(__file__).parent / "tests" / "fixtures" / "content"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    # The rate limits count in the cache; each test starts with nothing counted.
    cache.clear()


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests serve files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A writable copy of the small fixture content."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def loaded_fixture_content(db, content_dir) -> Path:
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())
    return content_dir


@pytest.fixture
def bank(loaded_fixture_content) -> None:
    """The fixture content's items, generated and approved, ready to study and quiz."""
    call_command("generate", "--approve", stdout=io.StringIO())


@pytest.fixture
def student(django_user_model):
    return django_user_model.objects.create_user("stu", password="pw-student-1")


@pytest.fixture
def other_student(django_user_model):
    """A student who owns nothing the other fixtures make."""
    return django_user_model.objects.create_user("other", password="pw-other-1")


def _teacher(django_user_model, username: str, password: str):
    from quizapp.accounts.roles import teachers_group

    user = django_user_model.objects.create_user(username, password=password)
    user.groups.add(teachers_group())
    return user


@pytest.fixture
def teacher(django_user_model):
    return _teacher(django_user_model, "tea", "pw-teacher-1")


@pytest.fixture
def other_teacher(django_user_model):
    """A teacher who owns nothing the other fixtures make."""
    return _teacher(django_user_model, "tea2", "pw-teacher-2")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("boss", password="pw-staff-1")
