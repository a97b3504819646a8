"""The study material in content/ is valid, complete enough, and every fact cites a real span."""

from __future__ import annotations

import io
import re
from pathlib import Path

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
        if fact.members:  # a list fact's span states every member
            assert all(fold(m) in fold(fact.span_text) for m in fact.members), fact.slug
            continue
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


SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
LONGEST_SHARED_RUN = 11  # words; names of organizations run to nine, quotations are exempt


def _words(text: str) -> list[tuple[str, int, int]]:
    return [
        (m.group(0).lower().replace("’", "'"), m.start(), m.end())
        for m in re.finditer(r"[\w’']+", text)
    ]


def _copied_runs(text: str, seed_grams: set, size: int) -> list[str]:
    """Runs of ``size`` words or more that also stand in a seed, outside quotation marks."""
    words = _words(text)
    runs, i = [], 0
    while i <= len(words) - size:
        if tuple(w for w, _, _ in words[i : i + size]) in seed_grams:
            j = i + size
            while (
                j < len(words) and tuple(w for w, _, _ in words[j - size + 1 : j + 1]) in seed_grams
            ):
                j += 1
            start, end = words[i][1], words[j - 1][2]
            quoted = text[max(0, start - 1) : start] in '"“' or text[end : end + 1] in '"”'
            if not quoted:
                runs.append(text[start:end])
            i = j
        else:
            i += 1
    return runs


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the project")
def test_the_material_is_written_in_its_own_words():
    size = LONGEST_SHARED_RUN + 1
    seed_words = [w for w, _, _ in _words(" ".join(p.read_text() for p in SEEDS.glob("*.txt")))]
    grams = {tuple(seed_words[i : i + size]) for i in range(len(seed_words) - size + 1)}
    copied = {
        str(path.relative_to(settings.CONTENT_DIR)): runs
        for path in sorted(settings.CONTENT_DIR.rglob("*"))
        if path.suffix in {".md", ".yaml"} and path.name != "README.md"
        if (runs := _copied_runs(path.read_text(encoding="utf-8"), grams, size))
    }
    assert copied == {}
