"""Each generator makes its kind of item from plain records, tied to a real span."""

from __future__ import annotations

import dataclasses
from collections import Counter

from quizapp.generation.distractors import DistractorRanker
from quizapp.generation.pipeline import ITEM_KINDS, generate_bank
from quizapp.generation.records import MentionIn, PassageIn
from quizapp.library.folding import fold
from quizapp.library.mentions import MentionFinder


def by_key(result):
    return {item.key: item for item in result.items}


def span(library, item):
    return library.passages[item.source, item.passage].text[item.start : item.end]


def test_every_kind_is_generated_and_every_item_cites_a_span_stating_it(library):
    result = generate_bank(library)
    assert set(result.counts) == set(ITEM_KINDS)
    for item in result.items:
        evidence = item.extra.get("evidence") or [item.answer]
        assert any(fold(e) in fold(span(library, item)) for e in evidence), item.key
        assert item.explanation.endswith(f"passage {item.passage}.")


def test_generation_is_deterministic_for_a_seed(library):
    first = [i.as_json() for i in generate_bank(library, seed=7).items]
    second = [i.as_json() for i in generate_bank(library, seed=7).items]
    assert first == second


def test_definition_and_reverse_items_for_a_concept(library):
    items = by_key(generate_bank(library))
    definition = items["definition:politburo"]
    assert "Politburo" in definition.prompt
    assert definition.answer == "The Party's top decision-making body."
    reverse = items["reverse:human-rights-watch"]
    assert reverse.prompt == "Which organization is this? An international rights watchdog."
    assert reverse.accepted == ["Human Rights Watch", "HRW"]


def test_fact_cloze_blanks_the_answer_and_accepts_aliases(library):
    item = by_key(generate_bank(library))["cloze:fact:d24-issuer"]
    assert item.prompt == "Fill in the blank: Directive 24 was issued by the _____."
    assert item.answer == "Politburo"


def test_passage_cloze_blanks_a_concept_in_a_sentence_of_the_reading(library):
    item = by_key(generate_bank(library))["cloze:concept:xi-jinping"]
    assert item.prompt == "Fill in the blank: _____ won a third term in 2022."
    assert span(library, item) == "Xi Jinping won a third term in 2022."
    assert "Xi" in item.accepted


def test_question_answer_uses_the_facts_question(library):
    item = by_key(generate_bank(library))["qa:d24-issuer"]
    assert item.prompt == "Which body issued Directive 24?"
    assert item.answer == "Politburo"


def test_multiple_choice_has_three_distractors_of_the_same_kind(library):
    item = by_key(generate_bank(library))["mcq:d24-issuer"]
    assert len(item.options) == 4 and "Politburo" in item.options
    organizations = {"Project88", "Freedom House", "Human Rights Watch", "National Assembly"}
    assert set(item.options) - {"Politburo"} <= organizations


def test_year_distractors_are_years_near_the_answer(library):
    item = by_key(generate_bank(library))["mcq:xi-third-term"]
    others = [int(o) for o in item.options if o != "2022"]
    assert len(others) == 3
    assert all(abs(y - 2022) <= 5 for y in others)


def test_number_distractors_are_near_the_true_number(library):
    item = by_key(generate_bank(library))["mcq:p88-campaigns"]
    others = [int(o) for o in item.options if o != "18"]
    assert len(others) == 3
    assert all(9 <= n <= 36 and n != 18 for n in others)


def test_distractors_are_ranked_by_closeness_not_drawn_at_random(library):
    ranker = DistractorRanker(library)
    swanton = next(f for f in library.facts if f.slug == "swanton-harsher")
    # Thayer and Robertson share Swanton's passage; Xi and Trọng do not.
    assert set(ranker.for_fact(swanton, "k", count=2)) == {"Carlyle Thayer", "Phil Robertson"}


def test_distractors_share_the_answers_role_or_there_are_none(library):
    roles = {"ben-swanton": "activist", "carlyle-thayer": "scholar", "phil-robertson": "activist"}
    concepts = {
        slug: dataclasses.replace(c, role=roles.get(slug, "party-leader"))
        for slug, c in library.concepts.items()
    }
    ranker = DistractorRanker(dataclasses.replace(library, concepts=concepts))
    swanton = next(f for f in library.facts if f.slug == "swanton-harsher")
    assert ranker.for_fact(swanton, "k", count=3) == ["Phil Robertson"]


