"""Generate the whole question bank from a library: every generator, then validation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from quizapp.generation import concept_items, fact_items
from quizapp.generation.distractors import DistractorRanker
from quizapp.generation.flaws import FlawContext, flaws
from quizapp.generation.kinds import FLASHCARD_KINDS, KIND_VALUES
from quizapp.generation.records import Item, Library
from quizapp.generation.validators import Validator

# The kinds' names, for callers that know them from here; the table is kinds.py.
ITEM_KINDS = KIND_VALUES


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
    yield from fact_items.cloze_items(library, seed)
    yield from fact_items.short_answer_items(library)
    yield from fact_items.mcq_items(library, ranker, seed)
    yield from fact_items.who_said_items(library, ranker, seed)
    yield from fact_items.true_false_items(library, ranker)
    yield from fact_items.ordering_items(library, seed)


def generate_bank(library: Library, seed: int = 0) -> GenerationResult:
    """Validated, flaw-free items, deterministic for a seed; each rejection is counted under
    every reason that applies (the validators' and the item-writing rules of ``flaws``)."""
    result = GenerationResult()
    validator = Validator(library)
    context = FlawContext(library)
    seen: set[str] = set()
    for item in candidates(library, seed):
        reasons = validator.reasons(item) + flaws(context, item)
        if item.key in seen:
            reasons.append("duplicate-key")
        if reasons:
            result.rejected.update(reasons)
            continue
        seen.add(item.key)
        result.items.append(item)
    choose_study_cards(result.items)
    return result


# The best card for studying a fact or a concept, best first: a natural question, then the
# definition asked backwards (its answer is a name a learner can produce), then a cloze.
# A definition card asks for a whole sentence, so it is studied only where nothing else is.
STUDY_PREFERENCE = ("qa", "reverse", "cloze", "who_said", "definition")


def choose_study_cards(items: list[Item]) -> None:
    """Mark one flashcard per fact (or per concept, for concept cards) as its study card.

    The other forms of the same fact stay in the bank for quizzes; studied side by side
    they would answer each other ("2023" twice in a row).
    """
    best: dict[tuple[str, str], Item] = {}
    for item in items:
        if item.kind not in FLASHCARD_KINDS:
            continue
        subject = ("fact", item.fact) if item.fact else ("concept", ",".join(item.concepts))
        current = best.get(subject)
        rank = STUDY_PREFERENCE.index(item.kind)
        if current is None or rank < STUDY_PREFERENCE.index(current.kind):
            best[subject] = item
    for item in best.values():
        item.study_card = True
