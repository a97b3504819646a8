"""How an item names the passage it came from, and how its options are shuffled."""

from __future__ import annotations

import random

from quizapp.generation.distractors import tiebreak
from quizapp.generation.records import PassageIn

BLANK = "_____"
# How every cloze prompt begins; the exports recognise cloze items by it.
FILL_IN = "Fill in the blank: "


def cite(passage: PassageIn) -> str:
    title = passage.source_title or passage.source
    return f"Source: {title}, passage {passage.ordinal}."


def explain(text: str, passage: PassageIn) -> str:
    text = text.strip()
    if text and text[-1] not in ".!?":
        text += "."
    return f"{text} {cite(passage)}".strip()


def shuffled(options: list[str], seed: int, key: str) -> list[str]:
    """The same order every time for the same seed and item."""
    result = list(options)
    random.Random(tiebreak(seed, key, "shuffle")).shuffle(result)
    return result


def blank_out(text: str, start: int, end: int) -> str:
    return f"{text[:start]}{BLANK}{text[end:]}"
