"""Rank wrong answers so that multiple-choice options are plausible, not random.

A distractor must be of the answer's kind: a person for a person, an
organization for an organization, a year for a year, a number near the true
number. Among those, candidates are ranked by closeness to the answer:

1. co-occurrence: how many passages mention both the candidate and the answer
   (things the readings discuss together are the ones a learner confuses);
2. relation: the content marks the two concepts as related;
3. same source: the candidate is mentioned in the reading the fact comes from;
4. similar form: the same number of words and a similar length, so the right
   option does not stand out by its shape.

Ties are broken by a hash of (seed, item key, candidate), so the choice is
deterministic for a seed yet does not always favour the same names. Candidates
that could be a second right answer are excluded: any name of the answer
concept, and any concept the cited span itself mentions.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from quizapp.generation.records import ConceptIn, FactIn, Library
from quizapp.library.folding import fold

CONCEPT_KINDS = {"person", "organization", "document", "event", "term", "place", "group"}


def tiebreak(seed: int, *parts: str) -> int:
    digest = hashlib.blake2b(f"{seed}|{'|'.join(parts)}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class DistractorRanker:
    """Built once per library; answers distractor queries for many items."""

    def __init__(self, library: Library, seed: int = 0):
        self.library = library
        self.seed = seed
        self.by_kind: dict[str, list[ConceptIn]] = defaultdict(list)
        for concept in library.concepts.values():
            self.by_kind[concept.kind].append(concept)
        self.cooccur: dict[str, Counter] = defaultdict(Counter)
        self.in_source: dict[str, set[str]] = defaultdict(set)
        for passage in library.passages.values():
            present = {m.concept for m in passage.mentions}
            for slug in present:
                self.in_source[passage.source].add(slug)
                for other in present:
                    if other != slug:
                        self.cooccur[slug][other] += 1
        self.values_by_kind: dict[str, set[str]] = defaultdict(set)
        for fact in library.facts:
            if not fact.answer_concept:
                self.values_by_kind[fact.answer_kind].add(fact.answer)

    def for_fact(self, fact: FactIn, key: str, count: int = 3) -> list[str]:
        """Up to ``count`` wrong answers for ``fact``, best first."""
        if fact.answer_kind == "year":
            return self._years(fact, key, count)
        if fact.answer_kind == "number" or (fact.number is not None and fact.answer.isdigit()):
            return self._numbers(fact, key, count)
        if fact.answer_kind in CONCEPT_KINDS:
            excluded = self._span_concepts(fact) | {fact.answer_concept}
            return self.concepts(
                fact.answer_kind, fact.answer_concept, fact.source, key, count, excluded
            )
        return self._values(fact, key, count)

    def concepts(
        self,
        kind: str,
        answer_slug: str,
        source: str,
        key: str,
        count: int = 3,
        excluded: Iterable[str] = (),
    ) -> list[str]:
        """Names of the ``count`` closest concepts of ``kind``, never the answer's."""
        answer = self.library.concepts.get(answer_slug)
        answer_names = {fold(n) for n in answer.names} if answer else set()
        excluded = set(excluded)
        words = len(answer.name.split()) if answer else 2
        length = len(answer.name) if answer else 12
        related = set(answer.related) if answer else set()
        cooccur = self.cooccur.get(answer_slug, Counter())
        in_source = self.in_source.get(source, set())

        def score(c: ConceptIn) -> tuple:
            closeness = (
                2 * cooccur.get(c.slug, 0)
                + 3 * (c.slug in related)
                + (c.slug in in_source)
                + (len(c.name.split()) == words)
                - abs(len(c.name) - length) / 20
            )
            return (closeness, tiebreak(self.seed, key, c.slug))

        candidates = [
            c
            for c in self.by_kind.get(kind, [])
            if c.slug not in excluded and not answer_names & {fold(n) for n in c.names}
        ]
        candidates.sort(key=score, reverse=True)
        return [c.name for c in candidates[:count]]

    def _span_concepts(self, fact: FactIn) -> set[str]:
        passage = self.library.passage_of(fact)
        return {m.concept for m in passage.mentions if m.start < fact.end and m.end > fact.start}

    def _years(self, fact: FactIn, key: str, count: int) -> list[str]:
        year = int(fact.answer) if fact.answer.isdigit() else (fact.date.year if fact.date else 0)
        corpus = {int(v) for v in self.values_by_kind["year"] if v.isdigit()}
        nearby = {year + d for d in (-3, -2, -1, 1, 2, 3)}
        candidates = (corpus | nearby) - {year}
        ranked = sorted(
            candidates,
            key=lambda y: (abs(y - year) > 5, abs(y - year), tiebreak(self.seed, key, str(y))),
        )
        return [str(y) for y in ranked[:count]]

    def _numbers(self, fact: FactIn, key: str, count: int) -> list[str]:
        value = fact.number if fact.number is not None else int(fact.answer.replace(",", ""))
        factors = (0.5, 0.75, 1.25, 1.5, 2.0, 3.0)
        candidates = {max(1, round(value * f)) for f in factors} - {value}
        ranked = sorted(
            candidates,
            key=lambda n: (abs(math.log(n / value)), tiebreak(self.seed, key, str(n))),
        )
        if fact.answer.replace(",", "").isdigit() and "," in fact.answer:
            return [f"{n:,}" for n in ranked[:count]]
        return [str(n) for n in ranked[:count]]

    def _values(self, fact: FactIn, key: str, count: int) -> list[str]:
        answer = fold(fact.answer)
        candidates = sorted(
            (v for v in self.values_by_kind.get(fact.answer_kind, ()) if fold(v) != answer),
            key=lambda v: (
                -(len(v.split()) == len(fact.answer.split())),
                abs(len(v) - len(fact.answer)),
                tiebreak(self.seed, key, v),
            ),
        )
        return candidates[:count]
