"""Every kind of question is read from the form and graded with the bank's matching."""

from __future__ import annotations

import pytest

from quizapp.bank.models import Item
from quizapp.quizzes.answer_fields import AnswerFields
from quizapp.quizzes.questions import ForgedAnswer, grade
from quizapp.quizzes.questions import read_answer as read_with

# The fields of question 1 of attempt 1: each option and row is named by this attempt's token.
FIELDS = AnswerFields(attempt_id=1, question_id=1)


def read_answer(item, data):
    return read_with(item, data, FIELDS)


def option(index: int) -> str:
    return FIELDS.option_value(index)


def row(index: int) -> str:
    return FIELDS.row_name(index)


def first(kind: str) -> Item:
    return Item.objects.filter(kind=kind).first()


@pytest.mark.parametrize("kind", ["mcq", "true_false"])
def test_a_choice_is_right_only_when_it_is_the_answer(bank, kind):
    item = first(kind)
    right = item.options.index(item.answer)
    wrong = next(i for i, option in enumerate(item.options) if option != item.answer)
    assert grade(item, read_answer(item, {"choice": option(right)})) == 1
    assert grade(item, read_answer(item, {"choice": option(wrong)})) == 0
    assert read_answer(item, {"choice": option(wrong)}) == item.options[wrong]


@pytest.mark.parametrize("value", ["0", "1", "7", "-1", "x", "1.0", option(7)])
def test_a_forged_option_is_refused(bank, value):
    with pytest.raises(ForgedAnswer):
        read_answer(first("mcq"), {"choice": value})


@pytest.mark.parametrize("kind", ["qa", "short_answer", "cloze", "reverse"])
def test_typed_answers_are_graded_leniently(bank, kind):
    item = first(kind)
    sloppy = item.answer.upper().replace(" ", "  ")
    assert grade(item, read_answer(item, {"text": sloppy})) == 1
    assert grade(item, read_answer(item, {"text": "something else entirely"})) == 0
    assert read_answer(item, {"text": "   "}) is None


def test_a_teachers_answer_replaces_the_generated_one(bank):
    item = first("qa")
    old = item.answer
    item.teacher_answer = "A corrected answer"
    assert grade(item, "a corrected answer") == 1
    assert grade(item, old) == 0


def test_matching_earns_a_share_for_each_right_pair(matching_item):
    answer = read_answer(matching_item, {row(0): option(0), row(1): option(1), row(2): option(3)})
    assert answer == {"A": "first", "B": "second", "C": "fourth"}
    assert grade(matching_item, answer) == pytest.approx(0.5)
    every = {row(i): option(i) for i in range(4)}
    assert grade(matching_item, read_answer(matching_item, every)) == 1


def test_matching_refuses_a_description_it_does_not_have(matching_item):
    with pytest.raises(ForgedAnswer):
        read_answer(matching_item, {row(0): option(9)})


def test_ordering_earns_a_share_for_each_statement_in_its_place(ordering_item):
    right = {row(0): "1", row(1): "2", row(2): "3"}
    assert grade(ordering_item, read_answer(ordering_item, right)) == 1
    swapped = {row(0): "2", row(1): "1", row(2): "3"}
    assert grade(ordering_item, read_answer(ordering_item, swapped)) == pytest.approx(1 / 3)


@pytest.mark.parametrize("value", ["0", "4", "first"])
def test_ordering_refuses_positions_out_of_range(ordering_item, value):
    with pytest.raises(ForgedAnswer):
        read_answer(ordering_item, {row(0): value})


def test_an_unanswered_question_earns_nothing(matching_item, ordering_item):
    assert read_answer(matching_item, {}) is None
    assert grade(matching_item, None) == 0
    assert grade(ordering_item, None) == 0
