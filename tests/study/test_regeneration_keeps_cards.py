"""Regenerating the bank after a content edit keeps every card and its review history."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from quizapp.bank.models import Item
from quizapp.study.models import Card, Review
from tests.study.test_scheduling import current_card, grade

pytestmark = pytest.mark.django_db


def test_cards_and_reviews_survive_an_edit_and_regeneration(student_client, loaded_fixture_content):
    for rating in (3, 4, 3):
        grade(student_client, current_card(student_client), rating)
    cards_before = list(Card.objects.order_by("pk").values("pk", "item_id", "reps", "state"))
    reviews_before = list(Review.objects.order_by("pk").values("pk", "card_id", "rating"))
    studied = Item.objects.filter(cards__isnull=False)
    # Reword every fact's statement and question, then reload and regenerate.
    path = loaded_fixture_content / "facts" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Which body drafted", "Name the body that drafted")
    text = text.replace("The Test Committee met 18 times.", "The Test Committee held 18 meetings.")
    path.write_text(text, encoding="utf-8")
    call_command("loadcontent", str(loaded_fixture_content), stdout=io.StringIO())
    call_command("generate", stdout=io.StringIO())
    assert (
        list(Card.objects.order_by("pk").values("pk", "item_id", "reps", "state")) == cards_before
    )
    assert list(Review.objects.order_by("pk").values("pk", "card_id", "rating")) == reviews_before
    assert all(item.retired_at is None for item in studied)
    assert Item.objects.get(key="qa:alpha-drafter").prompt.startswith("Name the body")


@pytest.mark.parametrize("change", [{"retired_at": "2026-01-01T00:00:00Z"}, {"status": "hidden"}])
def test_a_retired_or_hidden_items_card_keeps_its_history_but_is_not_shown(
    student_client, loaded_fixture_content, change
):
    card = current_card(student_client)
    grade(student_client, card, 1)  # due again in a minute
    Card.objects.filter(pk=card.pk).update(due="2026-01-01T00:00:00Z")
    assert current_card(student_client).pk == card.pk
    Item.objects.filter(pk=card.item_id).update(**change)
    assert current_card(student_client).pk != card.pk
    assert Review.objects.filter(card=card).exists()