def test_a_phrase_answer_gets_only_its_authored_distractors(library):
    ranker = DistractorRanker(library)
    steps = next(f for f in library.facts if f.slug == "reform-steps")
    assert set(ranker.for_fact(steps, "k")) == set(steps.distractors)
    unauthored = dataclasses.replace(steps, distractors=())
    assert ranker.for_fact(unauthored, "k") == []


def test_distractors_never_include_an_alias_or_a_concept_the_span_names(library):
    ranker = DistractorRanker(library)
    fact = next(f for f in library.facts if f.slug == "constitution-adopted")
    options = ranker.for_fact(fact, "k", count=10)
    assert "National Assembly" not in options
    issuer = next(f for f in library.facts if f.slug == "swanton-harsher")
    # Project88 is named in the cited span, so it cannot be offered as a wrong person;
    # persons only are offered anyway, and never Swanton himself.
    assert "Ben Swanton" not in ranker.for_fact(issuer, "k", count=10)


def test_true_false_swaps_in_a_value_the_passage_does_not_name(library):
    claims = [i for seed in range(6) for i in generate_bank(library, seed).items]
    false = [i for i in claims if i.key == "tf:d24-issuer:false"]
    assert false, "some seed states the issuer falsely"
    for item in false:
        swapped = item.extra["swapped"][1]
        assert item.answer == "False"
        assert item.prompt == f"True or false? Directive 24 was issued by the {swapped}."
        # Project88 and Human Rights Watch share the passage: the claim might hold for them.
        assert swapped in {"Freedom House", "National Assembly"}
    for seed in range(6):
        keys = {i.key for i in generate_bank(library, seed).items}
        # One claim per fact: the true version would answer the false one.
        assert not {"tf:d24-issuer:true", "tf:d24-issuer:false"} <= keys


def test_true_and_false_claims_are_balanced(library):
    answers = [i.answer for i in generate_bank(library).items if i.kind == "true_false"]
    assert abs(answers.count("False") - answers.count("True")) <= 1
    assert answers.count("True") > 0


def test_a_list_fact_asks_for_one_member_among_authored_non_members(library):
    items = by_key(generate_bank(library))
    steps = next(f for f in library.facts if f.slug == "reform-steps")
    mcq = items["mcq:reform-steps"]
    assert mcq.answer in steps.members
    assert set(mcq.options) - {mcq.answer} == set(steps.distractors)
    cloze = items["cloze:fact:reform-steps"]
    assert cloze.prompt.count("_____") == 1 and cloze.answer in steps.members
    card = items["qa:reform-steps"]
    assert card.accepted == list(steps.members)
    false = items["tf:reform-steps:false"]
    assert false.extra["swapped"][1] in steps.distractors


def test_an_ordered_list_becomes_an_ordering_item_in_its_own_order(library):
    item = by_key(generate_bank(library))["ordering:reform-steps"]
    steps = next(f for f in library.facts if f.slug == "reform-steps")
    assert item.extra["sequence"] == list(steps.members)
    assert sorted(item.options) == sorted(steps.members)


def test_one_study_card_per_fact_and_per_concept(library):
    items = generate_bank(library).items
    cards = [i for i in items if i.study_card]
    by_fact = Counter(i.fact for i in cards if i.fact)
    assert by_fact and max(by_fact.values()) == 1
    by_concept = Counter(tuple(i.concepts) for i in cards if not i.fact)
    assert by_concept and max(by_concept.values()) == 1
    # A fact with its own question is studied by that question, a concept backwards.
    assert {i.key for i in cards} >= {"qa:d24-issuer", "reverse:politburo"}
    assert not any(i.study_card for i in items if i.kind in ("mcq", "true_false", "matching"))


