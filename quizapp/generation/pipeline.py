"""Generate the whole question bank from a library: every generator, then validation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from quizapp.generation import concept_items, fact_items
from quizapp.generation.distractors import DistractorRanker
from quizapp.generation.records import Item, Library
from quizapp.generation.validators import Validator

ITEM_KINDS = (
    "definition",
    "reverse",
    "cloze",
    "qa",
    "mcq",
    "true_false",
    "matching",
    "ordering",
    "who_said",
    "short_answer",
)


@dataclass
class GenerationResult:
    items: list[Item] = field(default_factory=list)
    rejected: Counter = field(default_factory=Counter)

    @property
    def counts(self) -> Counter:
        return Counter(item.kind for item in self.items)


def candidates(library: Library, seed: int = 0):
    """Every item the generators propose, before validation."""
    ranker = DistractorRanker(library, seed)
    yield from concept_items.definition_items(library)
    yield from concept_items.passage_cloze_items(library)
    yield from concept_items.matching_items(library)
    yield from fact_items.qa_items(library)
    yield from fact_items.cloze_items(library)
    yield from fact_items.short_answer_items(library)
    yield from fact_items.mcq_items(library, ranker, seed)
    yield from fact_items.who_said_items(library, ranker, seed)
    yield from fact_items.true_false_items(library, ranker)
    yield from fact_items.ordering_items(library, seed)


def generate_bank(library: Library, seed: int = 0) -> GenerationResult:
    """Validated items, deterministic for a seed; rejections counted by reason."""
    result = GenerationResult()
    validator = Validator(library)
    seen: set[str] = set()
    for item in candidates(library, seed):
        reasons = validator.reasons(item)
        if item.key in seen:
            reasons.append("duplicate-key")
        if reasons:
            result.rejected.update(reasons)
            continue
        seen.add(item.key)
        result.items.append(item)
    return result
