"""What one question of an attempt looks like on the page, with or without feedback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from quizapp.bank.models import Item
from quizapp.generation.kinds import CHOICE, MATCHING, ORDERING
from quizapp.quizzes.answer_fields import AnswerFields
from quizapp.quizzes.models import Attempt, QuizItem, Response
from quizapp.quizzes.questions import (
    answer_text,
    correct_answer_text,
    display_choices,
    matching_pairs,
    ordering_sequence,
)


@dataclass(frozen=True)
class Option:
    """One option as the form offers it: the attempt's token for it, and its text."""

    value: str
    text: str


@dataclass
class Row:
    """One left-hand term to match, or one statement to place in order, under the
    attempt's field name for it."""

    name: str
    text: str
    selected: str = ""


@dataclass
class QuestionView:
    number: int
    question: QuizItem
    response: Response | None
    choices: list[Option] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    selected: str = ""
    show_feedback: bool = False

    @property
    def item(self) -> Item:
        return self.question.item

    @property
    def answered(self) -> bool:
        return self.response is not None and self.response.answer not in (None, "", {}, [])

    @property
    def is_locked(self) -> bool:
        return bool(self.response and self.response.checked)

    @property
    def given_text(self) -> str:
        return answer_text(self.item, self.response.answer) if self.response else ""

    @property
    def right_text(self) -> str:
        return correct_answer_text(self.item)

    @property
    def fraction(self) -> float | None:
        return self.response.fraction if self.response else None

    @property
    def marks_earned(self) -> float:
        return round(float(self.question.marks) * (self.fraction or 0), 2)


def question_views(attempt: Attempt, *, feedback_after_submit: bool) -> list[QuestionView]:
    """Every question of the attempt, in the attempt's order."""
    questions = {q.pk: q for q in attempt.quiz.questions.select_related("item__passage__source")}
    responses = {r.question_id: r for r in attempt.responses.all()}
    # Questions are fixed once a quiz has attempts, so the attempt's order names them all.
    order = [pk for pk in attempt.question_order if pk in questions]
    return [
        _view(
            number,
            AnswerFields(attempt.pk, pk),
            questions[pk],
            responses.get(pk),
            attempt.option_orders.get(str(pk)),
            feedback_after_submit,
        )
        for number, pk in enumerate(order, start=1)
    ]


def _view(number, fields, question, response, order, feedback_after_submit) -> QuestionView:
    item = question.item
    view = QuestionView(number, question, response)
    answer = response.answer if response else None
    view.show_feedback = feedback_after_submit or bool(response and response.checked)
    form = item.kind_info.answer_form
    if form == CHOICE:
        view.choices = _options(item, order, fields)
        view.selected = _value_of(fields, item.shown_options, answer)
    elif form == MATCHING:
        view.choices = _options(item, order, fields)
        rights = [right for _, right in matching_pairs(item)]
        given = answer or {}
        view.rows = [
            Row(fields.row_name(i), left, _value_of(fields, rights, given.get(left)))
            for i, (left, _) in enumerate(matching_pairs(item))
        ]
    elif form == ORDERING:
        sequence = ordering_sequence(item)
        given = answer or [None] * len(sequence)
        view.rows = [
            Row(fields.row_name(c.index), c.text, str(given[c.index] or ""))
            for c in display_choices(item, order)
        ]
        view.positions = list(range(1, len(sequence) + 1))
    else:
        view.selected = answer or ""
    return view


def _options(item: Item, order, fields: AnswerFields) -> list[Option]:
    return [Option(fields.option_value(c.index), c.text) for c in display_choices(item, order)]


def _value_of(fields: AnswerFields, texts: list[str], text: str | None) -> str:
    """The token of the option whose text was given, for the form to show it chosen."""
    return fields.option_value(texts.index(text)) if text in texts else ""


def seconds_left(attempt: Attempt, now: dt.datetime) -> int | None:
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - now).total_seconds()))
