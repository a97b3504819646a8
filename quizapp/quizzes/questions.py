"""How each kind of bank item is asked, answered and graded in a quiz.

A submitted form names options and rows by the attempt's own tokens (answer_fields.py),
never by text or by the item's indexes, so a forged value is easy to spot: it is no token
of the question in this attempt. Answers are stored as text (the option chosen, the words
typed), which is what results pages and item statistics show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quizapp.bank.models import Item
from quizapp.generation.kinds import CHOICE, MATCHING, ORDERING
from quizapp.generation.matching import answer_matches
from quizapp.quizzes.answer_fields import AnswerFields, UnknownField

MAX_TYPED_LENGTH = 500


class ForgedAnswer(ValueError):
    """The form names an option, pair or position the question does not have."""


@dataclass(frozen=True)
class Choice:
    index: int
    text: str


def right_option(item: Item) -> str:
    """The option that is right; a teacher's answer counts if it is one of the options."""
    if item.teacher_answer and item.teacher_answer in item.shown_options:
        return item.teacher_answer
    return item.answer


def matching_pairs(item: Item) -> list[tuple[str, str]]:
    return [(left, right) for left, right in item.extra.get("pairs", [])]


def ordering_sequence(item: Item) -> list[str]:
    return list(item.extra.get("sequence") or item.options)


def option_texts(item: Item) -> list[str]:
    """What the student picks from: the options, the right-hand column of a matching
    question, or the statements to put in order; none for typed answers."""
    form = item.kind_info.answer_form
    if form == MATCHING:
        return [right for _, right in matching_pairs(item)]
    if form == ORDERING:
        return ordering_sequence(item)
    return item.shown_options if form == CHOICE else []


def display_choices(item: Item, order: Sequence[int] | None) -> list[Choice]:
    """The option texts in this attempt's order."""
    texts = option_texts(item)
    indexes = list(order) if order and sorted(order) == list(range(len(texts))) else None
    return [Choice(i, texts[i]) for i in (indexes or range(len(texts)))]


def read_answer(item: Item, data: Mapping[str, str], fields: AnswerFields):
    """Turn the posted fields (named as ``fields`` names them) into the stored answer;
    None when nothing was given."""
    form = item.kind_info.answer_form
    if form == CHOICE:
        return _read_choice(item, data.get("choice", ""), fields)
    if form == MATCHING:
        return _read_matching(item, data, fields)
    if form == ORDERING:
        return _read_ordering(item, data, fields)
    text = " ".join(data.get("text", "").split())
    if len(text) > MAX_TYPED_LENGTH:
        raise ForgedAnswer(f"An answer may be at most {MAX_TYPED_LENGTH} characters long.")
    return text or None


def grade(item: Item, answer) -> float:
    """The fraction of the question's marks this answer earns, from 0 to 1."""
    if answer in (None, "", {}, []):
        return 0.0
    form = item.kind_info.answer_form
    if form == CHOICE:
        return 1.0 if answer == right_option(item) else 0.0
    if form == MATCHING:
        pairs = matching_pairs(item)
        right = sum(1 for left, match in pairs if answer.get(left) == match)
        return right / len(pairs)
    if form == ORDERING:
        right = sum(1 for i, position in enumerate(answer) if position == i + 1)
        return right / len(ordering_sequence(item))
    rejected = item.extra.get("distractors", [])
    return 1.0 if answer_matches(answer, item.accepted_answers, rejected) else 0.0


def correct_answer_text(item: Item) -> str:
    """The right answer, written out for feedback."""
    form = item.kind_info.answer_form
    if form == CHOICE:
        return right_option(item)
    if form == MATCHING:
        return "; ".join(f"{left} → {right}" for left, right in matching_pairs(item))
    if form == ORDERING:
        return " → ".join(ordering_sequence(item))
    return item.shown_answer


def answer_text(item: Item, answer) -> str:
    """A stored answer written out for people (results pages, CSV)."""
    if answer in (None, "", {}, []):
        return ""
    form = item.kind_info.answer_form
    if form == MATCHING:
        return "; ".join(f"{left} → {right}" for left, right in answer.items() if right)
    if form == ORDERING:
        sequence = ordering_sequence(item)
        placed = sorted(
            (position, sequence[i]) for i, position in enumerate(answer) if position is not None
        )
        return " → ".join(text for _, text in placed)
    return str(answer)


def _index(value: str, count: int) -> int:
    try:
        index = int(value)
    except (TypeError, ValueError):
        raise ForgedAnswer("That option is not one of this question's options.") from None
    if not 0 <= index < count:
        raise ForgedAnswer("That option is not one of this question's options.")
    return index


def _option(value: str, count: int, fields: AnswerFields) -> int:
    try:
        return fields.option_index(value, count)
    except UnknownField:
        raise ForgedAnswer("That option is not one of this question's options.") from None


def _read_choice(item: Item, value: str, fields: AnswerFields) -> str | None:
    if value == "":
        return None
    options = item.shown_options
    return options[_option(value, len(options), fields)]


def _read_matching(
    item: Item, data: Mapping[str, str], fields: AnswerFields
) -> dict[str, str] | None:
    pairs = matching_pairs(item)
    answer = {}
    for i, (left, _) in enumerate(pairs):
        value = data.get(fields.row_name(i), "")
        if value != "":
            answer[left] = pairs[_option(value, len(pairs), fields)][1]
    return answer or None


def _read_ordering(
    item: Item, data: Mapping[str, str], fields: AnswerFields
) -> list[int | None] | None:
    count = len(ordering_sequence(item))
    positions: list[int | None] = []
    for i in range(count):
        value = data.get(fields.row_name(i), "")
        positions.append(None if value == "" else _position(value, count))
    return positions if any(p is not None for p in positions) else None


def _position(value: str, count: int) -> int:
    position = _index(value, count + 1)
    if position == 0:
        raise ForgedAnswer(f"Positions run from 1 to {count}.")
    return position
