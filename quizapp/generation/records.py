"""Plain data in and out of generation: no ORM, so generators are fast and testable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ConceptIn:
    slug: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    definition: str = ""
    related: tuple[str, ...] = ()
    role: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class MentionIn:
    concept: str
    start: int
    end: int


@dataclass(frozen=True)
class PassageIn:
    source: str
    ordinal: int
    text: str
    source_title: str = ""
    mentions: tuple[MentionIn, ...] = ()


@dataclass(frozen=True)
class FactIn:
    slug: str
    statement: str
    answer: str
    answer_kind: str
    source: str
    passage: int
    start: int
    end: int
    question: str = ""
    answer_concept: str = ""
    concepts: tuple[str, ...] = ()
    said_by: str = ""
    date: dt.date | None = None
    date_precision: str = "day"
    number: int | None = None
    distractors: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    ordered: bool = False


@dataclass
class Library:
    """Everything generation reads, indexed for the lookups generators make."""

    concepts: dict[str, ConceptIn]
    passages: dict[tuple[str, int], PassageIn]
    facts: list[FactIn]

    def passage_of(self, fact: FactIn) -> PassageIn:
        return self.passages[fact.source, fact.passage]


@dataclass
class Item:
    """One generated question or card, tied to the passage span it was made from."""

    key: str
    kind: str
    prompt: str
    answer: str
    source: str
    passage: int
    start: int
    end: int
    explanation: str
    accepted: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    fact: str = ""
    # Kind-specific structure: matching pairs, an ordering's correct sequence, a
    # cloze's blanked term, the kind every option must share.
    extra: dict = field(default_factory=dict)
    # The one flashcard of its fact (or concept) that learners study; see choose_study_cards.
    study_card: bool = False

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "prompt": self.prompt,
            "answer": self.answer,
            "accepted": self.accepted,
            "options": self.options,
            "source": self.source,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "explanation": self.explanation,
            "concepts": self.concepts,
            "fact": self.fact,
            "extra": self.extra,
            "study_card": self.study_card,
        }
