"""The admin's own pages pass axe, in light and dark: login, changelists, change forms
with inlines and related-object widgets."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from quizapp.library.models import Concept, Fact, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_context(browser, live_server, transactional_db, content_dir, django_user_model):
    call_command("loadcontent", str(content_dir), stdout=io.StringIO())
    call_command("generate", stdout=io.StringIO())
    django_user_model.objects.create_superuser("boss", password="boss-pass-2024")

    def open_context(scheme: str):
        context = browser.new_context(base_url=live_server.url, color_scheme=scheme)
        context.set_default_timeout(10_000)
        return context

    return open_context


def violations(axe, page) -> str:
    results = axe.run(page)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_admin_pages_pass_axe(admin_context, axe, scheme):
    context = admin_context(scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/admin/login/?next=/admin/")
    reports = {"login": violations(axe, page)}
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("boss-pass-2024")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    concept = Concept.objects.get(slug="nguyen-phu-trong")
    fact = Fact.objects.first()
    source = Source.objects.first()
    pages = {
        "index": "/admin/",
        "concept changelist": "/admin/library/concept/",
        "item changelist": "/admin/bank/item/",
        "concept change (inlines)": f"/admin/library/concept/{concept.pk}/change/",
        "source change (inlines)": f"/admin/library/source/{source.pk}/change/",
        "fact change": f"/admin/library/fact/{fact.pk}/change/",
        "concept add": "/admin/library/concept/add/",
    }
    for name, url in pages.items():
        page.goto(url)
        reports[name] = violations(axe, page)
    # A row added to an inline brings a new autocomplete widget; it is named too.
    page.goto(pages["concept change (inlines)"])
    page.get_by_role("button", name="Add another Facts about this concept").click()
    new_row = page.locator("#Fact_concepts-group tr.dynamic-Fact_concepts").last
    new_row.locator('[role="combobox"]').focus()
    page.keyboard.press("Enter")  # opens the search, from the keyboard
    page.keyboard.type("drafted")
    # The answer from the server is in: a real choice is highlighted, nothing is loading.
    page.locator(".select2-results__option--highlighted[aria-selected]").wait_for()
    expect(page.locator(".select2-results__option.loading-results")).to_have_count(0)
    reports["added inline row, search open"] = violations(axe, page)
    context.close()
    failing = {name: report for name, report in reports.items() if report}
    assert not failing, "\n\n".join(f"== {name}\n{report}" for name, report in failing.items())
    assert errors == []
