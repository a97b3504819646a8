"""Each item-writing rule rejects a flawed item and keeps the good one it was made from."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.generation.flaws import RULES, FlawContext, flaws
from quizapp.generation.pipeline import generate_bank


def changed(item, **changes):
    extra = {**item.extra, **changes.pop("extra", {})}
    return dataclasses.replace(item, extra=extra, **changes)


def with_fact(library, slug, **changes):
    facts = [dataclasses.replace(f, **changes) if f.slug == slug else f for f in library.facts]
    return dataclasses.replace(library, facts=facts)


def with_concept(library, slug, **changes):
    concepts = {
        s: dataclasses.replace(c, **changes) if s == slug else c
        for s, c in library.concepts.items()
    }
    return dataclasses.replace(library, concepts=concepts)


def with_role(library, roles: dict[str, str]):
    concepts = {
        slug: dataclasses.replace(c, role=roles.get(slug, c.role))
        for slug, c in library.concepts.items()
    }
    return dataclasses.replace(library, concepts=concepts)


def mcq_with(distractors, **changes):
    def change(item):
        answer = changes.pop("answer", item.answer)
        return changed(
            item,
            answer=answer,
            options=[answer, *distractors],
            extra={"distractors": list(distractors)},
            **changes,
        )

    return change


# (rule, the generated item it is tried on, how to spoil it, how to spoil the library)
CASES = [
    (
        "options-mixed-kinds",
        "mcq:d24-issuer",
        mcq_with(["Project88", "Ben Swanton", "Freedom House"]),
        None,
    ),
    (
        "options-mixed-kinds",
        "mcq:d24-issuer",
        mcq_with(["Project88", "National Assembly", "Freedom House"]),
        lambda lib: with_role(
            lib,
            {"politburo": "party-body", "national-assembly": "party-body", "project88": "ngo"},
        ),
    ),
    ("options-mixed-forms", "mcq:p88-campaigns", mcq_with(["nine", "27", "36"]), None),
    ("options-mixed-forms", "mcq:xi-third-term", mcq_with(["2021", "20", "2023"]), None),
    (
        "option-length-cue",
        "mcq:d24-issuer",
        mcq_with(["HRW", "FH", "NA"], answer="Politburo of the Central Committee"),
        None,
    ),
    (
        "option-grammar",
        "mcq:d24-issuer",
        mcq_with(
            ["Project88", "Freedom House", "National Assembly"],
            prompt="Fill in the blank: Directive 24 came from a _____.",
            answer="Assembly of elders",
        ),
        None,
    ),
    (
        "option-also-right",
        "who_said:swanton-harsher",
        lambda item: changed(
            item,
            options=["Ben Swanton", "Swanton", "Xi Jinping", "Nguyễn Phú Trọng"],
            extra={"distractors": ["Swanton", "Xi Jinping", "Nguyễn Phú Trọng"]},
        ),
        None,
    ),
    (
        "option-also-right",
        "mcq:reform-steps",
        lambda item: changed(
            item,
            extra={"distractors": ["gathered signatures", "staged a strike", "formed a party"]},
        ),
        None,
    ),
    (
        "option-named-in-stem",
        "who_said:swanton-harsher",
        lambda item: changed(
            item,
            prompt=f"{item.prompt} Xi Jinping disagreed.",
            options=["Ben Swanton", "Phil Robertson", "Xi Jinping", "Nguyễn Phú Trọng"],
            extra={"distractors": ["Phil Robertson", "Xi Jinping", "Nguyễn Phú Trọng"]},
        ),
        None,
    ),
    (
        "phrase-distractors-not-authored",
        "mcq:reform-steps",
        lambda item: item,
        lambda lib: with_fact(lib, "reform-steps", distractors=()),
    ),
    (
        "stem-cues-answer",
        "mcq:d24-issuer",
        mcq_with(
            ["Project88", "Freedom House", "National Assembly"],
            prompt="Which Politburo body of the Party issued Directive 24?",
            answer="Politburo Standing Board",
        ),
        None,
    ),
    (
        "citation-trivia",
        "mcq:d24-issuer",
        lambda item: item,
        lambda lib: with_fact(lib, "d24-issuer", question="Which newspaper published the leak?"),
    ),
    (
        "citation-trivia",
        "mcq:d24-issuer",
        lambda item: item,
        lambda lib: with_role(lib, {"politburo": "outlet"}),
    ),
    (
        "who-said-not-a-saying",
        "who_said:swanton-harsher",
        lambda item: item,
        lambda lib: with_fact(
            lib, "swanton-harsher", statement="Ben Swanton visited Hanoi with Directive 24."
        ),
    ),
    (
        "false-claim-ungrammatical",
        "tf:constitution-adopted:false",
        lambda item: changed(
            item,
            extra={
                "claim": "The charter was adopted by an Freedom House.",
                "swapped": ["National Assembly", "Freedom House"],
            },
        ),
        None,
    ),
    (
        "false-claim-may-be-true",
        "tf:constitution-adopted:false",
        lambda item: changed(
            item,
            extra={
                "claim": "The Project88 adopted the 2013 Constitution, said Project88.",
                "swapped": ["National Assembly", "Project88"],
            },
        ),
        None,
    ),
    (
        "false-claim-may-be-true",
        "tf:constitution-adopted:false",
        lambda item: changed(
            item,
            extra={
                "claim": "The Human Rights Watch adopted the 2013 Constitution in 2013.",
                "swapped": ["National Assembly", "Human Rights Watch"],
            },
        ),
        # The swapped-in group is named in the fact's own passage.
        lambda lib: with_fact(
            lib, "constitution-adopted", **_move_to_passage_naming_hrw(lib, "constitution-adopted")
        ),
    ),
    (
        "false-claim-other-role",
        "tf:constitution-adopted:false",
        lambda item: changed(
            item,
            extra={
                "claim": "The Freedom House adopted the 2013 Constitution in 2013.",
                "swapped": ["National Assembly", "Freedom House"],
            },
        ),
        lambda lib: with_role(lib, {"national-assembly": "state-body", "freedom-house": "ngo"}),
    ),
    (
        "matching-ambiguous",
        "matching:person:any:1",
        lambda item: changed(
            item,
            extra={
                "pairs": [
                    *item.extra["pairs"][:-1],
                    [item.extra["pairs"][-1][0], f"Rival of {item.extra['pairs'][0][0]}."],
                ]
            },
        ),
        None,
    ),
    (
        "matching-ambiguous",
        "matching:person:any:1",
        lambda item: changed(
            item,
            extra={
                "pairs": [
                    [name, "Co-author of the study on market-Leninist rule in Asia."]
                    for name, _ in item.extra["pairs"]
                ]
            },
        ),
        None,
    ),
    (
        "matching-ambiguous",
        "matching:person:any:1",
        lambda item: changed(
            item,
            extra={
                "pairs": [
                    *item.extra["pairs"][:-1],
                    [item.extra["pairs"][-1][0], f"Known as {item.extra['pairs'][-1][0]}."],
                ]
            },
        ),
        None,
    ),
    (
        "definition-is-a-blanked-sentence",
        "reverse:politburo",
        lambda item: item,
        lambda lib: with_concept(lib, "politburo", definition="Directive 24 came from the _____."),
    ),
    (
        "definition-is-a-blanked-sentence",
        "matching:person:any:1",
        lambda item: changed(
            item,
            extra={
                "pairs": [*item.extra["pairs"][:-1], [item.extra["pairs"][-1][0], "A _____ met."]]
            },
        ),
        None,
    ),
    (
        "ordering-incoherent",
        "ordering:reform-steps",
        lambda item: changed(item, extra={"facts": ["xi-third-term", "curriculum-2025"]}),
        None,
    ),
    (
        "span-only-a-name",
        "reverse:politburo",
        lambda item: changed(item, start=item.start + 25, end=item.start + 34),
        None,
    ),
]


def _move_to_passage_naming_hrw(library, slug):
    """The fact re-cited from the leak passage, which names Human Rights Watch."""
    passage = library.passages["leak", 1]
    start = passage.text.index("Human Rights Watch")
    return {"source": "leak", "passage": 1, "start": start, "end": start + 18}


def generated(library, key):
    return next(i for i in generate_bank(library).items if i.key == key)


@pytest.mark.parametrize(
    ("slug", "key", "spoil", "spoil_library"),
    CASES,
    ids=[f"{case[0]}-{n}" for n, case in enumerate(CASES)],
)
def test_each_rule_rejects_a_flawed_item_and_keeps_the_good_one(
    library, slug, key, spoil, spoil_library
):
    good = generated(library, key)
    assert flaws(FlawContext(library), good) == []
    flawed_library = spoil_library(library) if spoil_library else library
    assert slug in flaws(FlawContext(flawed_library), spoil(good))


def test_every_rule_has_a_case():
    assert {case[0] for case in CASES} == set(RULES)


def test_generation_reports_rejections_by_rule(library):
    library = with_fact(library, "reform-steps", distractors=())
    result = generate_bank(library)
    assert result.rejected["phrase-distractors-not-authored"] >= 1
    assert "mcq:reform-steps" not in {i.key for i in result.items}
