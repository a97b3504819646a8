"""Reader pages: sources with passage anchors, span highlights, concept pages, search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quizapp.library.models import Fact

pytestmark = pytest.mark.django_db


def test_home_lists_readings_and_concept_kinds(client, loaded_fixture_content):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alpha: a test reading" in html
    assert 'href="/concepts/?kind=person"' in html


def test_source_list_shows_each_reading_with_its_citation(client, loaded_fixture_content):
    html = client.get(reverse("library:sources")).content.decode()
    assert 'href="/sources/alpha/"' in html
    assert "The Test Gazette" in html
    assert "3 passages · 3 facts" in html


def test_source_page_gives_every_passage_an_anchor_and_cites_the_article(
    client, loaded_fixture_content
):
    html = client.get("/sources/alpha/").content.decode()
    for n in (1, 2, 3):
        assert f'id="p{n}"' in html
    assert 'href="https://example.com/alpha"' in html
    assert "November 2022" in html
    # mentions link to their concept pages
    assert '<a href="/concepts/test-committee/" title="Test Committee">Test Committee</a>' in html


def test_span_link_highlights_exactly_the_cited_span(client, loaded_fixture_content):
    fact = Fact.objects.get(slug="alpha-drafter")
    url = fact.get_absolute_url()
    assert url.startswith("/sources/alpha/?hl=2:") and url.endswith("#p2")
    html = client.get(url).content.decode()
    assert 'class="passage is-highlighted"' in html
    assert html.count("<mark>") == 2  # the mention link splits the mark in two pieces
    assert "<mark>drafted by the </mark>" in html
    assert "<mark><a" in html


def test_malformed_or_out_of_range_highlight_is_ignored(client, loaded_fixture_content):
    for hl in ("junk", "2:50-10", "9:0-5", "2:0-99999"):
        response = client.get("/sources/alpha/", {"hl": hl})
        assert response.status_code == 200
    assert "<mark>" not in client.get("/sources/alpha/", {"hl": "2:50-10"}).content.decode()


def test_passage_text_is_escaped(client, loaded_fixture_content):
    from quizapp.library.models import Passage

    passage = Passage.objects.get(ordinal=3)
    passage.text = "<script>alert(1)</script> Test Committee"
    passage.refold()
    passage.save()
    passage.rebuild_mentions()
    html = client.get("/sources/alpha/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <a href" in html


def test_unknown_source_or_concept_is_404(client, loaded_fixture_content):
    assert client.get("/sources/nope/").status_code == 404
    assert client.get("/concepts/nope/").status_code == 404


def test_concept_page_shows_definition_related_and_highlighted_mentions(
    client, loaded_fixture_content
):
    html = client.get("/concepts/test-committee/").content.decode()
    assert "The body that drafted the joint text." in html
    assert 'href="/concepts/alpha-declaration/"' in html  # related, seen from the other side
    assert html.count("<mark>Test Committee</mark>") == 2  # passages 2 and 3
    assert "/sources/alpha/?hl=2:" in html
    assert "The Test Committee met 18 times." in html  # a fact about it


def test_concept_list_filters_by_kind(client, loaded_fixture_content):
    html = client.get("/concepts/", {"kind": "person"}).content.decode()
    assert "Nguyễn Phú Trọng" in html
    assert "Test Committee" not in html


def test_search_ignores_case_and_accents(client, loaded_fixture_content):
    html = client.get("/search/", {"q": "nguyen phu trong"}).content.decode()
    assert 'href="/concepts/nguyen-phu-trong/"' in html
    assert "<mark>Nguyễn</mark> <mark>Phú</mark> <mark>Trọng</mark>" in html
    assert "<html" in html


def test_search_with_accents_and_capitals_finds_unaccented_query_too(
    client, loaded_fixture_content
):
    html = client.get("/search/", {"q": "TRỌNG"}).content.decode()
    assert 'href="/concepts/nguyen-phu-trong/"' in html


def test_search_requires_every_word(client, loaded_fixture_content):
    html = client.get("/search/", {"q": "committee beijing"}).content.decode()
    assert "Passages (0)" in html


def test_search_fragment_for_htmx_has_only_the_results(client, loaded_fixture_content):
    response = client.get("/search/", {"q": "test committee"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'href="/concepts/test-committee/"' in html
    assert "HX-Request" in response["Vary"]


def test_empty_search_shows_a_hint(client, loaded_fixture_content):
    html = client.get("/search/").content.decode()
    assert "case and accents do not matter" in html


def test_htmx_history_restore_gets_the_full_page(client, loaded_fixture_content):
    response = client.get(
        "/search/",
        {"q": "committee"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()
