"""What the importer proposes from an article a teacher brings: names a teacher would keep,
of the right kind, and facts that are the article's, not pieces of its names and dates."""

from __future__ import annotations

import pytest

from quizapp.exchange.article_import import import_article
from quizapp.exchange.article_text import article_passages
from quizapp.exchange.candidates import propose
from quizapp.generation.sentences import sentence_spans
from quizapp.library.models import Concept, Fact
from tests.exchange.articles import BLOGGER_TRIAL, DECREE_ORDERS, PRESS_DIRECTIVE


@pytest.fixture(scope="module")
def passages() -> list[str]:
    return article_passages(PRESS_DIRECTIVE, title="A Directive on the Press")


@pytest.fixture(scope="module")
def proposal(passages):
    return propose(passages)


def concepts(proposal) -> dict[str, object]:
    return {c.name: c for c in proposal.concepts}


def test_abbreviations_do_not_end_sentences():
    text = (
        "On Feb. 3 the Politburo issued Directive No. 24 on the press. Dr. Lê Văn Hòa read it "
        "in the U.S. Embassy. He said nothing."
    )
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "On Feb. 3 the Politburo issued Directive No. 24 on the press.",
        "Dr. Lê Văn Hòa read it in the U.S. Embassy.",
        "He said nothing.",
    ]


def test_sentence_spans_cover_a_long_text_piece_by_piece():
    sentence = "The council met again and argued about the river for a long time. "
    text = (sentence * 200).strip()
    spans = sentence_spans(text)
    assert len(spans) == 200
    assert all(text[s:e] == sentence.strip() for s, e in spans)


def test_ordinary_words_months_and_stray_acronyms_are_not_proposed(proposal):
    found = concepts(proposal)
    for junk in ("Regarding", "Strictly", "Let", "Feb", "Former", "TW", "Justice", "According"):
        assert junk not in found
    assert not any(name.startswith(("of ", "Former ")) for name in found)


def test_names_are_trimmed_of_titles_and_offices(proposal):
    found = concepts(proposal)
    assert found["Nguyễn Đình Lộc"].kind == "person"  # "Former Minister of Justice ..."
    assert found["Lê Văn Hòa"].kind == "person"  # "Dr. ..."


def test_variants_of_one_name_are_one_candidate(proposal):
    found = concepts(proposal)
    trong = found["Nguyễn Phú Trọng"]
    assert "Trong" in trong.aliases
    assert "Nguyen Phu Trong" not in found and "Trong" not in found
    assert found["Communist Party of Vietnam"].aliases == ["CPV"]
    assert "CPV" not in found


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Directive No. 24", "document"),
        ("Resolution 36", "document"),
        ("Press Law", "document"),
        ("Ministry of Information and Communications", "organization"),
        ("Ministry of Public Security", "organization"),
        ("Vietnam Journalists Association", "organization"),
        ("Central Propaganda Commission", "organization"),
        ("Hanoi", "place"),
        ("Da Nang", "place"),
    ],
)
def test_kinds_follow_head_words_and_context(proposal, name, kind):
    assert concepts(proposal)[name].kind == kind


def test_numbers_inside_names_and_dates_are_not_facts(proposal):
    numbers = {f.answer for f in proposal.facts if f.kind in ("number", "year")}
    assert {"17", "40", "2024"} <= numbers
    assert not numbers & {"3", "13", "24", "36"}


def test_the_items_of_a_list_are_proposed_as_facts(proposal):
    items = [f for f in proposal.facts if f.found_as == "list"]
    assert [f.answer for f in items] == [
        "stricter licensing of news sites",
        "the removal of posts that criticise the leadership",
        "training for provincial propaganda officers",
    ]
    assert all(f.kind == "phrase" and f.answer in f.statement for f in items)


def test_reported_claims_are_proposed_with_their_speaker(proposal, passages):
    claims = {f.said_by: f for f in proposal.facts if f.found_as == "claim"}
    assert set(claims) == {"Nguyễn Phú Trọng", "Lê Văn Hòa", "Nguyễn Đình Lộc"}
    for fact in claims.values():
        assert fact.kind == "person"
        assert passages[fact.passage][fact.start : fact.end] == fact.statement
        assert fact.answer in fact.statement


@pytest.mark.django_db
def test_an_imported_claim_is_said_by_its_speaker(passages, proposal):
    import_article(
        title="A Directive on the Press",
        url="",
        passages=passages,
        concepts=proposal.concepts,
        facts=proposal.facts,
    )
    claim = Fact.objects.get(said_by__name="Lê Văn Hòa")
    assert claim.answer_kind == "person"
    assert claim.span_text.startswith("Dr. Lê Văn Hòa")
    assert Concept.objects.filter(slug="nguyen-dinh-loc").exists()
    listed = Fact.objects.filter(answer_kind="phrase", answer__startswith="stricter licensing")
    assert listed.exists()


def test_capitals_that_start_list_items_are_not_names():
    proposal = propose([DECREE_ORDERS])
    found = concepts(proposal)
    assert not {"Strictly", "Regularly", "Let"} & set(found)
    assert found["Vietnam Lawyers Association"].kind == "organization"
    listed = [f.answer for f in proposal.facts if f.found_as == "list"]
    assert listed[0] == "Strictly manage the groups that receive foreign money"
    assert len(listed) == 3


def test_a_place_before_said_is_no_speaker():
    proposal = propose([DECREE_ORDERS])
    assert concepts(proposal)["Hue"].kind == "place"
    assert not [f for f in proposal.facts if f.found_as == "claim"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("St. Petersburg", "place"),
        ("International Covenant on Civil and Political Rights", "document"),
        ("Amnesty International", "organization"),  # "said" after it is no person's clue
        ("Article 117", "document"),
        ("Antony Blinken", "person"),
        ("Lê Thị Thu Hằng", "person"),
    ],
)
def test_names_with_abbreviations_and_connectives_are_whole(name, kind):
    found = concepts(propose(article_passages(BLOGGER_TRIAL)))
    assert found[name].kind == kind


def test_an_organization_can_be_a_claims_speaker():
    facts = propose(article_passages(BLOGGER_TRIAL)).facts
    speakers = {f.said_by: f.kind for f in facts if f.found_as == "claim"}
    assert speakers["European Union"] == "organization"
    assert speakers["Amnesty International"] == "organization"
    assert speakers["Antony Blinken"] == "person"
