"""Checks every generated item must pass; a failing item is counted and dropped.

Each validator returns a reason (a short slug, used in the rejection report) or
None. They check what a learner would otherwise trip over: an answer the cited
span does not state, a stem that gives the answer away, repeated options, two
right options, options of mixed kinds, a cloze that blanks a stop word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quizapp.generation.kinds import CHOICE_KINDS, KIND
from quizapp.generation.records import Item, Library
from quizapp.generation.words import STOP_WORDS
from quizapp.library.folding import fold
from quizapp.library.kinds import CONCEPT_KINDS
from quizapp.library.mentions import contains_folded

# Kinds whose options are generated; true/false always offers True and False.
PICKED_KINDS = {k for k in CHOICE_KINDS if not KIND[k].fixed_options}
# Kinds whose prompt legitimately contains the answer's words.
NO_GIVEAWAY_CHECK = {"true_false", "ordering", "matching"}
NUMBER_RE = re.compile(r"^\d[\d,]*$")


class Validator:
    """Holds what the checks need to know about the library, built once."""

    def __init__(self, library: Library):
        self.library = library
        self.kind_of_name = {
            fold(name): concept.kind
            for concept in library.concepts.values()
            for name in concept.names
        }
        self.checks: list[Callable[[Item], str | None]] = [
            self.span_inside_passage,
            self.span_states_answer,
            self.stem_hides_answer,
            self.options_unique,
            self.exactly_one_right_option,
            self.options_of_one_kind,
            self.enough_options,
            self.cloze_blank_not_stop_word,
        ]

    def reasons(self, item: Item) -> list[str]:
        return [reason for check in self.checks if (reason := check(item))]

    def span_inside_passage(self, item: Item) -> str | None:
        passage = self.library.passages.get((item.source, item.passage))
        if passage is None or not 0 <= item.start < item.end <= len(passage.text):
            return "span-outside-passage"
        return None

    def span_states_answer(self, item: Item) -> str | None:
        passage = self.library.passages.get((item.source, item.passage))
        if passage is None:
            return None
        span = passage.text[item.start : item.end]
        evidence = item.extra.get("evidence") or [item.answer]
        if not any(contains_folded(span, e) for e in evidence):
            return "answer-not-in-span"
        return None

    def stem_hides_answer(self, item: Item) -> str | None:
        if item.kind in NO_GIVEAWAY_CHECK:
            return None
        if any(contains_folded(item.prompt, a) for a in [item.answer, *item.accepted]):
            return "stem-gives-answer"
        return None

    def options_unique(self, item: Item) -> str | None:
        folded = [fold(o).strip() for o in item.options]
        return "repeated-option" if len(set(folded)) != len(folded) else None

    def exactly_one_right_option(self, item: Item) -> str | None:
        if item.kind not in PICKED_KINDS:
            return None
        names = {fold(n).strip() for n in item.extra.get("answer_names", [item.answer])}
        right = [o for o in item.options if fold(o).strip() in names]
        return None if len(right) == 1 else "not-exactly-one-right-option"

    def options_of_one_kind(self, item: Item) -> str | None:
        kind = item.extra.get("option_kind")
        if item.kind not in PICKED_KINDS or not kind or item.extra.get("authored"):
            return None
        for option in item.extra.get("distractors", []):
            if kind in CONCEPT_KINDS and self.kind_of_name.get(fold(option)) != kind:
                return "mixed-option-kinds"
            if kind == "year" and not re.fullmatch(r"\d{4}", option):
                return "mixed-option-kinds"
            if kind == "number" and not (NUMBER_RE.match(option) or option.isalpha()):
                return "mixed-option-kinds"
        return None

    def enough_options(self, item: Item) -> str | None:
        if item.kind in PICKED_KINDS and len(item.options) < 4:
            return "too-few-distractors"
        return None

    def cloze_blank_not_stop_word(self, item: Item) -> str | None:
        if item.kind != "cloze":
            return None
        blank = fold(item.extra.get("blank", item.answer)).strip()
        if len(blank) < 2 or all(w in STOP_WORDS for w in blank.split()):
            return "cloze-blanks-stop-word"
        return None
