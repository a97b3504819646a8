"""Items made from facts: question-answer, cloze, multiple choice, true/false,
who said it, short answer and ordering."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

from quizapp.generation.citing import FILL_IN, blank_out, explain, shuffled
from quizapp.generation.distractors import DistractorRanker, tiebreak
from quizapp.generation.records import FactIn, Item, Library
from quizapp.library.mentions import locate

ORDERING_SIZE = 4
# Short answers are typed: a long phrase is unfair to type, a value is not.
TYPABLE_ANSWER_KINDS = {
    "person",
    "organization",
    "document",
    "place",
    "group",
    "year",
    "number",
    "term",
}
# A false statement is made by swapping in a value of the same kind; a swapped
# free phrase rarely reads as a sentence, so phrases are not swapped.
SWAPPABLE_KINDS = TYPABLE_ANSWER_KINDS | {"event", "date"}
DATED_KINDS = {"year", "date"}


def accepted_answers(library: Library, fact: FactIn) -> list[str]:
    concept = library.concepts.get(fact.answer_concept)
    names = concept.names if concept else ()
    return list(dict.fromkeys([fact.answer, *names]))


def _base(library: Library, fact: FactIn) -> dict:
    passage = library.passage_of(fact)
    return {
        "source": fact.source,
        "passage": fact.passage,
        "start": fact.start,
        "end": fact.end,
        "fact": fact.slug,
        "concepts": list(fact.concepts),
        "explanation": explain(fact.statement, passage),
    }


def question_for(fact: FactIn) -> str:
    """The fact's own question, or its statement with the answer blanked."""
    if fact.question:
        return fact.question
    return f"{FILL_IN}{cloze_text(fact)}"


def cloze_text(fact: FactIn) -> str:
    span = locate(fact.statement, fact.answer)
    if span is None:
        return fact.statement
    return blank_out(fact.statement, *span)


def _question_item(library: Library, fact: FactIn, key: str, kind: str) -> Item:
    """The fact's own question, answered by its answer or any name of the answer concept."""
    accepted = accepted_answers(library, fact)
    return Item(
        key=key,
        kind=kind,
        prompt=fact.question,
        answer=fact.answer,
        accepted=accepted,
        extra={"evidence": accepted},
        **_base(library, fact),
    )


def qa_items(library: Library) -> Iterator[Item]:
    """A flashcard for each fact with a question: the learner recalls, then grades."""
    for fact in library.facts:
        if fact.question:
            yield _question_item(library, fact, f"qa:{fact.slug}", "qa")


def cloze_items(library: Library) -> Iterator[Item]:
    for fact in library.facts:
        span = locate(fact.statement, fact.answer)
        if span is None:
            continue
        yield Item(
            key=f"cloze:fact:{fact.slug}",
            kind="cloze",
            prompt=f"{FILL_IN}{cloze_text(fact)}",
            answer=fact.answer,
            accepted=accepted_answers(library, fact),
            extra={"evidence": accepted_answers(library, fact), "blank": fact.answer},
            **_base(library, fact),
        )


def short_answer_items(library: Library) -> Iterator[Item]:
    """A typed answer, graded leniently, where the answer is short enough to type."""
    for fact in library.facts:
        if fact.question and fact.answer_kind in TYPABLE_ANSWER_KINDS and len(fact.answer) <= 60:
            yield _question_item(library, fact, f"short:{fact.slug}", "short_answer")


def mcq_items(library: Library, ranker: DistractorRanker, seed: int) -> Iterator[Item]:
    for fact in library.facts:
        if fact.said_by and fact.answer_concept == fact.said_by:
            continue  # asked as "who said it" instead
        key = f"mcq:{fact.slug}"
        distractors = ranker.for_fact(fact, key)
        yield Item(
            key=key,
            kind="mcq",
            prompt=question_for(fact),
            answer=fact.answer,
            accepted=[fact.answer],
            options=shuffled([fact.answer, *distractors], seed, key),
            extra={
                "evidence": accepted_answers(library, fact),
                "option_kind": fact.answer_kind,
                "distractors": distractors,
                "answer_names": accepted_answers(library, fact),
            },
            **_base(library, fact),
        )


def who_said_items(library: Library, ranker: DistractorRanker, seed: int) -> Iterator[Item]:
    for fact in library.facts:
        speaker = library.concepts.get(fact.said_by)
        if speaker is None:
            continue
        key = f"who_said:{fact.slug}"
        claim = _claim_without_speaker(fact, speaker.names)
        distractors = ranker.concepts("person", speaker.slug, fact.source, key, speakers=True)
        start, end = _span_with_speaker(library, fact)
        yield Item(
            key=key,
            kind="who_said",
            prompt=f"Who said it? {claim}",
            answer=speaker.name,
            accepted=list(speaker.names),
            options=shuffled([speaker.name, *distractors], seed, key),
            extra={
                "evidence": list(speaker.names),
                "option_kind": "person",
                "distractors": distractors,
                "answer_names": list(speaker.names),
            },
            **{
                **_base(library, fact),
                "start": start,
                "end": end,
                "concepts": list(dict.fromkeys([speaker.slug, *fact.concepts])),
            },
        )


