"""Undo, repeated submits, suspend, bury, typed answers, and other users' cards."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from quizapp.study.models import Card, Review
from tests.study.test_scheduling import current_card, grade

pytestmark = pytest.mark.django_db

COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def columns(card: Card) -> dict:
    card.refresh_from_db()
    return {name: getattr(card, name) for name in COLUMNS}


def test_undo_restores_the_previous_state_exactly_and_removes_the_review(student_client):
    card = current_card(student_client)
    grade(student_client, card, 4)
    card.refresh_from_db()
    Card.objects.filter(pk=card.pk).update(due=timezone.now() - dt.timedelta(days=1))
    before = columns(card)
    grade(student_client, card, 1)
    assert columns(card) != before
    assert Review.objects.filter(card=card).count() == 2
    response = student_client.post("/study/undo/", {"deck": "all"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Last review undone." in response.content.decode()
    assert columns(card) == before
    assert Review.objects.filter(card=card).count() == 1


def test_undo_with_nothing_to_undo_says_so(student_client):
    response = student_client.post("/study/undo/", {"deck": "all"}, headers={"HX-Request": "true"})
    assert "Nothing to undo." in response.content.decode()


def test_a_double_submit_records_one_review(student_client):
    card = current_card(student_client)
    first = grade(student_client, card, 3, version=0)
    second = grade(student_client, card, 3, version=0)  # double click or retried request
    assert first.status_code == second.status_code == 302
    assert Review.objects.filter(card=card).count() == 1
    card.refresh_from_db()
    assert card.reps == 1


def test_a_grade_from_a_second_tab_showing_the_same_card_records_nothing(student_client):
    card = current_card(student_client)
    grade(student_client, card, 3, version=0)
    response = student_client.post(
        "/study/review/",
        {"card": card.pk, "version": 0, "rating": 1, "deck": "all", "shown_at": 0},
        headers={"HX-Request": "true"},
    )
    assert "That card was already graded." in response.content.decode()
    assert list(Review.objects.filter(card=card).values_list("rating", flat=True)) == [3]


def test_suspend_removes_the_card_from_the_queue(student_client):
    card = current_card(student_client)
    response = student_client.post(f"/study/card/{card.pk}/suspend/", {"deck": "all"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.suspended
    assert current_card(student_client).pk != card.pk


def test_bury_hides_the_card_until_the_next_study_day(student_client):
    card = current_card(student_client)
    student_client.post(f"/study/card/{card.pk}/bury/", {"deck": "all"})
    card.refresh_from_db()
    assert card.buried_until > timezone.now()
    assert card.buried_until - timezone.now() <= dt.timedelta(days=1)
    assert current_card(student_client).pk != card.pk
    Card.objects.filter(pk=card.pk).update(buried_until=timezone.now() - dt.timedelta(seconds=1))
    assert current_card(student_client).pk == card.pk  # back once the new day begins


@pytest.mark.parametrize("action", ["suspend", "bury"])
def test_another_users_card_is_404_and_unchanged(client, django_user_model, bank, action):
    owner = django_user_model.objects.create_user("owner", password="x-pass-123")
    client.force_login(owner)
    card = current_card(client)
    intruder = django_user_model.objects.create_user("intruder", password="x-pass-123")
    client.force_login(intruder)
    assert client.post(f"/study/card/{card.pk}/{action}/", {"deck": "all"}).status_code == 404
    assert grade(client, card, 3).status_code == 404
    assert client.get("/study/session/", {"deck": "all", "show": card.pk}).status_code == 404
    card.refresh_from_db()
    assert not card.suspended and card.buried_until is None and card.reps == 0


@pytest.mark.parametrize(
    "data",
    [
        {"card": "x", "version": 0, "rating": 3, "shown_at": 0},
        {"card": 1, "version": 0, "rating": 7, "shown_at": 0},
        {"card": 1, "version": -1, "rating": 3, "shown_at": 0},
        {"card": 1, "rating": 3, "shown_at": 0},
        {"card": "\u0663", "version": 0, "rating": 3, "shown_at": 0},
        {"card": 1, "version": 0, "rating": "3.0", "shown_at": 0},
        {"card": 1, "version": 0, "rating": 3, "shown_at": 0, "deck": "x" * 201},
        {"card": "9" * 30, "version": 0, "rating": 3, "shown_at": 0},
    ],
)
def test_a_forged_grade_is_refused_and_changes_nothing(student_client, data):
    current_card(student_client)
    assert student_client.post("/study/review/", data).status_code == 400
    assert Review.objects.count() == 0


@pytest.mark.parametrize("show", ["x", "\u0663", "9" * 30])
def test_revealing_a_malformed_card_id_is_404(student_client, show):
    current_card(student_client)
    response = student_client.get("/study/session/", {"deck": "all", "show": show})
    assert response.status_code == 404


def test_an_unknown_deck_is_404(student_client):
    assert student_client.get("/study/session/", {"deck": "source:nope"}).status_code == 404
    assert student_client.get("/study/session/", {"deck": "weird"}).status_code == 404


def test_studying_needs_an_account(client, bank):
    response = client.get("/study/session/", {"deck": "all"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_typed_answer_is_checked_leniently_before_grading(student_client, student):
    from quizapp.bank.models import Item

    item = Item.objects.get(key="qa:alpha-drafter")
    card = Card.objects.create(user=student, item=item, due=timezone.now())
    html = student_client.get(
        "/study/session/", {"deck": "all", "show": card.pk, "typed": "the test comittee"}
    ).content.decode()
    assert "Correct." in html
    html = student_client.get(
        "/study/session/", {"deck": "all", "show": card.pk, "typed": "Alpha Declaration"}
    ).content.decode()
    assert "Not quite." in html


def test_the_back_shows_the_source_excerpt_and_a_link_to_read_it_in_context(student_client):
    card = current_card(student_client)
    html = student_client.get(
        "/study/session/", {"deck": "all", "show": card.pk}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "<html" not in html
    assert "Read it in context" in html
    assert card.item.get_source_url().replace("&", "&amp;") in html
    assert card.item.span_text.replace('"', "&quot;") in html


def test_the_htmx_grade_swaps_in_the_next_card_with_progress(student_client):
    card = current_card(student_client)
    response = student_client.post(
        "/study/review/",
        {"card": card.pk, "version": 0, "rating": 3, "deck": "all", "shown_at": 0},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'hx-swap-oob="true"' in html and "Graded Good." in html
    assert re.search(r"Today: 1 done", html)


@pytest.mark.parametrize("value", ["²", "abc", "-1", "1e3"])
def test_a_malformed_card_id_in_the_url_is_404_not_an_error(student_client, value):
    assert student_client.get("/study/session/", {"deck": "all", "show": value}).status_code == 404


def test_without_javascript_a_message_is_shown_once(student_client):
    card = current_card(student_client)
    response = grade(student_client, card, 3)
    html = student_client.get(response["Location"]).content.decode()
    assert html.count("Graded Good.") == 1
