"""Uploads built to hurt: UTF-16, NUL bytes and questions too big for one page.

Each is refused with a "line N: problem" the teacher can act on, and nothing is saved.
The NUL cases were 500s on PostgreSQL, so run this file there too.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.exchange.models import ArticleDraft
from quizapp.library.models import Passage, Source

pytestmark = pytest.mark.django_db
IMPORT = reverse("exchange:import")
ARTICLE = reverse("exchange:article_upload")


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def import_file(client, content: bytes, fmt: str = "gift"):
    data = {"format": fmt, "title": "Hostile", "file": SimpleUploadedFile("set.txt", content)}
    return client.post(IMPORT, data)


def nothing_saved() -> bool:
    models = (Item, Source, Passage, ArticleDraft)
    return not any(model.objects.exists() for model in models)


def matching(pairs: int) -> bytes:
    lines = [f" ={n} -> answer {n}" for n in range(pairs)]
    return ("// Pairs start on line 3.\nMatch them. {\n" + "\n".join(lines) + "\n}\n").encode()


def test_a_1500_pair_matching_question_is_refused_at_its_thirteenth_pair(teacher_client):
    response = import_file(teacher_client, matching(1500))
    assert response.status_code == 400
    assert "line 15: more than 12 matching pairs in one question" in response.text
    assert nothing_saved()


def test_twelve_pairs_are_fine(teacher_client):
    response = import_file(teacher_client, matching(12))
    assert response.status_code == 302
    assert len(Item.objects.get(kind="matching").extra["pairs"]) == 12


def test_a_question_with_50000_options_is_refused_at_its_twenty_first(teacher_client):
    options = "\n".join(f"~wrong {n}" for n in range(50_000))
    response = import_file(teacher_client, f"Pick one. {{\n=right\n{options}\n}}\n".encode())
    assert response.status_code == 400
    assert "line 22: more than 20 answers in one question" in response.text
    assert nothing_saved()


@pytest.mark.parametrize("fmt", ["quizlet", "csv", "gift"])
def test_a_utf16_file_is_named_as_such_and_the_fix_given(teacher_client, fmt):
    text = "term,definition\nsun,star\n" if fmt == "csv" else "sun\tstar\n"
    for encoded in (text.encode("utf-16"), text.encode("utf-16-le")):
        response = import_file(teacher_client, encoded, fmt)
        assert response.status_code == 400
        assert "line 1: the file is UTF-16 text, not UTF-8; save it as UTF-8" in response.text
        assert "binary" not in response.text
    assert nothing_saved()


def test_a_nul_inside_a_term_list_gives_its_line(teacher_client):
    response = import_file(teacher_client, b"sun\tstar\nmoon\tsat\x00ellite\n", "quizlet")
    assert response.status_code == 400
    assert "line 2: the file contains a NUL byte" in response.text
    assert nothing_saved()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"A first passage.\n\nA sec\x00ond passage.\n", "line 3: the file contains a NUL byte"),
        ("A first passage.\n".encode("utf-16"), "UTF-16 text, not UTF-8; save it as UTF-8"),
    ],
)
def test_an_article_file_with_nul_or_in_utf16_is_refused(teacher_client, content, message):
    upload = SimpleUploadedFile("article.txt", content)
    response = teacher_client.post(ARTICLE, {"title": "Hostile", "url": "", "file": upload})
    assert response.status_code == 400
    assert message in response.text
    assert nothing_saved()
