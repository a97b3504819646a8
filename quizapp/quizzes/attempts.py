"""Starting, answering and submitting attempts; the server keeps the time.

Every write locks the attempt row first, so an answer saved at the last moment
and the submission that closes the attempt cannot interleave: an answer either
lands before the attempt is graded or is refused.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from quizapp.bank.models import Item
from quizapp.generation.kinds import MATCHING, ORDERING
from quizapp.quizzes.answer_fields import AnswerFields
from quizapp.quizzes.models import Attempt, Quiz, QuizItem, Response
from quizapp.quizzes.questions import ForgedAnswer, grade, option_texts, read_answer
from quizapp.study.models import Card


class AttemptRefused(Exception):
    """What the student asked for cannot be done; the message says why."""


def attempt_start(*, quiz: Quiz, student, now: dt.datetime) -> Attempt:
    """Resume the student's open attempt, or start a new one if the quiz allows it."""
    current = _open_attempt(quiz, student)
    if current and not attempt_finish_if_overdue(current, now).is_submitted:
        return current
    with transaction.atomic():
        # Two tabs pressing Start at once queue on the student's row (SQLite's IMMEDIATE
        # transactions queue them anyway), so the later one finds the attempt the first
        # opened instead of opening a second one or being refused for the first one.
        get_user_model().objects.select_for_update().filter(pk=student.pk).first()
        current = _open_attempt(quiz, student)
        if current and not attempt_finish_if_overdue(current, now).is_submitted:
            return current
        used = _check_can_start(quiz, student, now)
        try:
            with transaction.atomic():
                return _new_attempt(quiz, student, now, number=used + 1)
        except IntegrityError:
            # Two tabs pressed Start at once: the other one won, so use its attempt.
            return quiz.attempts.by(student).get(submitted_at__isnull=True)


def response_save(
    *, attempt: Attempt, question: QuizItem, data, now: dt.datetime, check: bool = False
) -> Response:
    """Save the student's answer to one question; in practice mode ``check`` grades it."""
    with transaction.atomic():
        attempt = _locked(attempt)
        closed = _close_if_over(attempt, now)
        if closed is None:
            return _save(attempt, question, data, now, check)
    # Raised outside the transaction, so the automatic submission is kept.
    raise AttemptRefused(f"{closed} That answer was not saved.")


def attempt_submit(*, attempt: Attempt, now: dt.datetime) -> Attempt:
    """Grade and close the attempt. Time up? It was due to be submitted automatically."""
    with transaction.atomic():
        attempt = _locked(attempt)
        closed = _close_if_over(attempt, now)
        if closed is None:
            return _submit(attempt, now, automatic=False)
    raise AttemptRefused(closed)


def attempt_finish_if_overdue(attempt: Attempt, now: dt.datetime) -> Attempt:
    """Submit an attempt whose time has run out, as soon as anyone looks at it."""
    if attempt.is_submitted or not attempt.is_overdue(now):
        return attempt
    with transaction.atomic():
        attempt = _locked(attempt)
        if not attempt.is_submitted:
            _submit(attempt, now, automatic=True)
    return attempt


def _open_attempt(quiz: Quiz, student) -> Attempt | None:
    return quiz.attempts.by(student).filter(submitted_at__isnull=True).first()


def _locked(attempt: Attempt) -> Attempt:
    return Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)


def _check_can_start(quiz: Quiz, student, now: dt.datetime) -> int:
    """Refuse a start the quiz does not allow; otherwise the attempts used so far."""
    if quiz.opens_at and now < quiz.opens_at:
        raise AttemptRefused(f"This quiz opens on {_clock(quiz.opens_at)}.")
    if quiz.has_closed(now):
        raise AttemptRefused(f"This quiz closed on {_clock(quiz.closes_at)}.")
    used = quiz.attempts.by(student).count()
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise AttemptRefused(
            f"You have used all {quiz.attempts_allowed} attempt"
            f"{'s' if quiz.attempts_allowed != 1 else ''} this quiz allows."
        )
    if not quiz.questions.exists():
        raise AttemptRefused("This quiz has no questions yet.")
    return used


def _new_attempt(quiz: Quiz, student, now: dt.datetime, number: int) -> Attempt:
    shuffler = random.SystemRandom()
    questions = list(quiz.questions.select_related("item"))
    order = [q.pk for q in questions]
    if quiz.shuffle_questions:
        shuffler.shuffle(order)
    option_orders = {}
    for question in questions:
        kind = question.item.kind_info
        if kind.always_shuffled or (quiz.shuffle_options and not kind.fixed_options):
            indexes = list(range(len(option_texts(question.item))))
            shuffler.shuffle(indexes)
            option_orders[str(question.pk)] = indexes
    return Attempt.objects.create(
        quiz=quiz,
        student=student,
        number=number,
        started_at=now,
        question_order=order,
        option_orders=option_orders,
    )


