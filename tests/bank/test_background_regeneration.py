"""An admin's edit or a loadcontent change reaches the bank's items through the task worker,
and the bank page says what the run changed (or why it failed)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from quizapp.bank.models import Item, Regeneration
from quizapp.library.models import Concept, Fact
from tests.bank.admin_forms import admin_form_data

# Committed for real: the worker, as in production, drops a connection it finds inside a
# transaction it did not start, which would end a test's wrapping transaction on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)

NEW_DEFINITION = "The party's chief, who travelled to Beijing in the reading used by tests."


def run_worker() -> str:
    """The real database backend's worker, until the queue is empty."""
    out = io.StringIO()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, stdout=out)
    return out.getvalue()


@pytest.fixture
def admin_client(client, staff, bank):
    DBTaskResult.objects.all().delete()  # what loading the fixture content queued
    Regeneration.objects.all().delete()
    client.force_login(staff)
    return client


def definition_card() -> Item:
    return Item.objects.get(kind="definition", concepts__slug="nguyen-phu-trong")


def edit_definition(client, definition: str = NEW_DEFINITION):
    concept = Concept.objects.get(slug="nguyen-phu-trong")
    url = f"/admin/library/concept/{concept.pk}/change/"
    response = client.post(url, admin_form_data(client, url, definition=definition))
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_an_admin_edit_of_a_definition_reaches_its_card_through_the_worker(admin_client):
    old = definition_card().prompt
    edit_definition(admin_client)
    # Queued, not done inside the admin's request.
    assert definition_card().prompt == old
    run = Regeneration.objects.get()
    assert run.status == "queued" and "Nguyễn Phú Trọng" in run.reason and "boss" in run.reason
    assert DBTaskResult.objects.filter(id=run.task_id, status="READY").exists()
    page = admin_client.get("/bank/").content.decode()
    assert "Queued" in page and 'hx-trigger="every 3s"' in page

    run_worker()

    card = definition_card()
    assert NEW_DEFINITION in card.prompt + card.answer
    run.refresh_from_db()
    assert run.status == "done" and run.updated >= 1 and card.pk in run.items["updated"]
    assert DBTaskResult.objects.get(id=run.task_id).status == "SUCCESSFUL"
    page = admin_client.get("/bank/").content.decode()
    assert "Done" in page and f'href="/bank/{card.pk}/"' in page
    assert f"{run.updated} updated" in page and 'hx-trigger="every 3s"' not in page


def test_the_worker_retires_what_a_deleted_fact_fed(admin_client):
    fact = Fact.objects.get(slug="alpha-meetings")
    fed = set(Item.objects.filter(fact=fact).values_list("pk", flat=True))
    response = admin_client.post(f"/admin/library/fact/{fact.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    run_worker()
    run = Regeneration.objects.get()
    assert run.status == "done" and run.retired >= len(fed) > 0
    assert fed <= set(run.items["retired"])
    assert not Item.objects.usable().filter(pk__in=fed).exists()


def test_saves_while_a_run_waits_share_that_run(admin_client):
    edit_definition(admin_client)
    edit_definition(admin_client, NEW_DEFINITION + " Again.")
    run = Regeneration.objects.get()
    assert run.reason.count("Nguyễn Phú Trọng") == 2
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert NEW_DEFINITION + " Again." in definition_card().answer + definition_card().prompt


def test_saving_without_a_change_queues_nothing(admin_client):
    concept = Concept.objects.get(slug="nguyen-phu-trong")
    url = f"/admin/library/concept/{concept.pk}/change/"
    assert admin_client.post(url, admin_form_data(admin_client, url)).status_code == 302
    assert not Regeneration.objects.exists() and not DBTaskResult.objects.exists()


def test_a_failed_run_says_why_on_the_bank_page(admin_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the generator fell over")

    monkeypatch.setattr("quizapp.bank.regeneration.generate_bank", broken)
    edit_definition(admin_client)
    run_worker()
    run = Regeneration.objects.get()
    assert run.status == "failed" and run.error == "RuntimeError: the generator fell over"
    assert DBTaskResult.objects.get(id=run.task_id).status == "FAILED"
    page = admin_client.get("/bank/").content.decode()
    assert "Failed" in page and "It failed: RuntimeError: the generator fell over" in page


def test_loadcontent_that_changed_something_queues_a_run_and_one_that_did_not_queues_none(
    bank, loaded_fixture_content
):
    DBTaskResult.objects.all().delete()
    Regeneration.objects.all().delete()
    call_command("loadcontent", str(loaded_fixture_content), stdout=io.StringIO())
    assert not Regeneration.objects.exists()
    core = loaded_fixture_content / "concepts" / "core.yaml"
    core.write_text(
        core.read_text().replace(
            "Party chief who made the trip to Beijing in the test reading.", NEW_DEFINITION
        )
    )
    call_command("loadcontent", str(loaded_fixture_content), stdout=io.StringIO())
    run = Regeneration.objects.get()
    assert run.reason == "loadcontent: updated: 1 concepts"
    run_worker()
    assert NEW_DEFINITION in definition_card().prompt + definition_card().answer


def test_the_regeneration_fragment_is_for_teachers_only(client, student, teacher, bank):
    client.force_login(student)
    assert client.get("/bank/regeneration/").status_code == 403
    client.force_login(teacher)
    html = client.get("/bank/regeneration/").content.decode()
    assert '<section id="regeneration"' in html and "<html" not in html


def test_manage_py_generate_is_recorded_and_a_failure_says_why(bank, client, teacher, monkeypatch):
    run = Regeneration.objects.latest()
    assert (run.reason, run.status) == ("manage.py generate", "done") and run.created > 0

    def broken(*args, **kwargs):
        raise RuntimeError("no library")

    monkeypatch.setattr("quizapp.bank.regeneration.generate_bank", broken)
    with pytest.raises(RuntimeError):
        call_command("generate", stdout=io.StringIO())
    failed = Regeneration.objects.latest()
    assert failed.status == "failed" and failed.error == "RuntimeError: no library"