def test_matching_pairs_four_to_six_concepts_with_definitions(library):
    items = [i for i in generate_bank(library).items if i.kind == "matching"]
    assert items
    for item in items:
        assert 4 <= len(item.extra["pairs"]) <= 6
        concepts = {c.name: c.definition for c in library.concepts.values()}
        assert all(concepts[name] == definition for name, definition in item.extra["pairs"])


def test_ordering_puts_facts_of_different_years_in_date_order(library):
    # The dated facts share no reading or concept; given one, they make a timeline.
    facts = [
        dataclasses.replace(f, concepts=(*f.concepts, "timeline")) if f.date else f
        for f in library.facts
    ]
    library = dataclasses.replace(library, facts=facts)
    items = [
        i for i in generate_bank(library).items if i.kind == "ordering" and "sequence" in i.extra
    ]
    items = [i for i in items if len(i.extra["facts"]) > 1]
    assert items
    facts = {f.slug: f for f in library.facts}
    for item in items:
        years = [facts[slug].date.year for slug in item.extra["facts"]]
        assert years == sorted(years) and len(set(years)) == 4
        assert sorted(item.options) == sorted(item.extra["sequence"])
        # the date itself is blanked: the learner must recall it
        for shown, year in zip(item.extra["sequence"], years, strict=True):
            assert "_____" in shown and str(year) not in shown


def test_who_said_it_hides_the_speaker_and_offers_other_people(library):
    item = by_key(generate_bank(library))["who_said:swanton-harsher"]
    assert "Swanton" not in item.prompt
    assert item.prompt.startswith("Who said it? _____ said Directive 24")
    assert item.answer == "Ben Swanton"
    assert len(item.options) == 4
    people = {c.name for c in library.concepts.values() if c.kind == "person"}
    assert set(item.options) <= people


def test_short_answer_only_for_typable_answers(library):
    items = by_key(generate_bank(library))
    assert items["short:d24-issuer"].accepted == ["Politburo"]
    assert "short:thayer-continuity" not in items  # no question to ask


def test_every_fact_is_tested_by_at_least_one_item(library):
    tested = {i.fact for i in generate_bank(library).items}
    assert {f.slug for f in library.facts} <= tested


def test_keys_are_stable_when_wording_changes(library):
    before = {i.key for i in generate_bank(library).items if i.fact == "d24-issuer"}
    library.facts[0] = dataclasses.replace(
        library.facts[0], statement="Directive 24 was sent out by the Politburo."
    )
    after = {i.key for i in generate_bank(library).items if i.fact == "d24-issuer"}
    assert before == after


def test_concept_cards_cite_a_sentence_not_only_the_name(library):
    items = by_key(generate_bank(library))
    # The Politburo is named in one sentence: its card cites that sentence, not the name.
    reverse = items["reverse:politburo"]
    assert span(library, reverse) == "Directive 24 came from the Politburo."
    for item in items.values():
        if item.kind in ("definition", "reverse", "matching"):
            assert len(span(library, item).split()) >= 5, item.key


def test_fact_items_cite_the_whole_sentence_of_their_quote(library):
    item = by_key(generate_bank(library))["qa:d24-issuer"]
    assert span(library, item) == "Directive 24 came from the Politburo."


def test_an_ordering_prompt_does_not_frame_the_list_in_its_sentence(library):
    item = by_key(generate_bank(library))["ordering:reform-steps"]
    assert item.prompt == "Put these in order, first to last (National Assembly)."


def test_a_concept_cloze_prefers_the_sentence_closest_to_its_definition(library):
    text = (
        "The article cites a piece in a newspaper that mentions Freedom House in passing. "
        "Freedom House is a nonpartisan group that rates freedom worldwide every year."
    )
    finder = MentionFinder({c.slug: c.names for c in library.concepts.values()})
    mentions = tuple(MentionIn(s, a, b) for s, a, b in finder.find(text))
    passages = {**library.passages, ("extra", 1): PassageIn("extra", 1, text, "Extra", mentions)}
    library = dataclasses.replace(library, passages=passages)
    item = by_key(generate_bank(library))["cloze:concept:freedom-house"]
    assert item.prompt.startswith("Fill in the blank: _____ is a nonpartisan group")
