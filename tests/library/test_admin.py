"""The admin opens for staff, refuses everyone else, and links facts to their passages."""

from __future__ import annotations

import pytest

from quizapp.library.models import Concept, Fact, Passage, Source

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/library/source/",
    "/admin/library/passage/",
    "/admin/library/concept/",
    "/admin/library/fact/",
    "/admin/library/mention/",
    "/admin/bank/item/",
    "/admin/study/card/",
    "/admin/study/review/",
    "/admin/study/studysettings/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_refuses_anonymous_visitors(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["student", "teacher"])
def test_admin_refuses_students_and_teachers(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/library/fact/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_opens_for_staff(client, staff, loaded_fixture_content, url):
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_admin_search_and_filters_work(client, staff, loaded_fixture_content):
    client.force_login(staff)
    html = client.get("/admin/library/concept/", {"q": "nguyen"}).content.decode()
    assert "Nguyễn Phú Trọng" in html
    html = client.get("/admin/library/concept/", {"kind__exact": "organization"}).content.decode()
    assert "Test Committee" in html and "Nguyễn Phú Trọng" not in html
    source = Source.objects.get(slug="alpha")
    html = client.get("/admin/library/fact/", {"passage__source__id__exact": source.pk})
    assert "met 18 times" in html.content.decode()


def test_source_page_in_admin_has_its_passages_inline(client, staff, loaded_fixture_content):
    client.force_login(staff)
    source = Source.objects.get(slug="alpha")
    html = client.get(f"/admin/library/source/{source.pk}/change/").content.decode()
    assert "drafted by the Test Committee" in html


def test_concept_page_in_admin_has_mentions_and_facts_inline(client, staff, loaded_fixture_content):
    client.force_login(staff)
    concept = Concept.objects.get(slug="test-committee")
    html = client.get(f"/admin/library/concept/{concept.pk}/change/").content.decode()
    assert "Facts about this concept" in html
    assert "Mentions" in html
    assert Passage.objects.get(ordinal=2).span_url(0, 1).split("?")[0] in html


def test_fact_admin_links_to_the_passage_on_the_site(client, staff, loaded_fixture_content):
    client.force_login(staff)
    fact = Fact.objects.get(slug="alpha-drafter")
    html = client.get("/admin/library/fact/").content.decode()
    assert f'href="{fact.get_absolute_url()}"' in html
    html = client.get(f"/admin/library/fact/{fact.pk}/change/").content.decode()
    assert f'href="{fact.get_absolute_url()}"' in html
    assert "drafted by the Test Committee" in html  # the cited span, shown


def test_concept_autocomplete_answers_staff(client, staff, loaded_fixture_content):
    client.force_login(staff)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "library", "model_name": "fact", "field_name": "concepts", "term": "trong"},
    )
    assert response.status_code == 200
    assert "Nguy" in response.json()["results"][0]["text"]


def test_fact_span_outside_its_passage_is_refused_in_admin(client, staff, loaded_fixture_content):
    client.force_login(staff)
    fact = Fact.objects.get(slug="alpha-meetings")
    data = {
        "slug": fact.slug,
        "statement": fact.statement,
        "question": fact.question,
        "answer": fact.answer,
        "answer_kind": fact.answer_kind,
        "concepts": [c.pk for c in fact.concepts.all()],
        "passage": fact.passage_id,
        "start": 5,
        "end": 5000,
        "date_precision": "day",
    }
    response = client.post(f"/admin/library/fact/{fact.pk}/change/", data)
    assert response.status_code == 200
    assert "is not inside the passage" in response.content.decode()
    fact.refresh_from_db()
    assert fact.end != 5000
