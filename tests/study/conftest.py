from __future__ import annotations

import pytest


@pytest.fixture
def student_client(client, student, bank):
    client.force_login(student)
    return client
