from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def study_bank(loaded_fixture_content):
    """The fixture content's items, generated and approved, ready to study."""
    call_command("generate", "--approve", stdout=io.StringIO())


@pytest.fixture
def student_client(client, student, study_bank):
    client.force_login(student)
    return client
