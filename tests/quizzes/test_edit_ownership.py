"""Issue 19: the bank is shared, but a quiz never changes under its students, nor under its
owner because another teacher edited one of its items."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from quizapp.bank.models import Item, Regeneration
from quizapp.quizzes.models import Attempt, Response
from quizapp.study.models import Card
from tests.bank.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

NEW_ANSWER = "The Drafting Board"


@pytest.fixture
def qa_quiz(quiz_factory, assigned):
    """Teacher's quiz, set for the student's class: one question-and-answer item."""
    return assigned(quiz_factory(kinds=("qa",)))


def start_and_answer(client, student, quiz, text: str) -> Attempt:
    client.force_login(student)
    client.post(reverse("quizzes:begin", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz, student=student)
    question = quiz.questions.get()
    client.post(reverse("quizzes:answer", args=[attempt.pk, question.pk]), {"text": text})
    return attempt


def edit_answer(client, teacher, item: Item, answer: str, htmx: bool = False):
    client.force_login(teacher)
    headers = {"HX-Request": "true"} if htmx else {}
    data = {"prompt": "", "answer": answer, "explanation": ""}
    return client.post(reverse("bank:edit", args=[item.pk]), data, headers=headers)


def test_another_teachers_edit_leaves_an_attempted_quiz_grading_by_the_old_answer(
    client, qa_quiz, student, other_teacher
):
    item = qa_quiz.questions.get().item
    old_answer = item.answer
    attempt = start_and_answer(client, student, qa_quiz, old_answer)

    response = edit_answer(client, other_teacher, item, NEW_ANSWER)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.accepted_answers == [NEW_ANSWER]  # the shared bank has the edit

    client.force_login(student)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.score == attempt.max_score == 1
    assert Response.objects.get(attempt=attempt).fraction == 1
    kept = qa_quiz.questions.get().item
    assert kept.pk != item.pk and kept.kept_from == item and kept.answer == old_answer
    assert kept.teacher_answer == ""


def test_the_owners_own_edit_never_changes_a_quiz_students_have_attempted(
    client, qa_quiz, student, teacher
):
    item = qa_quiz.questions.get().item
    old_answer = item.answer
    attempt = start_and_answer(client, student, qa_quiz, old_answer)
    response = edit_answer(client, teacher, item, NEW_ANSWER, htmx=True)
    assert "1 question keeps the earlier wording" in response.content.decode()
    client.force_login(student)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.score == 1


def test_an_unattempted_quiz_keeps_its_owners_wording_but_follows_its_owners_edit(
    client, quiz_factory, teacher, other_teacher
):
    theirs = quiz_factory(kinds=("qa",))
    item = theirs.questions.get().item
    mine = quiz_factory(kinds=("qa",), owner=other_teacher)
    edit_answer(client, other_teacher, item, NEW_ANSWER)
    # The editor's own quiz follows the edit; the other teacher's quiz keeps its wording.
    assert mine.questions.get().item == item
    assert theirs.questions.get().item.answer == item.answer
    assert theirs.questions.get().item.accepted_answers != [NEW_ANSWER]
    # The owner's own edit reaches the owner's own unattempted quiz.
    kept = theirs.questions.get().item
    own = quiz_factory(kinds=("short_answer",))
    own_item = own.questions.get().item
    edit_answer(client, teacher, own_item, "Another answer")
    assert own.questions.get().item == own_item
    assert own_item.kept_copies.count() == 0 and kept.kept_from == item


def test_a_kept_copy_is_neither_in_the_bank_nor_studied_nor_editable(
    client, qa_quiz, student, teacher, other_teacher
):
    item = qa_quiz.questions.get().item
    attempt = start_and_answer(client, student, qa_quiz, "a wrong answer")
    edit_answer(client, other_teacher, item, NEW_ANSWER)
    kept = qa_quiz.questions.get().item
    assert not Item.objects.usable().filter(pk=kept.pk).exists()
    client.force_login(teacher)
    assert f"/bank/{kept.pk}/" not in client.get("/bank/?status=retired").content.decode()
    assert "A kept copy" in client.get(f"/bank/{kept.pk}/").content.decode()
    assert edit_answer(client, teacher, kept, "x").status_code == 404
    # The missed question becomes a card on the bank's item, not on the kept copy.
    client.force_login(student)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    assert set(Card.objects.filter(user=student).values_list("item", flat=True)) == {item.pk}


@pytest.mark.django_db(transaction=True)  # the worker runs outside a test transaction
def test_regeneration_keeps_an_attempted_quiz_on_the_wording_its_students_saw(
    client, staff, quiz_factory, assigned, student
):
    item = Item.objects.get(kind="definition", concepts__slug="nguyen-phu-trong")
    quiz = assigned(quiz_factory(kinds=()))
    quiz.questions.create(item=item, position=1)
    old_answer = item.answer
    attempt = start_and_answer(client, student, quiz, old_answer)
    concept = item.concepts.get()
    client.force_login(staff)
    url = f"/admin/library/concept/{concept.pk}/change/"
    redefined = admin_form_data(client, url, definition="The party's chief in the test reading.")
    assert client.post(url, redefined).status_code == 302
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, stdout=io.StringIO()
    )
    item.refresh_from_db()
    run = Regeneration.objects.latest()
    assert run.status == "done" and run.pinned == 1
    kept = quiz.questions.get().item
    assert kept.kept_from == item and kept.answer == old_answer != item.answer
    client.force_login(student)
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.score == 1


def test_reimporting_a_term_list_keeps_an_attempted_quiz_on_the_old_definition(
    client, teacher, student, classroom
):
    from quizapp.exchange.list_import import import_term_list
    from quizapp.quizzes.builder import quiz_create

    import_term_list("moon\tsatellite\n", title="Sky", user=teacher, header=False)
    item = Item.objects.get(prompt="moon")
    quiz = quiz_create(teacher, "Sky", [item])
    classroom.assignments.create(quiz=quiz)
    attempt = start_and_answer(client, student, quiz, item.answer)
    import_term_list("moon\tnatural satellite\n", title="Sky", user=teacher, header=False)
    item.refresh_from_db()
    assert item.answer == "natural satellite"
    assert quiz.questions.get().item.answer == "satellite"
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.score == 1
