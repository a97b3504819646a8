"""Propose a quiz from the bank: balanced across concepts, never two items on one fact."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from quizapp.bank.models import Item
from quizapp.generation.kinds import ORDERING, QUIZ_KINDS, kinds_where
from quizapp.quizzes.models import Quiz, QuizItem

# Recognising the right answer among options is easier than recalling it unaided;
# putting facts in order needs recall of several dates at once (ItemKind.easier).
DIFFICULTY_KINDS = {
    "mixed": QUIZ_KINDS,
    "easier": kinds_where(in_quizzes=True, easier=True),
    "harder": kinds_where(in_quizzes=True, easier=False),
}


@dataclass
class Criteria:
    sources: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=lambda: list(QUIZ_KINDS))
    count: int = 10
    difficulty: str = "mixed"
    seed: int = 0

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Criteria:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


def candidates(criteria: Criteria) -> QuerySet[Item]:
    """Approved, usable items that fit the criteria."""
    allowed = set(criteria.kinds) & set(DIFFICULTY_KINDS.get(criteria.difficulty, QUIZ_KINDS))
    items = Item.objects.approved().filter(kind__in=sorted(allowed))
    if criteria.sources:
        items = items.filter(passage__source__slug__in=criteria.sources)
    if criteria.concepts:
        chosen = Item.objects.filter(concepts__slug__in=criteria.concepts).values("pk")
        items = items.filter(pk__in=chosen)
    return items.select_related("fact").prefetch_related("concepts").order_by("key")


def what_it_tests(item: Item) -> frozenset[str]:
    """What an item checks the learner knows: its fact(s), or else its concepts."""
    if item.kind_info.answer_form == ORDERING:
        return frozenset(f"fact:{slug}" for slug in item.extra.get("facts", []))
    if item.fact_id:
        return frozenset({f"fact:{item.fact.slug}"})
    return frozenset(f"concept:{c.slug}" for c in item.concepts.all())


def propose(criteria: Criteria) -> list[Item]:
    """Deal items round-robin from one pile per concept, skipping any that would test
    something already tested, until the quiz has ``count`` questions. From each pile
    the least used kind comes first, so a quiz mixes kinds as well as concepts."""
    rng = random.Random(criteria.seed)
    piles: dict[str, list[Item]] = defaultdict(list)
    for item in candidates(criteria):
        piles[_main_concept(item)].append(item)
    for pile in piles.values():
        rng.shuffle(pile)
    order = sorted(piles)
    rng.shuffle(order)
    chosen: list[Item] = []
    covered: set[str] = set()
    kinds: Counter[str] = Counter()
    while len(chosen) < criteria.count and any(piles[name] for name in order):
        for name in order:
            item = _take_fresh(piles[name], covered, kinds)
            if item is not None:
                chosen.append(item)
                covered |= what_it_tests(item)
                kinds[item.kind] += 1
            if len(chosen) == criteria.count:
                break
    return chosen


@transaction.atomic
def quiz_create(
    owner, title: str, items: list[Item], criteria: Criteria | None = None, **settings
) -> Quiz:
    """A quiz of ``items`` in that order; ``criteria`` are kept for later suggestions."""
    criteria_json = criteria.as_json() if criteria else {}
    quiz = Quiz.objects.create(owner=owner, title=title, criteria=criteria_json, **settings)
    QuizItem.objects.bulk_create(
        QuizItem(quiz=quiz, item=item, position=n) for n, item in enumerate(items, start=1)
    )
    return quiz


def suggest_instead(criteria: Criteria, current: Item, others: list[Item]) -> Item | None:
    """Another item for the place of ``current``: on the same concept if possible,
    testing nothing the rest of the quiz tests, and not already in it."""
    taken = {item.pk for item in others} | {current.pk}
    covered = set().union(*(what_it_tests(item) for item in others)) if others else set()
    pool = [
        item
        for item in candidates(criteria)
        if item.pk not in taken and not what_it_tests(item) & covered
    ]
    if not pool:
        return None
    same = [item for item in pool if _main_concept(item) == _main_concept(current)]
    rng = random.Random(f"{criteria.seed}:{current.pk}")
    return rng.choice(same or pool)


def _take_fresh(pile: list[Item], covered: set[str], kinds: Counter[str]) -> Item | None:
    """Remove and return the pile's item of the least used kind that tests nothing
    already covered; items that can no longer fit are dropped from the pile."""
    pile[:] = [item for item in pile if not what_it_tests(item) & covered]
    if not pile:
        return None
    best = min(range(len(pile)), key=lambda i: kinds[pile[i].kind])
    return pile.pop(best)


def _main_concept(item: Item) -> str:
    slugs = sorted(c.slug for c in item.concepts.all())
    return slugs[0] if slugs else ""
