"""The import page: teachers only, files refused clearly with nothing saved, success redirects."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quizapp.bank.models import Item
from quizapp.library.models import Passage, Source

pytestmark = pytest.mark.django_db
URL = "/exchange/import/"


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def upload(client, content: bytes, fmt: str, title: str = "", name: str = "set.txt"):
    data = {"format": fmt, "title": title, "file": SimpleUploadedFile(name, content)}
    return client.post(URL, data)


def counts() -> tuple[int, int, int]:
    return Item.objects.count(), Source.objects.count(), Passage.objects.count()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_students_are_refused_and_cannot_post(client, student):
    client.force_login(student)
    assert client.get(URL).status_code == 403
    assert upload(client, b"sun\tstar\n", "quizlet", "Sky").status_code == 403
    assert counts() == (0, 0, 0)


def test_page_labels_every_field(teacher_client):
    html = teacher_client.get(URL).content.decode()
    for field, label in (("format", "Format"), ("title", "Set title"), ("file", "File")):
        assert f'<label for="id_{field}">{label}' in html
    assert 'enctype="multipart/form-data"' in html
    assert "style=" not in html and "<script>" not in html


def test_staff_may_import_too(client, staff):
    client.force_login(staff)
    assert upload(client, b"sun\tstar\n", "quizlet", "Sky").status_code == 302


def test_quizlet_list_lands_in_the_bank_filtered_to_the_new_source(teacher_client):
    response = upload(teacher_client, b"sun\tstar\nmoon\tsatellite, natural\n", "quizlet", "Sky")
    source = Source.objects.get(title="Sky")
    assert response.status_code == 302
    assert response["Location"] == f"/bank/?source={source.slug}"
    page = teacher_client.get(response["Location"]).content.decode()
    assert "Imported 2 items." in page and "2 items" in page and "satellite, natural" in page
    reading = teacher_client.get(source.get_absolute_url()).content.decode()
    assert "sun — star" in reading


def test_title_defaults_to_the_file_name(teacher_client):
    upload(teacher_client, b"term,definition\nsun,star\n", "csv", "", name="space_words.csv")
    assert Source.objects.get().title == "space words"


def test_gift_file_with_a_utf8_bom_is_accepted(teacher_client):
    text = "\ufeff::Q:: Capital of Viêt Nam? {=Hà Nội ~Huế}\n".encode()
    response = upload(teacher_client, text, "gift", "Geo")
    assert response.status_code == 302
    item = Item.objects.get()
    assert (item.kind, item.prompt, item.answer) == ("mcq", "Capital of Viêt Nam?", "Hà Nội")


def test_problems_are_listed_linked_to_the_file_field_and_nothing_is_saved(teacher_client):
    response = upload(teacher_client, b"sun\tstar\nmoon\n\tempty\n", "quizlet", "Sky")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "Nothing was imported" in html
    assert '<a href="#id_file">line 2: no tab between term and definition</a>' in html
    assert '<a href="#id_file">line 3: empty term</a>' in html
    error = '<ul class="errorlist" id="id_file_error"><li>The file was not imported: 2 problems'
    assert error in html
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert counts() == (0, 0, 0)


def test_gift_problems_are_listed(teacher_client):
    response = upload(teacher_client, b"Q {=a}\n\nPrice {#3}\n", "gift", "Quiz")
    assert response.status_code == 400
    assert "line 3: numeric questions are not supported" in response.content.decode()
    assert counts() == (0, 0, 0)


def test_a_file_over_one_megabyte_is_refused(teacher_client):
    response = upload(teacher_client, b"a\tb\n" * 300_000, "quizlet", "Big")
    assert response.status_code == 400
    assert "The file is larger than 1 MB (1,200,000 bytes)." in response.content.decode()
    assert counts() == (0, 0, 0)


def test_bytes_that_are_not_utf8_are_refused(teacher_client):
    response = upload(teacher_client, "sun\tstar\ncafé\tcoffee\n".encode("latin-1"), "quizlet")
    assert response.status_code == 400
    assert "line 2: the file is not UTF-8 text" in response.content.decode()
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "fmt", "problem"),
    [
        (b"<!DOCTYPE html><html><body>{=x}</body></html>", "gift", "this is an HTML or XML page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "gift", "this is a binary file, not a text file"),
        (b"sun,star\nmoon,satellite\n", "csv", "must start with the header row term,definition"),
        (b"Q? {=a ~b}\n", "quizlet", "this looks like a Moodle GIFT file; choose GIFT"),
        (b"sun\tstar\nmoon\tsatellite\n", "gift", "line 1: no answers in { }"),
    ],
)
def test_a_file_that_is_not_the_claimed_format_is_refused(teacher_client, content, fmt, problem):
    response = upload(teacher_client, content, fmt, "Wrong")
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert counts() == (0, 0, 0)


def test_a_forged_format_is_a_form_error(teacher_client):
    response = upload(teacher_client, b"sun\tstar\n", "anki", "Sky")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert counts() == (0, 0, 0)


def test_a_title_owned_by_a_reading_is_refused(teacher_client, teacher, loaded_fixture_content):
    from quizapp.exchange.list_import import source_slug

    Source.objects.filter(slug="alpha").update(slug=source_slug("Mine", teacher))
    before = counts()
    response = upload(teacher_client, b"sun\tstar\n", "quizlet", "Mine")
    assert response.status_code == 400
    assert "belongs to a reading; choose another title" in response.content.decode()
    assert counts() == before


def test_get_only_and_post_methods(teacher_client):
    assert teacher_client.put(URL).status_code == 405
