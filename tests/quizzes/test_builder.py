"""Teachers build a quiz from the bank, adjust it and set it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizapp.quizzes.builder import Criteria, candidates, propose, what_it_tests
from quizapp.quizzes.models import Quiz


@pytest.fixture
def teacher_client(client, teacher, bank):
    client.force_login(teacher)
    return client


def test_the_proposal_never_tests_one_fact_twice_and_spreads_across_concepts(bank):
    items = propose(Criteria(count=12, seed=3))
    assert len(items) >= 6
    seen: set[str] = set()
    for item in items:
        assert not what_it_tests(item) & seen, f"{item.key} repeats what an earlier item tests"
        seen |= what_it_tests(item)
    concepts = {
        min(c.slug for c in item.concepts.all()) for item in items if item.concepts.exists()
    }
    available = {
        min(c.slug for c in item.concepts.all())
        for item in candidates(Criteria())
        if item.concepts.exists()
    }
    assert concepts == available  # every concept gets a question before any gets two


def test_the_proposal_keeps_to_the_kinds_and_difficulty_chosen(bank):
    easier = propose(Criteria(count=20, difficulty="easier"))
    assert easier and {i.kind for i in easier} <= {"mcq", "who_said", "true_false", "matching"}
    only_qa = propose(Criteria(count=20, kinds=["qa"]))
    assert only_qa and {i.kind for i in only_qa} == {"qa"}


def test_building_a_quiz_creates_it_with_the_proposed_questions(teacher_client, teacher):
    response = teacher_client.post(
        reverse("quizzes:new"),
        {
            "title": "Directive 24",
            "kinds": ["mcq", "qa", "true_false"],
            "count": 4,
            "difficulty": "mixed",
        },
    )
    quiz = Quiz.objects.get(owner=teacher)
    assert response.url == reverse("quizzes:edit", args=[quiz.pk])
    assert 1 <= quiz.questions.count() <= 4
    assert [q.position for q in quiz.questions.all()] == list(range(1, quiz.questions.count() + 1))


def test_a_choice_that_fits_no_item_says_so_and_creates_nothing(teacher_client):
    response = teacher_client.post(
        reverse("quizzes:new"),
        {"title": "Empty", "kinds": ["ordering"], "count": 5, "difficulty": "easier"},
    )
    assert response.status_code == 200
    assert b"No approved items fit" in response.content
    assert not Quiz.objects.exists()


def test_swap_replaces_a_question_with_another_that_repeats_nothing(teacher_client, quiz_factory):
    quiz = quiz_factory(kinds=("qa", "mcq"))
    quiz.criteria = Criteria(kinds=["qa", "short_answer", "cloze"]).as_json()
    quiz.save()
    question = quiz.questions.get(item__kind="qa")
    old = question.item
    response = teacher_client.post(
        reverse("quizzes:change", args=[quiz.pk, question.pk, "swap"]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.item != old
    other = quiz.questions.exclude(pk=question.pk).get().item
    assert not what_it_tests(question.item) & what_it_tests(other)


def test_questions_move_up_and_down_and_can_be_removed(teacher_client, quiz_factory):
    quiz = quiz_factory()
    first, second, third = quiz.questions.all()
    teacher_client.post(reverse("quizzes:change", args=[quiz.pk, third.pk, "up"]))
    assert list(quiz.questions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    teacher_client.post(reverse("quizzes:change", args=[quiz.pk, first.pk, "remove"]))
    assert list(quiz.questions.values_list("pk", flat=True)) == [third.pk, second.pk]
    bad = teacher_client.post(reverse("quizzes:change", args=[quiz.pk, third.pk, "explode"]))
    assert bad.status_code == 400


def test_items_can_be_found_and_added_by_search(teacher_client, quiz_factory):
    from quizapp.bank.models import Item

    quiz = quiz_factory(kinds=("mcq",))
    wanted = Item.objects.filter(kind="cloze").first()
    word = wanted.answer.split()[0]
    found = teacher_client.get(
        reverse("quizzes:search", args=[quiz.pk]), {"q": word}, HTTP_HX_REQUEST="true"
    )
    assert wanted in list(found.context["found"])
    teacher_client.post(reverse("quizzes:add", args=[quiz.pk]), {"item": wanted.pk})
    assert quiz.questions.last().item == wanted
    again = teacher_client.post(reverse("quizzes:add", args=[quiz.pk]), {"item": wanted.pk})
    assert again.status_code == 404
    assert quiz.questions.filter(item=wanted).count() == 1


def test_settings_are_saved_and_validated(teacher_client, quiz_factory):
    quiz = quiz_factory()
    data = {
        "title": "Renamed",
        "mode": "practice",
        "layout": "all",
        "time_limit_minutes": "15",
        "attempts_allowed": "3",
        "shuffle_questions": "on",
        "show_answers": "close",
        "opens_at": "2026-01-02T10:00",
        "closes_at": "2026-01-01T10:00",
    }
    bad = teacher_client.post(reverse("quizzes:settings", args=[quiz.pk]), data)
    assert bad.status_code == 400 and b"must close after it opens" in bad.content
    quiz.refresh_from_db()
    assert quiz.title == "Unit test"
    data["closes_at"] = "2026-01-03T10:00"
    teacher_client.post(reverse("quizzes:settings", args=[quiz.pk]), data)
    quiz.refresh_from_db()
    assert (quiz.title, quiz.mode, quiz.layout, quiz.time_limit_minutes) == (
        "Renamed",
        "practice",
        "all",
        15,
    )
    assert quiz.attempts_allowed == 3 and quiz.shuffle_questions and not quiz.shuffle_options


def test_a_quiz_is_assigned_to_the_teachers_own_class_only(
    teacher_client, quiz_factory, classroom, other_teacher
):
    from quizapp.classroom.models import Classroom

    quiz = quiz_factory()
    theirs = Classroom.objects.create(teacher=other_teacher, name="Not yours")
    teacher_client.post(reverse("quizzes:assign", args=[quiz.pk]), {"classroom": theirs.pk})
    assert not quiz.assignments.exists()
    teacher_client.post(
        reverse("quizzes:assign", args=[quiz.pk]),
        {"classroom": classroom.pk, "due_at": "2026-12-01T09:00"},
    )
    assert quiz.assignments.get().classroom == classroom


def test_once_attempted_the_questions_are_fixed(teacher_client, quiz_factory, student):
    from django.utils import timezone

    from quizapp.bank.models import Item
    from quizapp.quizzes.attempts import attempt_start

    quiz = quiz_factory()
    attempt_start(quiz=quiz, student=student, now=timezone.now())
    before = list(quiz.questions.values_list("pk", "item_id"))
    first = quiz.questions.first()
    for action in ("swap", "remove"):
        response = teacher_client.post(
            reverse("quizzes:change", args=[quiz.pk, first.pk, action]), follow=True
        )
        assert b"its questions are fixed" in response.content
    extra = Item.objects.filter(kind="cloze").first()
    teacher_client.post(reverse("quizzes:add", args=[quiz.pk]), {"item": extra.pk})
    assert list(quiz.questions.values_list("pk", "item_id")) == before


def test_the_proposal_mixes_kinds(bank):
    from collections import Counter

    items = propose(Criteria(count=6, seed=1))
    kinds = Counter(item.kind for item in items)
    assert len(kinds) >= 4
    assert max(kinds.values()) <= 2


def test_swap_always_brings_a_different_fact_never_the_same_in_another_form(bank, teacher):
    from quizapp.bank.models import Item
    from quizapp.quizzes.builder import suggest_instead

    criteria = Criteria(kinds=["qa", "short_answer", "cloze", "mcq", "true_false"])
    swapped = 0
    for current in Item.objects.approved().filter(kind="qa", fact__isnull=False):
        for seed in range(5):
            criteria.seed = seed
            replacement = suggest_instead(criteria, current, [])
            if replacement is not None:
                swapped += 1
                assert not what_it_tests(replacement) & what_it_tests(current), (
                    f"{current.key} swapped for {replacement.key}, the same fact"
                )
    assert swapped


def test_pressing_swap_again_and_again_never_brings_back_the_same_fact(
    teacher_client, quiz_factory
):
    quiz = quiz_factory(kinds=("qa",))
    quiz.criteria = Criteria(kinds=["qa", "short_answer", "cloze", "mcq", "true_false"]).as_json()
    quiz.save()
    question = quiz.questions.get()
    url = reverse("quizzes:change", args=[quiz.pk, question.pk, "swap"])
    for _ in range(7):
        before = question.item
        assert teacher_client.post(url, HTTP_HX_REQUEST="true").status_code == 200
        question.refresh_from_db()
        if question.item == before:
            break  # nothing else fits: the question stays, with a message
        assert not what_it_tests(question.item) & what_it_tests(before), question.item.key
