"""A teacher filters the bank, approves an item with htmx and edits another; pages pass axe."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quizapp.accounts.roles import teachers_group
from quizapp.bank.models import Item
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def teacher_page(page, live_server, transactional_db, content_dir, django_user_model):
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())
    call_command("generate", stdout=io.StringIO())
    teacher = django_user_model.objects.create_user("teach", password="teach-pass-2024")
    teacher.groups.add(teachers_group())
    page.goto("/accounts/login/?next=/bank/")
    page.get_by_label("Username").fill("teach")
    page.get_by_label("Password").fill("teach-pass-2024")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/bank/")
    return page


def test_teacher_filters_approves_and_edits_items(teacher_page, axe):
    page = teacher_page
    assert_accessible(axe, page)
    page.get_by_label("Kind").select_option("qa")
    expect(page.get_by_role("status")).to_have_text(
        f"{Item.objects.filter(kind='qa').count()} items"
    )
    assert "kind=qa" in page.url
    item = Item.objects.filter(kind="qa").order_by("pk").first()
    row = page.locator(f"#item-{item.pk}")
    row.get_by_role("button", name="Approve").focus()
    page.keyboard.press("Enter")
    expect(row.locator(".status")).to_have_text("Approved")
    expect(page.locator(f"#approve-{item.pk}")).to_be_focused()  # focus survived the swap
    expect(page.locator(f"#approve-{item.pk}")).to_have_text(f"Unapprove item {item.pk}")
    item.refresh_from_db()
    assert item.status == "approved"
    # Hide, then the same key again: the button said what it would do each time, so the
    # item is back where it was, approved, never "Generated".
    page.locator(f"#hide-{item.pk}").focus()
    page.keyboard.press("Enter")
    expect(row.locator(".status")).to_have_text("Hidden, approved")
    expect(page.locator(f"#hide-{item.pk}")).to_be_focused()
    expect(page.locator(f"#hide-{item.pk}")).to_have_text(f"Unhide item {item.pk}")
    assert_accessible(axe, page)
    page.keyboard.press("Enter")
    expect(row.locator(".status")).to_have_text("Approved")
    item.refresh_from_db()
    assert item.status == "approved"

    row.get_by_role("link").first.click()
    page.wait_for_url(f"**/bank/{item.pk}/")
    assert_accessible(axe, page)
    page.get_by_label("Prompt").fill("Which committee wrote the declaration?")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    # The preview shows the new wording without a reload.
    expect(page.locator("#preview .item-prompt")).to_have_text(
        "Which committee wrote the declaration?"
    )
    item.refresh_from_db()
    assert item.teacher_prompt == "Which committee wrote the declaration?"
    assert page.js_errors == []
