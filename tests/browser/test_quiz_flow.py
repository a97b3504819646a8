"""A teacher builds and assigns a quiz; a student joins the class and takes it with the
keyboard alone, sees feedback with the source link; the teacher sees the result."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quizapp.accounts.roles import teachers_group
from quizapp.quizzes.models import Attempt, Quiz
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db, content_dir, django_user_model):
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())
    call_command("generate", "--approve", stdout=io.StringIO())
    teacher = django_user_model.objects.create_user("teach", password="teach-pass-2024")
    teacher.groups.add(teachers_group())
    django_user_model.objects.create_user("learner", password="learn-pass-2024")


def log_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/study/")


def tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_teacher_builds_and_assigns_and_student_takes_the_quiz(people, browser, live_server, axe):
    teacher = browser.new_context(base_url=live_server.url).new_page()
    log_in(teacher, "teach", "teach-pass-2024")

    teacher.goto("/classes/")
    teacher.get_by_label("Class name").fill("Year 12 politics")
    teacher.get_by_role("button", name="Create class").click()
    code = teacher.locator(".join-code").inner_text()
    assert_accessible(axe, teacher)

    teacher.goto("/quizzes/new/")
    teacher.get_by_label("Title").fill("Vietnam and China")
    for kind in (
        "Matching",
        "Ordering",
        "Who said it",
        "Short answer",
        "Cloze",
        "Reverse definition",
    ):
        teacher.get_by_label(kind, exact=True).uncheck()
    teacher.get_by_label("Number of questions").fill("3")
    teacher.get_by_role("button", name="Propose questions").click()
    teacher.wait_for_url("**/edit/")
    assert_accessible(axe, teacher)
    quiz = Quiz.objects.get()
    assert quiz.questions.count() == 3
    first = quiz.questions.first()
    teacher.get_by_role("button", name="Down question 1", exact=True).click()
    expect(teacher.locator("#questions li").nth(1)).to_have_id(f"q-{first.pk}")

    teacher.get_by_role("link", name=f"← {quiz.title}").click()
    teacher.get_by_role("combobox", name="Class").select_option(label="Year 12 politics")
    teacher.get_by_role("button", name="Assign").click()
    expect(teacher.get_by_role("status")).to_contain_text("Assigned to")
    assert_accessible(axe, teacher)

    student = browser.new_context(base_url=live_server.url).new_page()
    errors: list[str] = []
    student.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(student, "learner", "learn-pass-2024")
    student.goto("/classes/")
    code_field = student.get_by_label("Join code")
    tab_to(student, code_field)
    student.keyboard.type(code.lower())
    student.keyboard.press("Enter")
    expect(student.get_by_role("link", name="Vietnam and China")).to_be_visible()
    assert_accessible(axe, student)

    tab_to(student, student.get_by_role("link", name="Vietnam and China"))
    student.keyboard.press("Enter")
    start = student.get_by_role("button", name="Start the quiz")
    tab_to(student, start)
    student.keyboard.press("Enter")
    student.wait_for_url("**/attempts/**")
    assert_accessible(axe, student)

    for number in range(1, 4):
        question = student.locator(".quiz-question")
        expect(question.locator("legend")).to_contain_text(f"Question {number}")
        text_box = question.get_by_role("textbox")
        if text_box.count():
            prompt = question.locator("legend").inner_text()
            item = next(q.item for q in quiz.questions.all() if q.item.shown_prompt in prompt)
            tab_to(student, text_box)
            student.keyboard.type(item.answer)
        else:
            tab_to(student, question.get_by_role("radio").first)
            student.keyboard.press("Space")
        expect(question.get_by_role("status")).to_contain_text("Saved")
        tab_to(student, question.get_by_role("button", name="Save and"))
        student.keyboard.press("Enter")
        student.wait_for_load_state()

    expect(student.get_by_role("heading", name="Review your answers")).to_be_visible()
    assert "not answered" not in student.locator("table").inner_text()
    assert_accessible(axe, student)
    tab_to(student, student.get_by_role("button", name="Submit the attempt"))
    student.keyboard.press("Enter")
    expect(student.get_by_role("heading", level=1)).to_contain_text("Your result")
    source_links = student.get_by_role("link", name="Read the source passage")
    expect(source_links).to_have_count(3)
    assert_accessible(axe, student)
    attempt = Attempt.objects.get()
    assert attempt.is_submitted and attempt.responses.filter(answer__isnull=False).count() == 3
    source_links.first.click()
    expect(student.locator("mark").first).to_be_visible()  # the cited span, highlighted
    assert errors == []

    teacher.goto(f"/quizzes/{quiz.pk}/results/")
    expect(teacher.get_by_role("cell", name="learner", exact=True)).to_be_visible()
    expect(teacher.get_by_text(f"{attempt.percent}%").first).to_be_visible()
    assert_accessible(axe, teacher)
