"""On the real study material the bank covers every kind, concept and fact."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from quizapp.bank.models import Item
from quizapp.generation.pipeline import ITEM_KINDS
from quizapp.library.models import Concept, Fact, Source

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bank(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("loadcontent", str(settings.CONTENT_DIR), stdout=io.StringIO())
        out = io.StringIO()
        call_command("generate", stdout=out)
        yield out.getvalue()
        Item.objects.all().delete()
        Source.objects.all().delete()
        Concept.objects.all().delete()


def test_the_bank_holds_items_of_every_kind(bank):
    kinds = set(Item.objects.values_list("kind", flat=True))
    assert kinds == set(ITEM_KINDS)


def test_every_concept_has_a_definition_and_a_study_card(bank):
    for concept in Concept.objects.all():
        items = Item.objects.filter(concepts=concept)
        assert items.filter(kind="definition").exists(), concept.slug
        assert items.filter(study_card=True, kind__in=["reverse", "cloze", "qa"]).exists(), (
            concept.slug
        )


def test_every_fact_is_tested_by_at_least_one_item(bank):
    untested = Fact.objects.exclude(pk__in=Item.objects.values("fact_id"))
    assert list(untested.values_list("slug", flat=True)) == []


def test_rejections_are_reported_and_few(bank):
    assert "Rejected per reason:" in bank
    rejected = [line for line in bank.split("Rejected per reason:")[1].splitlines() if line.strip()]
    counts = [int(line.split()[-1]) for line in rejected if line.split()[-1].isdigit()]
    assert sum(counts) < 0.02 * Item.objects.count()
