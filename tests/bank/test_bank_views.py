"""Teachers browse, filter, preview, edit and approve items; others are kept out."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from quizapp.bank.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(loaded_fixture_content):
    call_command("generate", stdout=io.StringIO())
    return Item.objects.all()


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def test_anonymous_visitors_are_sent_to_log_in(client, bank):
    response = client.get("/bank/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_students_are_refused(client, student, bank):
    client.force_login(student)
    item = bank.first()
    assert client.get("/bank/").status_code == 403
    assert client.get(f"/bank/{item.pk}/").status_code == 403
    assert client.post(f"/bank/{item.pk}/status/", {"action": "hide"}).status_code == 403
    item.refresh_from_db()
    assert item.status == Item.Status.GENERATED


def test_teacher_sees_every_item_with_a_source_link(teacher_client, bank):
    html = teacher_client.get("/bank/").content.decode()
    assert f"{bank.count()} items" in html
    item = bank.get(key="qa:alpha-drafter")
    assert f'href="{item.get_source_url()}"' in html.replace("&amp;", "&")


def test_filters_by_kind_source_concept_and_search(teacher_client, bank):
    html = teacher_client.get("/bank/", {"kind": "mcq"}).content.decode()
    assert f"{bank.filter(kind='mcq').count()} items" in html
    html = teacher_client.get("/bank/", {"concept": "nguyen-phu-trong"}).content.decode()
    n = bank.filter(concepts__slug="nguyen-phu-trong").count()
    assert f"{n} item" in html and n > 0
    html = teacher_client.get("/bank/", {"q": "drafting body"}).content.decode()
    html = html[html.index('<div id="results">') :]  # the results, not the last regeneration's
    assert "How many times did the drafting body meet?" in html
    assert "Which body drafted" not in html
    html = teacher_client.get("/bank/", {"source": "alpha"}).content.decode()
    assert f"{bank.count()} items" in html


def test_htmx_filter_returns_only_the_results(teacher_client, bank):
    response = teacher_client.get("/bank/", {"kind": "qa"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and "<tbody>" in html
    assert response["Vary"].count("HX-Request") == 1


def test_preview_shows_options_answer_explanation_and_source(teacher_client, bank):
    item = bank.get(key="mcq:alpha-meetings")
    html = teacher_client.get(f"/bank/{item.pk}/").content.decode()
    for option in item.options:
        assert f"<li>{option}</li>" in html
    assert "met 18 times" in html  # the cited span
    assert item.explanation in html


def test_teacher_edit_is_saved_and_shown(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    response = teacher_client.post(
        f"/bank/{item.pk}/edit/",
        {"prompt": "Name the drafting body.", "answer": item.answer, "explanation": ""},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.teacher_prompt == "Name the drafting body."
    assert item.teacher_answer == ""  # unchanged text is not an override
    assert item.edited_by.username == "tea"
    assert "Name the drafting body." in teacher_client.get("/bank/").content.decode()


def test_htmx_edit_returns_the_editor_fragment(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    response = teacher_client.post(
        f"/bank/{item.pk}/edit/",
        {"prompt": "Which committee drafted it?", "answer": "Test Committee", "explanation": "x"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Saved." in html and "<html" not in html


def test_a_cleared_field_follows_the_generator_again(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    teacher_client.post(f"/bank/{item.pk}/edit/", {"prompt": "Mine?", "answer": "Theirs"})
    item.refresh_from_db()
    assert (item.teacher_prompt, item.teacher_answer) == ("Mine?", "Theirs")
    teacher_client.post(f"/bank/{item.pk}/edit/", {"prompt": "", "answer": ""})
    item.refresh_from_db()
    assert item.teacher_prompt == "" and item.teacher_answer == ""
    assert item.shown_prompt == item.prompt


def test_a_too_long_prompt_is_refused_and_changes_nothing(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    response = teacher_client.post(f"/bank/{item.pk}/edit/", {"prompt": "x" * 2001, "answer": "y"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.teacher_prompt == "" and item.teacher_answer == ""


def test_a_teachers_answer_replaces_the_generated_ones_in_grading(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    teacher_client.post(f"/bank/{item.pk}/edit/", {"prompt": "", "answer": "The drafting board"})
    item.refresh_from_db()
    assert item.accepted_answers == ["The drafting board"]


def test_approve_and_hide_with_htmx_return_the_row(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    response = teacher_client.post(
        f"/bank/{item.pk}/status/", {"action": "approve"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<tr id="item-{item.pk}">' in html and 'value="unapprove"' in html
    item.refresh_from_db()
    assert item.status == "approved"
    teacher_client.post(f"/bank/{item.pk}/status/", {"action": "hide"})
    item.refresh_from_db()
    assert item.status == "hidden"
    assert not Item.objects.usable().filter(pk=item.pk).exists()


def _press(client, item, action, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"/bank/{item.pk}/status/", {"action": action}, headers=headers)
    assert response.status_code == (200 if htmx else 302)
    item.refresh_from_db()
    return item


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_hide_pressed_twice_keeps_an_approved_item_hidden_and_unhide_brings_it_back(
    teacher_client, bank, htmx
):
    item = _press(teacher_client, bank.get(key="qa:alpha-drafter"), "approve", htmx)
    assert _press(teacher_client, item, "hide", htmx).status == "hidden"
    assert _press(teacher_client, item, "hide", htmx).status == "hidden"
    assert not Item.objects.approved().filter(pk=item.pk).exists()
    assert _press(teacher_client, item, "unhide", htmx).status == "approved"
    assert _press(teacher_client, item, "unhide", htmx).status == "approved"
    assert Item.objects.approved().filter(pk=item.pk).exists()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_approve_pressed_twice_stays_approved_and_unapprove_undoes_it(teacher_client, bank, htmx):
    item = bank.get(key="qa:alpha-drafter")
    assert _press(teacher_client, item, "approve", htmx).status == "approved"
    assert _press(teacher_client, item, "approve", htmx).status == "approved"
    assert _press(teacher_client, item, "unapprove", htmx).status == "generated"
    assert _press(teacher_client, item, "unapprove", htmx).status == "generated"


def test_approving_a_hidden_item_keeps_it_hidden_until_unhidden(teacher_client, bank):
    item = _press(teacher_client, bank.get(key="qa:alpha-drafter"), "hide", True)
    assert _press(teacher_client, item, "approve", True).status == "hidden"
    html = teacher_client.get(f"/bank/{item.pk}/").content.decode()
    assert "Hidden, approved" in html and 'value="unhide"' in html
    assert _press(teacher_client, item, "unhide", False).status == "approved"


def test_a_forged_action_is_refused(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    for forged in ({"action": "delete"}, {"status": "approved"}):
        assert teacher_client.post(f"/bank/{item.pk}/status/", forged).status_code == 400
    item.refresh_from_db()
    assert item.status == "generated"


def test_unknown_item_is_404(teacher_client, bank):
    assert teacher_client.get("/bank/999999/").status_code == 404
    assert teacher_client.post("/bank/999999/status/", {"action": "hide"}).status_code == 404


def test_a_saved_htmx_edit_also_refreshes_the_preview(teacher_client, bank):
    item = bank.get(key="qa:alpha-drafter")
    response = teacher_client.post(
        f"/bank/{item.pk}/edit/",
        {"prompt": "Name the drafting body.", "answer": "The drafters", "explanation": ""},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    oob = html[html.index('<div id="preview" hx-swap-oob="true">') :]
    assert "Name the drafting body." in oob and "The drafters" in oob
    refused = teacher_client.post(
        f"/bank/{item.pk}/edit/", {"prompt": "x" * 2001}, headers={"HX-Request": "true"}
    )
    assert "hx-swap-oob" not in refused.content.decode()


def _mcq(bank):
    return bank.get(key="mcq:alpha-meetings")  # answer: 18


def test_a_teacher_rewrites_every_option_of_a_multiple_choice_item(teacher_client, bank):
    item = _mcq(bank)
    options = "18\n12\n24\n30"
    response = teacher_client.post(
        f"/bank/{item.pk}/edit/", {"prompt": "", "answer": "", "options": options}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.teacher_options == options.splitlines()
    assert item.options != item.teacher_options  # the generator's own stay beside them
    page = teacher_client.get(f"/bank/{item.pk}/").content.decode()
    assert "<li>30</li>" in page and "<li>12</li>" in page


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("12\n24\n30", "must be one of the options"),
        ("18\n24\n24", "only once"),
        ("18\n24", "Give 3 to 12 options"),
    ],
)
def test_options_without_the_right_answer_or_repeated_are_refused(
    teacher_client, bank, options, message
):
    item = _mcq(bank)
    response = teacher_client.post(
        f"/bank/{item.pk}/edit/", {"prompt": "", "answer": "", "options": options}
    )
    assert response.status_code == 400 and message in response.content.decode()
    item.refresh_from_db()
    assert item.teacher_options == []


def test_a_quiz_offers_and_grades_the_teachers_options(
    client, teacher_client, teacher, student, bank
):
    from django.urls import reverse

    from quizapp.quizzes.models import Response
    from tests.quizzes.conftest import build_quiz
    from tests.quizzes.page_forms import choice_value, question_fields

    item = _mcq(bank)
    options = "30\n18\n12\n24"
    teacher_client.post(f"/bank/{item.pk}/edit/", {"prompt": "", "answer": "", "options": options})
    quiz = build_quiz(teacher, [item])
    client.force_login(student)
    client.post(reverse("quizzes:begin", args=[quiz.pk]), {"token": quiz.share_token})
    attempt = quiz.attempts.get()
    question = quiz.questions.get()
    (field,) = question_fields(client, attempt, question)
    assert sorted(text for _, text in field.options) == sorted(options.splitlines())
    right = choice_value(client, attempt, question, "18")
    client.post(reverse("quizzes:answer", args=[attempt.pk, question.pk]), {field.name: right})
    assert Response.objects.get(attempt=attempt).answer == "18"
