"""Validators reject bad items with a reason; the pipeline counts and drops them."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.generation import pipeline
from quizapp.generation.pipeline import generate_bank
from quizapp.generation.records import Item
from quizapp.generation.validators import Validator


def good_mcq(library) -> Item:
    return next(i for i in generate_bank(library).items if i.key == "mcq:d24-issuer")


def with_changes(item: Item, **changes) -> Item:
    extra = {**item.extra, **changes.pop("extra", {})}
    return dataclasses.replace(item, extra=extra, **changes)


def test_a_generated_item_passes_every_validator(library):
    assert Validator(library).reasons(good_mcq(library)) == []


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"start": 0, "end": 9999}, "span-outside-passage"),
        ({"start": 40, "end": 60, "extra": {"evidence": ["Politburo"]}}, "answer-not-in-span"),
        ({"prompt": "Did the Politburo issue Directive 24?"}, "stem-gives-answer"),
        ({"options": ["Politburo", "Project88", "Project88", "Freedom House"]}, "repeated-option"),
        (
            {
                "options": ["Politburo", "Project88", "Freedom House", "Political Bureau"],
                "extra": {"answer_names": ["Politburo", "Political Bureau"]},
            },
            "not-exactly-one-right-option",
        ),
        (
            {
                "options": ["Politburo", "Project88", "Ben Swanton", "Freedom House"],
                "extra": {"distractors": ["Project88", "Ben Swanton", "Freedom House"]},
            },
            "mixed-option-kinds",
        ),
        ({"options": ["Politburo", "Project88"]}, "too-few-distractors"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_bad_multiple_choice_items_are_rejected_with_a_reason(library, changes, reason):
    item = with_changes(good_mcq(library), **changes)
    assert reason in Validator(library).reasons(item)


def test_a_year_among_organizations_is_a_mixed_kind(library):
    item = with_changes(
        good_mcq(library),
        options=["Politburo", "Project88", "2013", "Freedom House"],
        extra={"distractors": ["Project88", "2013", "Freedom House"]},
    )
    assert "mixed-option-kinds" in Validator(library).reasons(item)


def test_a_cloze_that_blanks_a_stop_word_is_rejected(library):
    cloze = next(i for i in generate_bank(library).items if i.key == "cloze:fact:d24-issuer")
    bad = with_changes(
        cloze,
        prompt="Directive 24 was issued by _____ Politburo.",
        answer="the",
        extra={"blank": "the", "evidence": ["the"]},
    )
    assert "cloze-blanks-stop-word" in Validator(library).reasons(bad)


def test_the_pipeline_counts_rejections_by_reason_and_never_ships_them(library, monkeypatch):
    real = pipeline.candidates

    def with_bad_items(lib, seed=0):
        yield from real(lib, seed)
        good = next(i for i in real(lib, seed) if i.key == "mcq:d24-issuer")
        yield with_changes(good, key="mcq:bad-1", options=["Politburo", "Politburo", "X", "Y"])
        yield with_changes(good, key="mcq:bad-2", prompt="Was it the Politburo?")

    monkeypatch.setattr(pipeline, "candidates", with_bad_items)
    result = generate_bank(library)
    assert result.rejected["repeated-option"] >= 1
    assert result.rejected["stem-gives-answer"] >= 1
    assert not {"mcq:bad-1", "mcq:bad-2"} & {i.key for i in result.items}


def test_a_fact_whose_answer_only_appears_outside_the_span_yields_no_items(library):
    fact = library.facts[0]
    # The span moved to the next sentence, which does not name the issuer.
    text = library.passage_of(fact).text
    start = text.index("Ben Swanton")
    library.facts[0] = dataclasses.replace(fact, start=start, end=start + 20)
    result = generate_bank(library)
    assert not [i for i in result.items if i.fact == fact.slug]
    assert result.rejected["answer-not-in-span"] >= 5