def _span_with_speaker(library: Library, fact: FactIn) -> tuple[int, int]:
    """The claim's span, widened to take in the nearest mention of who made it.

    Readings often name the speaker in the sentence before the claim; the cited
    span must show both the claim and who made it.
    """
    mentions = [m for m in library.passage_of(fact).mentions if m.concept == fact.said_by]
    if not mentions:
        return fact.start, fact.end
    nearest = min(mentions, key=lambda m: min(abs(m.start - fact.start), abs(m.end - fact.end)))
    return min(fact.start, nearest.start), max(fact.end, nearest.end)


def _claim_without_speaker(fact: FactIn, names) -> str:
    text = fact.statement
    for name in sorted(names, key=len, reverse=True):
        span = locate(text, name)
        while span:
            text = blank_out(text, *span)
            span = locate(text, name)
    return text


def _true_false_item(base: dict, key: str, claim: str, answer: str, extra: dict) -> Item:
    return Item(
        key=key,
        kind="true_false",
        prompt=f"True or false? {claim}",
        answer=answer,
        accepted=[answer],
        options=["True", "False"],
        extra={**extra, "claim": claim},
        **base,
    )


def true_false_items(library: Library, ranker: DistractorRanker) -> Iterator[Item]:
    """Each fact as stated (true) and with its answer swapped for a plausible one (false)."""
    for fact in library.facts:
        base = _base(library, fact)
        evidence = {"evidence": accepted_answers(library, fact)}
        yield _true_false_item(base, f"tf:{fact.slug}:true", fact.statement, "True", evidence)
        if fact.answer_kind not in SWAPPABLE_KINDS:
            continue
        swaps = ranker.for_fact(fact, f"tf:{fact.slug}:false", count=1)
        span = locate(fact.statement, fact.answer)
        if not swaps or span is None:
            continue
        false_claim = f"{fact.statement[: span[0]]}{swaps[0]}{fact.statement[span[1] :]}"
        yield _true_false_item(
            {**base, "explanation": f"False: {base['explanation']}"},
            f"tf:{fact.slug}:false",
            false_claim,
            "False",
            {**evidence, "swapped": [fact.answer, swaps[0]]},
        )


def ordering_items(library: Library, seed: int, limit: int = 12) -> Iterator[Item]:
    """Four dated facts, each from a different year, to put in date order.

    Only facts that test their date are used, shown with the date blanked, so the
    learner must recall when each happened. Facts are compared by year only:
    "2022" and "September 2022" cannot be ordered fairly, different years can.
    """
    by_year: dict[int, list[FactIn]] = {}
    dated = (f for f in library.facts if f.date and f.answer_kind in DATED_KINDS)
    for fact in sorted(dated, key=lambda f: f.slug):
        by_year.setdefault(fact.date.year, []).append(fact)
    years = sorted(by_year)
    if len(years) < ORDERING_SIZE:
        return
    seen: set[str] = set()
    for round_ in range(limit * 3):
        rng = random.Random(tiebreak(seed, "ordering", str(round_)))
        chosen = sorted(rng.sample(years, ORDERING_SIZE))
        group = [by_year[y][rng.randrange(len(by_year[y]))] for y in chosen]
        key = (
            "ordering:"
            + hashlib.blake2b("|".join(f.slug for f in group).encode(), digest_size=5).hexdigest()
        )
        if key in seen:
            continue
        seen.add(key)
        yield _ordering_item(library, group, key, seed)
        if len(seen) >= limit:
            return


def _ordering_item(library: Library, group: list[FactIn], key: str, seed: int) -> Item:
    first = group[0]
    statements = [cloze_text(f) for f in group]
    passage = library.passage_of(first)
    return Item(
        key=key,
        kind="ordering",
        prompt="Put these in date order, earliest first.",
        answer=" → ".join(statements),
        options=shuffled(statements, seed, key),
        source=first.source,
        passage=first.passage,
        start=first.start,
        end=first.end,
        fact=first.slug,
        concepts=list(dict.fromkeys(c for f in group for c in f.concepts)),
        explanation=explain("; ".join(f"{f.statement} ({f.date.year})" for f in group), passage),
        extra={
            "sequence": statements,
            "facts": [f.slug for f in group],
            "evidence": [first.answer],
        },
    )
