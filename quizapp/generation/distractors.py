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
deterministic for a seed yet does not always favour the same names.

Only a bounded pool is scored for each item: the concepts that co-occur with or
relate to the answer, those of the same reading, and a fixed-size window of the
rest of the kind. That keeps generation linear in the size of the library. Candidates
that could be a second right answer are excluded: any name of the answer concept,
and any concept the cited sentence itself mentions (a co-author, a sibling in a list).

Where the answer concept has a role ("scholar", "party-body"), only concepts of the same
role are candidates: a magazine among three organisations or a party leader among
scholars is a giveaway. A fact with authored distractors uses those; a phrase answer has
no others, since another fact's phrase never reads as a plausible alternative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from quizapp.generation.records import ConceptIn, FactIn, Library
from quizapp.generation.sentences import sentence_around
from quizapp.library.folding import fold
from quizapp.library.kinds import CONCEPT_KINDS
from quizapp.library.mentions import contains_folded

WINDOW = 24  # how many far-away candidates of the kind are also considered


def tiebreak(seed: int, *parts: str) -> int:
    digest = hashlib.blake2b(f"{seed}|{'|'.join(parts)}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class DistractorRanker:
    """Built once per library; answers distractor queries for many items."""

    def __init__(self, library: Library, seed: int = 0):
        self.library = library
        self.seed = seed
        self.by_kind: dict[str, list[ConceptIn]] = defaultdict(list)
        self.folded_names: dict[str, set[str]] = {}
        for concept in library.concepts.values():
            self.by_kind[concept.kind].append(concept)
            self.folded_names[concept.slug] = {fold(n) for n in concept.names}
        self.cooccur: dict[str, Counter] = defaultdict(Counter)
        self.in_source: dict[str, set[str]] = defaultdict(set)
        for passage in library.passages.values():
            present = {m.concept for m in passage.mentions}
            for slug in present:
                self.in_source[passage.source].add(slug)
                for other in present:
                    if other != slug:
                        self.cooccur[slug][other] += 1
        values: dict[str, set[str]] = defaultdict(set)
        for fact in library.facts:
            if not fact.answer_concept:
                values[fact.answer_kind].add(fact.answer)
        self.values_by_kind = {kind: sorted(v) for kind, v in values.items()}
        self.speakers = {f.said_by for f in library.facts if f.said_by}
        self.speaker_list = sorted(self.speakers)
        self.slugs_by_kind = {kind: sorted(c.slug for c in cs) for kind, cs in self.by_kind.items()}

    def _window(self, pool: list[str], key: str) -> list[str]:
        """A fixed-size slice of ``pool``, starting at a place derived from the item key."""
        if len(pool) <= WINDOW:
            return pool
        start = tiebreak(self.seed, key) % len(pool)
        return (pool + pool)[start : start + WINDOW]

    def for_fact(
        self, fact: FactIn, key: str, count: int = 3, excluded: Iterable[str] = ()
    ) -> list[str]:
        """Up to ``count`` wrong answers for ``fact``, best first, never a concept of
        ``excluded``."""
        if fact.distractors:
            authored = sorted(fact.distractors, key=lambda d: tiebreak(self.seed, key, d))
            return authored[:count]
        if fact.answer_kind == "year":
            return self._years(fact, key, count)
        if fact.answer_kind == "date" and fact.date and date_format(fact.answer):
            return self._dates(fact, key, count)
        if fact.answer_kind == "number" or (fact.number is not None and fact.answer.isdigit()):
            return self._numbers(fact, key, count)
        if fact.answer_kind in CONCEPT_KINDS:
            excluded = {*excluded, *self.sentence_concepts(fact), fact.answer_concept}
            return self.concepts(
                fact.answer_kind, fact.answer_concept, fact.source, key, count, excluded
            )
        return []

    def concepts(
        self,
        kind: str,
        answer_slug: str,
        source: str,
        key: str,
        count: int = 3,
        excluded: Iterable[str] = (),
        speakers: bool = False,
        any_role: bool = False,
    ) -> list[str]:
        """Names of the ``count`` closest concepts of ``kind``, never the answer's.

        With ``speakers``, people who make claims elsewhere in the readings come
        first: "who said it?" is answered by quoting people, not by bystanders.
        """
        answer = self.library.concepts.get(answer_slug)
        answer_names = self.folded_names.get(answer_slug, set())
        excluded = set(excluded)
        words = len(answer.name.split()) if answer else 2
        length = len(answer.name) if answer else 12
        related = set(answer.related) if answer else set()
        cooccur = self.cooccur.get(answer_slug, Counter())
        in_source = self.in_source.get(source, set())

        def score(c: ConceptIn) -> tuple:
            closeness = (
                10 * (speakers and c.slug in self.speakers)
                + 2 * cooccur.get(c.slug, 0)
                + 3 * (c.slug in related)
                + (c.slug in in_source)
                + (len(c.name.split()) == words)
                - abs(len(c.name) - length) / 20
            )
            return (closeness, tiebreak(self.seed, key, c.slug))

        nearby = set(cooccur) | related | in_source
        if speakers:
            nearby.update(self._window(self.speaker_list, key))
        nearby.update(self._window(self.slugs_by_kind.get(kind, []), key))
        pool = (self.library.concepts[s] for s in sorted(nearby) if s in self.library.concepts)
        role = answer.role if answer and not any_role else ""
        candidates = [
            c
            for c in pool
            if c.kind == kind
            and (not role or c.role == role)
            and c.slug not in excluded
            and not answer_names & self.folded_names[c.slug]
        ]
        candidates.sort(key=score, reverse=True)
        return [c.name for c in candidates[:count]]

    def speakers_for(self, speaker: str, source: str, key: str, claim: str, count: int = 3):
        """Other people the readings quote, for "who said it?": those of the speaker's own
        role first, then any quoted commentator (in that question, being quoted is the role).
        Three are drawn from the closest five, so one speaker's items do not all offer the
        same three names. Someone the claim itself names ("writing with X") is left out."""
        close = self.concepts("person", speaker, source, key, count + 2, speakers=True)
        close = [n for n in close if not contains_folded(claim, n)]
        names = sorted(close, key=lambda n: tiebreak(self.seed, key, "speaker", n))[:count]
        if len(names) < count:
            silent = set(self.slugs_by_kind.get("person", [])) - self.speakers
            others = self.concepts("person", speaker, source, key, 2 * count, silent, any_role=True)
            others = [n for n in others if not contains_folded(claim, n)]
            names += [n for n in others if n not in names][: count - len(names)]
        return names

    def sentence_concepts(self, fact: FactIn) -> set[str]:
        """Concepts named in the sentence that states the fact: each may be a second right
        answer (a co-author, another member of the same list) or a cue."""
        passage = self.library.passage_of(fact)
        start, end = sentence_around(passage.text, fact.start, fact.end)
        return {m.concept for m in passage.mentions if m.start < end and m.end > start}

    def _years(self, fact: FactIn, key: str, count: int) -> list[str]:
        year = int(fact.answer) if fact.answer.isdigit() else (fact.date.year if fact.date else 0)
        if year <= 0:
            return []
        corpus = {int(v) for v in self.values_by_kind.get("year", []) if v.isdigit()}
        nearby = {year + d for d in (-3, -2, -1, 1, 2, 3)}
        candidates = (corpus | nearby) - {year}
        ranked = sorted(
            candidates,
            key=lambda y: (abs(y - year) > 5, abs(y - year), tiebreak(self.seed, key, str(y))),
        )
        return [str(y) for y in ranked[:count]]

    def _dates(self, fact: FactIn, key: str, count: int) -> list[str]:
        """Dates a few days or months away, written the way the answer is written."""
        fmt = date_format(fact.answer)
        steps = (-3, -2, -1, 1, 2, 3)
        if fmt == DAY_FORMAT:
            shifted = [fact.date + dt.timedelta(days=7 * s) for s in steps]
        else:
            shifted = [add_months(fact.date, s) for s in steps]
        ranked = sorted(
            shifted, key=lambda d: (abs((d - fact.date).days), tiebreak(self.seed, key, str(d)))
        )
        return [format_date(d, fmt) for d in ranked[:count]]

    def _numbers(self, fact: FactIn, key: str, count: int) -> list[str]:
        digits = fact.answer.replace(",", "")
        value = fact.number if fact.number is not None else int(digits) if digits.isdigit() else 0
        if value <= 0:
            return []  # nothing sensible is "near" zero
        if fold(fact.answer).strip() in NUMBER_WORDS.values():
            return self._number_words(value, key, count)
        factors = (0.5, 0.75, 1.25, 1.5, 2.0, 3.0)
        candidates = {max(1, round(value * f)) for f in factors} - {value}
        ranked = sorted(
            candidates,
            key=lambda n: (abs(math.log(n / value)), tiebreak(self.seed, key, str(n))),
        )
        if fact.answer.replace(",", "").isdigit() and "," in fact.answer:
            return [f"{n:,}" for n in ranked[:count]]
        return [str(n) for n in ranked[:count]]

    def _number_words(self, value: int, key: str, count: int) -> list[str]:
        """A number written in words ("five") gets its neighbours in words too."""
        near = [n for n in NUMBER_WORDS if n != value]
        near.sort(key=lambda n: (abs(n - value), tiebreak(self.seed, key, str(n))))
        return [NUMBER_WORDS[n] for n in near[:count]]


NUMBER_WORDS = {
    number: word
    for number, word in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"),
    )
    if number
}  # fmt: skip


DAY_FORMAT, MONTH_FORMAT = "day", "month"
_MONTHS = "January February March April May June July August September October November December"


def date_format(answer: str) -> str:
    """Whether a date answer reads "5 November 2022" (day) or "September 2022" (month)."""
    months = "|".join(_MONTHS.split())
    if re.fullmatch(rf"\d{{1,2}} ({months}) \d{{4}}", answer.strip()):
        return DAY_FORMAT
    if re.fullmatch(rf"({months}) \d{{4}}", answer.strip()):
        return MONTH_FORMAT
    return ""


def format_date(value: dt.date, fmt: str) -> str:
    month = _MONTHS.split()[value.month - 1]
    return f"{value.day} {month} {value.year}" if fmt == DAY_FORMAT else f"{month} {value.year}"


def add_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
