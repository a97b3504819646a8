"""Plain records of the content files, as read and before they touch the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, reported as ``file:line: message``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day."""

    value: dt.date
    precision: str  # "year" | "month" | "day"


@dataclass
class PassageRecord:
    ordinal: int
    text: str
    line: int


@dataclass
class SourceRecord:
    slug: str
    title: str
    order: int
    summary: str
    original_title: str
    outlet: str
    published: PartialDate | None
    url: str
    passages: list[PassageRecord]
    file: str
    line: int = 1

    @property
    def citation(self) -> str:
        parts = [f"“{self.original_title}”" if self.original_title else "", self.outlet]
        if self.published:
            parts.append(str(self.published.value.year))
        return ". ".join(p for p in parts if p) + "."


@dataclass
class ConceptRecord:
    slug: str
    name: str
    kind: str
    aliases: list[str]
    definition: str
    explanation: str
    related: list[str]
    role: str
    file: str
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class FactRecord:
    slug: str
    source_slug: str
    statement: str
    question: str
    answer: str
    answer_concept: str
    answer_kind: str
    concepts: list[str]
    passage: int
    quote: str
    date: PartialDate | None
    number: int | None
    said_by: str
    distractors: list[str]
    members: list[str]
    ordered: bool
    file: str
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    start: int = -1  # the quote's span in its passage, set by validation
    end: int = -1


@dataclass
class MentionRecord:
    concept: str
    source_slug: str
    passage: int
    start: int
    end: int


@dataclass
class ContentBundle:
    sources: list[SourceRecord] = field(default_factory=list)
    concepts: list[ConceptRecord] = field(default_factory=list)
    facts: list[FactRecord] = field(default_factory=list)
    mentions: list[MentionRecord] = field(default_factory=list)
    # Facts files with no facts in them, by file name: the slug of the reading they empty.
    empty_fact_files: dict[str, str] = field(default_factory=dict)
