"""Importing an article adds to the bank and never rewrites other readings' approved items."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from quizapp.bank.models import Item
from quizapp.exchange.article_import import import_article, slug_for
from quizapp.exchange.article_text import article_passages
from quizapp.exchange.candidates import propose
from quizapp.library.models import Mention
from tests.exchange.articles import PRESS_DIRECTIVE


@pytest.fixture
def approved_bank(db):
    """The project's own study material, its bank generated and approved."""
    call_command("loadcontent", stdout=io.StringIO())
    call_command("generate", "--approve", stdout=io.StringIO())


def snapshot() -> dict[str, tuple]:
    """What a learner sees of each item, where it cites, and whether it is in use."""
    return {
        item.key: (
            item.prompt,
            item.answer,
            item.options,
            item.passage_id,
            item.start,
            item.end,
            item.status,
            item.retired_at,
        )
        for item in Item.objects.all()
    }


def import_everything(title: str = "The press directive"):
    passages = article_passages(PRESS_DIRECTIVE, title=title)
    proposal = propose(passages)
    return import_article(
        title=title,
        url="",
        passages=passages,
        concepts=proposal.concepts,
        facts=proposal.facts,
    )


@pytest.mark.django_db
def test_importing_changes_retires_and_moves_no_item_of_another_reading(approved_bank):
    before = snapshot()
    report = import_everything()
    after = snapshot()
    assert report.concepts and report.items > 0
    changed = [key for key, seen in before.items() if after[key][:3] != seen[:3]]
    moved = [key for key, seen in before.items() if after[key][3:6] != seen[3:6]]
    unapproved = [key for key, seen in before.items() if after[key][6] != seen[6]]
    retired = [key for key, seen in before.items() if after[key][7] != seen[7]]
    assert (changed, moved, unapproved, retired) == ([], [], [], [])
    new = Item.objects.exclude(key__in=before)
    assert new.exists()
    assert set(new.values_list("passage__source", flat=True)) == {report.source.pk}


@pytest.mark.django_db
def test_confirmed_new_concepts_are_linked_in_older_readings_without_moving_mentions(
    approved_bank,
):
    before = set(Mention.objects.values_list("concept_id", "passage_id", "start", "end"))
    report = import_everything()
    after = set(Mention.objects.values_list("concept_id", "passage_id", "start", "end"))
    assert before <= after  # nothing an older reading named is lost or moved
    added = {
        m
        for m in after - before
        if m[1] not in set(report.source.passages.values_list("pk", flat=True))
    }
    new_concepts = {c.pk for c in report.concepts}
    assert {m[0] for m in added} <= new_concepts


def test_slugs_keep_vietnamese_letters():
    assert slug_for("Nguyễn Đình Lộc") == "nguyen-dinh-loc"
    assert slug_for("Đà Nẵng đổi mới") == "da-nang-doi-moi"
