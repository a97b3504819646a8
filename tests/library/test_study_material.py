"""The study material in content/ is valid, complete enough, and every fact cites a real span."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from quizapp.library.folding import fold
from quizapp.library.models import Concept, Fact, Source

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def study_material(django_db_setup, django_db_blocker):
    """Loaded once for the module (it takes a second or two), removed afterwards."""
    with django_db_blocker.unblock():
        call_command("loadcontent", str(settings.CONTENT_DIR), stdout=io.StringIO())
        yield
        Source.objects.all().delete()
        Concept.objects.all().delete()


def test_the_material_loads_and_is_large_enough(study_material):
    assert Source.objects.count() >= 10
    assert Concept.objects.count() >= 40
    assert Fact.objects.count() >= 120


def test_every_reading_cites_the_article_it_draws_on(study_material):
    for source in Source.objects.all():
        assert source.original_title, source.slug
        assert source.outlet, source.slug
        assert source.published, source.slug
        assert source.original_title in source.citation


def test_every_fact_span_lies_inside_its_passage_and_states_the_answer(study_material):
    for fact in Fact.objects.select_related("passage", "answer_concept"):
        assert 0 <= fact.start < fact.end <= len(fact.passage.text), fact.slug
        names = [fact.answer, *(fact.answer_concept.names if fact.answer_concept else [])]
        assert any(fold(n) in fold(fact.span_text) for n in names), fact.slug


def test_every_concept_is_mentioned_and_defined(study_material):
    for concept in Concept.objects.all():
        assert concept.mentions.exists(), concept.slug
        assert concept.definition, concept.slug


def test_the_named_topics_are_all_covered(study_material):
    wanted = [
        "directive-24",
        "project88",
        "ben-swanton",
        "carlyle-thayer",
        "vietnam-china-joint-declaration",
        "peaceful-evolution",
        "color-revolution",
        "market-leninism",
        "shanghai-cooperation-organization",
        "iran-protests-2022",
        "un-human-rights-council",
        "human-rights-watch",
        "freedom-house",
        "ho-chi-minh-national-academy-of-politics",
        "human-rights-curriculum",
        "china-covid-protests-2022",
        "group-72",
        "constitution-2013",
        "comprehensive-strategic-partnership",
        "free-trade-agreements",
    ]
    slugs = set(Concept.objects.values_list("slug", flat=True))
    assert not [s for s in wanted if s not in slugs]


def test_the_search_example_from_the_readme_works(client, study_material):
    html = client.get("/search/", {"q": "nguyen phu trong"}).content.decode()
    assert 'href="/concepts/nguyen-phu-trong/"' in html


def test_loading_the_material_twice_changes_nothing(study_material):
    out = io.StringIO()
    call_command("loadcontent", str(settings.CONTENT_DIR), stdout=out)
    assert out.getvalue().startswith("No changes:")


def test_readings_are_listed_in_study_order(client, study_material):
    orders = list(Source.objects.order_by("order").values_list("slug", flat=True))
    for url in ("/", "/sources/"):
        html = client.get(url).content.decode()
        positions = [html.index(f'href="/sources/{slug}/"') for slug in orders]
        assert positions == sorted(positions), url
