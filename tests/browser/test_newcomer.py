"""A newcomer finds a concept by search and follows it to the highlighted source span."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(transactional_db, content_dir):
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())


def test_newcomer_searches_a_concept_and_lands_on_the_highlighted_span(page, axe, content):
    page.goto("/")
    assert_accessible(axe, page)

    page.get_by_label("Search concepts and passages").fill("nguyen phu trong")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=nguyen*")
    assert_accessible(axe, page)

    page.get_by_role("link", name="Nguyễn Phú Trọng").first.click()
    page.wait_for_url("**/concepts/nguyen-phu-trong/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nguyễn Phú Trọng"
    assert_accessible(axe, page)

    page.get_by_role("link", name="Alpha: a test reading, passage 1", exact=True).click()
    page.wait_for_url("**/sources/alpha/?hl=1:*#p1")
    mark = page.locator("#p1 mark").first
    assert mark.inner_text() == "Nguyễn Phú Trọng"
    assert mark.is_visible()
    assert_accessible(axe, page)
    assert page.js_errors == []


def test_live_search_updates_results_as_you_type(page, content):
    page.goto("/search/")
    page.get_by_label("Search concepts and passages").press_sequentially("committee")
    page.locator("#results").get_by_role("link", name="Test Committee").wait_for()
    assert "q=committee" in page.url  # htmx pushed the URL, so it can be shared
    assert page.js_errors == []


def test_pages_are_accessible_in_the_dark_theme_too(page, axe, content):
    page.emulate_media(color_scheme="dark")
    for url in ("/", "/sources/", "/sources/alpha/?hl=2:5-30#p2", "/concepts/", "/login/"):
        page.goto(url if url != "/login/" else "/accounts/login/")
        assert_accessible(axe, page)
    assert page.js_errors == []


def test_theme_toggle_switches_and_remembers(page, content):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    toggle = page.get_by_role("button", name="Dark theme")
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.get_by_role("button", name="Light theme").is_visible()
