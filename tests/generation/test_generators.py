"""Each generator makes its kind of item from plain records, tied to a real span."""

from __future__ import annotations

import dataclasses

from quizapp.generation.distractors import DistractorRanker
from quizapp.generation.pipeline import ITEM_KINDS, generate_bank
from quizapp.library.folding import fold


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


def test_distractors_never_include_an_alias_or_a_concept_the_span_names(library):
    ranker = DistractorRanker(library)
    fact = next(f for f in library.facts if f.slug == "constitution-adopted")
    options = ranker.for_fact(fact, "k", count=10)
    assert "National Assembly" not in options
    issuer = next(f for f in library.facts if f.slug == "swanton-harsher")
    # Project88 is named in the cited span, so it cannot be offered as a wrong person;
    # persons only are offered anyway, and never Swanton himself.
    assert "Ben Swanton" not in ranker.for_fact(issuer, "k", count=10)


def test_true_false_states_the_fact_and_a_plausible_swap(library):
    items = by_key(generate_bank(library))
    assert (
        items["tf:d24-issuer:true"].prompt
        == "True or false? Directive 24 was issued by the Politburo."
    )
    false = items["tf:d24-issuer:false"]
    assert false.answer == "False"
    swapped = false.extra["swapped"][1]
    assert false.prompt == f"True or false? Directive 24 was issued by the {swapped}."
    assert swapped in {"Project88", "Freedom House", "Human Rights Watch", "National Assembly"}


def test_matching_pairs_four_to_six_concepts_with_definitions(library):
    items = [i for i in generate_bank(library).items if i.kind == "matching"]
    assert items
    for item in items:
        assert 4 <= len(item.extra["pairs"]) <= 6
        concepts = {c.name: c.definition for c in library.concepts.values()}
        assert all(concepts[name] == definition for name, definition in item.extra["pairs"])


def test_ordering_puts_facts_of_different_years_in_date_order(library):
    items = [i for i in generate_bank(library).items if i.kind == "ordering"]
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
