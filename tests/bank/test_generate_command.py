"""`manage.py generate` fills the bank, reports counts, writes JSON, and regenerates in place."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from quizapp.bank.models import Item
from quizapp.library.folding import fold
from quizapp.library.models import Fact

pytestmark = pytest.mark.django_db


def generate(*args: str) -> str:
    out = io.StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


def reload(content_dir: Path) -> None:
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())


def test_generate_prints_counts_per_kind_and_rejections(loaded_fixture_content):
    out = generate()
    assert "Items per kind:" in out
    assert f"total         {Item.objects.count()}" in out
    assert "Rejected per reason:" in out
    assert Item.objects.filter(kind="mcq").exists()
    assert "Bank: " in out and " created" in out


def test_json_output_has_one_object_per_item_with_its_source_span(loaded_fixture_content, tmp_path):
    path = tmp_path / "items.jsonl"
    generate("--json", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == Item.objects.count()
    first = json.loads(lines[0])
    for key in (
        "key",
        "kind",
        "prompt",
        "answer",
        "accepted",
        "options",
        "source",
        "passage",
        "start",
        "end",
        "explanation",
    ):
        assert key in first
    item = Item.objects.get(key=first["key"])
    assert item.passage.ordinal == first["passage"] and item.start == first["start"]


def test_every_item_links_to_its_passage_span(loaded_fixture_content):
    generate()
    for item in Item.objects.select_related("passage__source"):
        assert item.get_source_url().startswith(f"/sources/{item.passage.source.slug}/?hl=")
        span = item.passage.text[item.start : item.end]
        assert span and item.span_text == span
        evidence = item.extra.get("evidence") or [item.answer]
        assert any(fold(e) in fold(span) for e in evidence), item.key


def test_regenerating_without_changes_changes_nothing(loaded_fixture_content):
    generate()
    before = list(Item.objects.order_by("pk").values())
    out = generate()
    assert "0 created, 0 updated" in out
    assert list(Item.objects.order_by("pk").values()) == before


def test_an_edited_fact_updates_its_items_in_place(loaded_fixture_content):
    generate()
    item = Item.objects.get(key="qa:alpha-drafter")
    path = loaded_fixture_content / "facts" / "alpha.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "Which body drafted the Alpha Declaration?", "Who wrote the Alpha Declaration?"
    )
    path.write_text(text, encoding="utf-8")
    reload(loaded_fixture_content)
    generate()
    item.refresh_from_db()
    assert item.prompt == "Who wrote the Alpha Declaration?"
    assert Item.objects.filter(key="qa:alpha-drafter").count() == 1


def test_teacher_edits_and_status_survive_regeneration(loaded_fixture_content):
    generate()
    item = Item.objects.get(key="qa:alpha-drafter")
    item.teacher_prompt = "Name the body that drafted the Alpha Declaration."
    item.status = Item.Status.APPROVED
    item.save()
    Fact.objects.filter(slug="alpha-drafter").update(question="Changed by an admin?")
    generate()
    item.refresh_from_db()
    assert item.prompt == "Changed by an admin?"
    assert item.shown_prompt == "Name the body that drafted the Alpha Declaration."
    assert item.status == Item.Status.APPROVED  # learners still see the teacher's wording


def test_an_approved_item_whose_wording_changes_goes_back_to_review(loaded_fixture_content):
    generate()
    Item.objects.filter(key="qa:alpha-drafter").update(status=Item.Status.APPROVED)
    Fact.objects.filter(slug="alpha-drafter").update(question="Reworded by an admin?")
    out = generate()
    assert "1 reworded and back to review" in out
    assert Item.objects.get(key="qa:alpha-drafter").status == Item.Status.GENERATED


def test_an_item_whose_fact_is_gone_is_retired_not_deleted_and_can_return(loaded_fixture_content):
    generate()
    pk = Item.objects.get(key="qa:alpha-meetings").pk
    facts = loaded_fixture_content / "facts" / "alpha.yaml"
    original = facts.read_text(encoding="utf-8")
    start = original.index("- slug: alpha-meetings")
    end = original.index("- slug: alpha-visit-year")
    facts.write_text(original[:start] + original[end:], encoding="utf-8")
    reload(loaded_fixture_content)
    out = generate()
    item = Item.objects.get(pk=pk)
    assert item.retired_at is not None
    assert item.fact is None
    assert not Item.objects.usable().filter(pk=pk).exists()
    assert "retired" in out
    facts.write_text(original, encoding="utf-8")
    reload(loaded_fixture_content)
    generate()
    item.refresh_from_db()
    assert item.retired_at is None
    assert Item.objects.filter(key="qa:alpha-meetings").count() == 1
