"""Export downloads: the files, their headers, who may fetch them, and where the links are."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import pytest
from django.urls import reverse

from quizapp.bank.models import Item
from quizapp.exchange.gift import parse_gift
from quizapp.exchange.term_lists import parse_term_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def student_client(client, student, bank):
    client.force_login(student)
    return client


def anki_fields(content: bytes, tmp_path) -> list[str]:
    """The raw note fields inside an .apkg (a zip holding an SQLite collection)."""
    path = tmp_path / "collection.anki2"
    path.write_bytes(zipfile.ZipFile(io.BytesIO(content)).read("collection.anki2"))
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT flds FROM notes")]


def test_anki_download_of_a_source_deck_is_an_attachment_with_absolute_links(
    student_client, tmp_path
):
    response = student_client.get("/exchange/export/anki/?deck=source:alpha")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/apkg"
    assert response["Content-Disposition"] == 'attachment; filename="quizapp-source-alpha.apkg"'
    fields = anki_fields(response.content, tmp_path)
    assert len(fields) == 18
    assert all('href="http://testserver/sources/alpha/?hl=' in f for f in fields)


def test_csv_download_is_a_quizlet_term_list(student_client):
    response = student_client.get("/exchange/export/csv/?deck=all")

    assert response["Content-Disposition"] == 'attachment; filename="quizapp-all.tsv"'
    assert response["Content-Type"].startswith("text/tab-separated-values")
    pairs = parse_term_list(response.content.decode(), header=False)
    qa = Item.objects.get(key="qa:alpha-visit-year")
    assert (qa.prompt, qa.answer) in {(p.term, p.definition) for p in pairs}


def test_csv_with_comma_download_has_a_header(student_client):
    response = student_client.get("/exchange/export/csv/?deck=all&delimiter=comma")
    assert response["Content-Disposition"] == 'attachment; filename="quizapp-all.csv"'
    assert response.content.decode().startswith("term,definition\n")


def test_gift_download_of_a_concept_deck(student_client):
    response = student_client.get("/exchange/export/gift/?deck=concept:test-committee")

    assert response["Content-Disposition"] == (
        'attachment; filename="quizapp-concept-test-committee.gift.txt"'
    )
    questions = parse_gift(response.content.decode())
    assert len(questions) == Item.objects.filter(concepts__slug="test-committee").count()


def test_a_deck_without_a_parameter_is_everything(student_client):
    response = student_client.get("/exchange/export/gift/")
    assert response["Content-Disposition"] == 'attachment; filename="quizapp-all.gift.txt"'


@pytest.mark.parametrize(
    "url",
    [
        "/exchange/export/anki/?deck=source:nope",
        "/exchange/export/anki/?deck=concept:nope",
        "/exchange/export/anki/?deck=shelf:alpha",
        "/exchange/export/pdf/?deck=all",
    ],
)
def test_unknown_decks_and_formats_are_not_found(student_client, url):
    assert student_client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, bank):
    response = client.get("/exchange/export/anki/?deck=all")
    assert response.status_code == 302
    login = reverse("login")
    assert response["Location"] == f"{login}?next=/exchange/export/anki/%3Fdeck%3Dall"


def test_downloads_are_get_only(student_client):
    assert student_client.post("/exchange/export/anki/?deck=all").status_code == 405


def test_the_study_home_links_each_deck_to_its_exports(student_client):
    html = student_client.get("/study/").content.decode()
    for fmt in ("anki", "csv", "gift"):
        assert f'href="/exchange/export/{fmt}/?deck=all"' in html
        assert f'href="/exchange/export/{fmt}/?deck=source:alpha"' in html


def test_the_bank_list_links_teachers_to_the_exports(client, teacher, bank):
    client.force_login(teacher)
    html = client.get("/bank/").content.decode()
    for fmt in ("anki", "csv", "gift"):
        assert f'href="/exchange/export/{fmt}/?deck=all"' in html
