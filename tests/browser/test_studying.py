"""A student studies ten cards with the keyboard alone; the database records each review."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quizapp.study.models import Card, Review
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bank(transactional_db):
    # The study material itself: one study card per fact or concept, and ten are wanted.
    call_command("loadcontent", stdout=io.StringIO())
    call_command("generate", "--approve", stdout=io.StringIO())


@pytest.fixture
def logged_in(page, live_server, bank, django_user_model):
    django_user_model.objects.create_user("learner", password="learn-pass-2024")
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("learner")
    page.get_by_label("Password").fill("learn-pass-2024")
    page.keyboard.press("Enter")
    page.wait_for_url("**/study/")
    return page


def test_ten_cards_studied_with_the_keyboard_alone(logged_in, axe):
    page = logged_in
    page.goto("/study/session/?deck=all")
    assert_accessible(axe, page)
    ratings = [3, 4, 1, 3, 2, 4, 3, 3, 4, 1]
    for number, rating in enumerate(ratings, start=1):
        heading = page.locator("[data-card-heading]")
        heading.wait_for()
        # Space reveals (unless the answer box has focus; then Enter submits it)
        if page.locator("#typed").count():
            page.locator("#typed").press("Enter")
        else:
            page.keyboard.press("Space")
        page.locator("#grade-good").wait_for()
        if number == 1:
            assert "Read it in context" in page.content()
            assert_accessible(axe, page)
        # focus landed on the grade buttons, so the learner can also Tab among them
        expect(page.locator("#grade-good")).to_be_focused()
        page.keyboard.press(str(rating))
        label = ["Again", "Hard", "Good", "Easy"][rating - 1]
        page.locator("#study-status").filter(has_text=f"Graded {label}.").wait_for()
        page.locator("#reveal").wait_for()  # the next card's front has replaced the back
        expect(page.locator("#typed:focus, [data-card-heading]:focus")).to_have_count(1)
    assert Review.objects.count() == 10
    assert list(Review.objects.order_by("pk").values_list("rating", flat=True)) == ratings
    assert Card.objects.filter(reps__gt=0).count() >= 8  # Again-graded cards may come back
    assert page.js_errors == []


def test_undo_suspend_bury_and_help_by_key(logged_in):
    page = logged_in
    page.goto("/study/session/?deck=all")
    first = page.locator("[data-card-heading]").inner_text()
    expect(page.locator("#typed:focus, [data-card-heading]:focus")).to_have_count(1)
    page.keyboard.press("Escape")  # out of the answer box, if the card has one
    page.keyboard.press("?")
    assert page.locator("#shortcuts").get_attribute("open") is not None
    page.keyboard.press("?")
    if page.locator("#typed").count():
        page.locator("#typed").press("Enter")
    else:
        page.keyboard.press("Space")
    expect(page.locator("#grade-good")).to_be_focused()  # htmx has settled the swap
    page.keyboard.press("4")
    page.locator("#study-status").filter(has_text="Graded Easy").wait_for()
    assert Review.objects.count() == 1
    expect(page.locator("#typed:focus, [data-card-heading]:focus")).to_have_count(1)
    page.keyboard.press("Escape")  # leave the answer box, if the next card has one
    page.keyboard.press("u")
    page.locator("#study-status").filter(has_text="undone").wait_for()
    assert Review.objects.count() == 0
    assert page.locator("[data-card-heading]").inner_text() == first
    expect(page.locator("#typed:focus, [data-card-heading]:focus")).to_have_count(1)
    page.keyboard.press("Escape")
    page.keyboard.press("s")
    page.locator("#study-status").filter(has_text="suspended").wait_for()
    assert Card.objects.filter(suspended=True).count() == 1
    expect(page.locator("#typed:focus, [data-card-heading]:focus")).to_have_count(1)
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.locator("#study-status").filter(has_text="buried").wait_for()
    assert Card.objects.filter(buried_until__isnull=False).count() == 1
    assert page.js_errors == []


def test_studying_works_without_javascript(browser, live_server, bank, django_user_model):
    django_user_model.objects.create_user("plain", password="plain-pass-2024")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("plain")
    page.get_by_label("Password").fill("plain-pass-2024")
    page.get_by_role("button", name="Log in").click()
    page.goto("/study/session/?deck=all")
    for _ in range(3):
        page.get_by_role("button", name="Show answer").click()
        page.get_by_role("button", name="Good").click()
    assert Review.objects.count() == 3
    context.close()


def test_study_pages_are_accessible(logged_in, axe):
    page = logged_in
    for url in ("/study/", "/study/stats/", "/study/settings/"):
        page.goto(url)
        assert_accessible(axe, page)
    page.emulate_media(color_scheme="dark")
    page.goto("/study/session/?deck=all")
    assert_accessible(axe, page)


def test_enter_on_the_source_link_follows_it_instead_of_grading(logged_in):
    page = logged_in
    page.goto("/study/session/?deck=all")
    expect(page.locator("#typed:focus, [data-card-heading]:focus")).to_have_count(1)
    page.keyboard.press("Escape")
    page.get_by_role("link", name="source").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sources/**")
    assert Review.objects.count() == 0