def _close_if_over(attempt: Attempt, now: dt.datetime) -> str | None:
    """None while the attempt takes answers; otherwise why not, submitting it if time is up."""
    if attempt.is_submitted:
        return "This attempt was already submitted; its answers can no longer change."
    if attempt.is_overdue(now):
        _submit(attempt, now, automatic=True)
        return (
            f"Time was up at {_clock(attempt.deadline)}; your attempt was submitted "
            "with the answers saved until then."
        )
    return None


def _save(attempt: Attempt, question: QuizItem, data, now: dt.datetime, check: bool) -> Response:
    if question.quiz_id != attempt.quiz_id:
        raise AttemptRefused("That question is not part of this quiz.")
    if check and not attempt.quiz.is_practice:
        raise AttemptRefused("Feedback comes after you submit, in this quiz.")
    try:
        answer = read_answer(question.item, data, AnswerFields(attempt.pk, question.pk))
    except ForgedAnswer as problem:
        raise AttemptRefused(str(problem)) from None
    response = Response.objects.filter(attempt=attempt, question=question).first()
    if response and response.checked and check:
        raise AttemptRefused("You have already checked this answer; it can no longer change.")
    if response and response.checked:
        # A checked answer is final; moving on from it ("Save and next") keeps it as it is.
        return response
    response = response or Response(attempt=attempt, question=question)
    response.answer, response.saved_at = answer, now
    if check:
        response.checked = True
        response.fraction = grade(question.item, answer)
    response.save()
    return response


def _submit(attempt: Attempt, now: dt.datetime, *, automatic: bool) -> Attempt:
    questions = list(attempt.quiz.questions.select_related("item"))
    responses = {r.question_id: r for r in attempt.responses.all()}
    score = 0.0
    missed: list[Item] = []
    unanswered: list[Response] = []
    for question in questions:
        response = responses.get(question.pk)
        if response is None:
            response = Response(attempt=attempt, question=question, answer=None, saved_at=now)
            unanswered.append(response)
        response.fraction = grade(question.item, response.answer)
        score += float(question.marks) * response.fraction
        if response.fraction < 1:
            missed.append(question.item)
    # Two statements however long the quiz: grades of the answers given, rows for the rest.
    Response.objects.bulk_update(responses.values(), ["fraction"])
    Response.objects.bulk_create(unanswered)
    attempt.score = round(score, 4)
    attempt.max_score = float(sum(q.marks for q in questions))
    deadline = attempt.deadline
    attempt.submitted_at = min(now, deadline) if automatic and deadline else now
    attempt.submitted_automatically = automatic
    # A card's back is the answer: none before the quiz lets this student see them.
    attempt.missed_carded = attempt.quiz.answers_shown(now, submitted=True)
    attempt.save()
    if attempt.missed_carded:
        add_missed_to_flashcards(attempt.student, missed, now)
    return attempt


def add_missed_cards_now_shown(student, now: dt.datetime) -> int:
    """Card what the student missed in attempts whose answers have come to be shown since
    they were submitted (the quiz closed, or its teacher changed when answers are shown).
    Run when the student opens their flashcards; the number of attempts carded."""
    waiting = Attempt.objects.by(student).submitted().filter(missed_carded=False)
    carded = 0
    for attempt in waiting.select_related("quiz"):
        if not attempt.quiz.answers_shown(now, submitted=True):
            continue
        missed = Item.objects.filter(
            quiz_uses__responses__attempt=attempt, quiz_uses__responses__fraction__lt=1
        )
        with transaction.atomic():
            updated = Attempt.objects.filter(pk=attempt.pk, missed_carded=False).update(
                missed_carded=True
            )
            if updated:
                add_missed_to_flashcards(student, list(missed), now)
                carded += 1
    return carded


def add_missed_to_flashcards(student, items: list[Item], now: dt.datetime) -> int:
    """Give the student a card for each missed question, or for what it tests.

    Matching and ordering make poor cards, so their concepts' and their facts' study
    cards stand in for them.
    """
    # A kept copy (bank/pinning.py) is studied as the bank's item it was kept from.
    wanted = {item.kept_from_id or item.pk for item in items if item.kind_info.becomes_card}
    forms = {item.pk: item.kind_info.answer_form for item in items}
    matching = [item.pk for item in items if forms[item.pk] == MATCHING]
    facts = [slug for item in items if forms[item.pk] == ORDERING for slug in item.extra["facts"]]
    cards = Item.objects.for_flashcards()
    if matching:
        wanted |= set(
            cards.filter(fact__isnull=True, concepts__items__in=matching).values_list(
                "pk", flat=True
            )
        )
    if facts:
        wanted |= set(cards.filter(fact__slug__in=facts).values_list("pk", flat=True))
    new = [Card(user=student, item_id=pk, due=now) for pk in sorted(wanted)]
    Card.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _clock(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    # In the student's own zone (study/time_zone.py), saying which.
    local = date_format(timezone.localtime(moment), "j F Y, H:i")
    return f"{local} {timezone.get_current_timezone_name()}"
