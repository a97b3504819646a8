"""Items made from facts: question-answer, cloze, multiple choice, true/false,
who said it, short answer and ordering.

A list fact (one with ``members``) asks for one member at a time: its multiple choice has
one member among authored non-members, its cloze blanks one member, its flashcard accepts
any member, and an ``ordered`` list becomes an ordering question.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

from quizapp.generation.citing import FILL_IN, blank_out, explain, shuffled
from quizapp.generation.distractors import DistractorRanker, tiebreak
from quizapp.generation.records import FactIn, Item, Library
from quizapp.generation.sentences import sentence_around
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
    return list(dict.fromkeys([*(fact.members or [fact.answer]), *names]))


def asked_member(fact: FactIn, seed: int, key: str) -> str:
    """The one member of a list an item asks for; the answer itself for other facts."""
    if not fact.members:
        return fact.answer
    return fact.members[tiebreak(seed, key, "member") % len(fact.members)]


def _base(library: Library, fact: FactIn) -> dict:
    passage = library.passage_of(fact)
    # The whole sentence of the quote: "for depoliticizing the army" alone does not say who.
    start, end = sentence_around(passage.text, fact.start, fact.end)
    return {
        "source": fact.source,
        "passage": fact.passage,
        "start": start,
        "end": end,
        "fact": fact.slug,
        "concepts": list(fact.concepts),
        "explanation": explain(fact.statement, passage),
    }


def question_for(fact: FactIn, answer: str) -> str:
    """The fact's own question, or its statement with the answer blanked."""
    if fact.question:
        return fact.question
    return f"{FILL_IN}{cloze_text(fact, answer)}"


def cloze_text(fact: FactIn, answer: str | None = None) -> str:
    span = locate(fact.statement, answer or fact.answer)
    if span is None:
        return fact.statement
    return blank_out(fact.statement, *span)


def _question_item(library: Library, fact: FactIn, key: str, kind: str) -> Item:
    """The fact's own question, answered by its answer or any name of the answer concept
    (by any member, for a list)."""
    accepted = accepted_answers(library, fact)
    answer = f"Any of: {'; '.join(fact.members)}" if fact.members else fact.answer
    return Item(
        key=key,
        kind=kind,
        prompt=fact.question,
        answer=answer,
        accepted=accepted,
        extra={"evidence": accepted},
        **_base(library, fact),
    )


def qa_items(library: Library) -> Iterator[Item]:
    """A flashcard for each fact with a question: the learner recalls, then grades."""
    for fact in library.facts:
        if fact.question:
            yield _question_item(library, fact, f"qa:{fact.slug}", "qa")


def cloze_items(library: Library, seed: int = 0) -> Iterator[Item]:
    for fact in library.facts:
        key = f"cloze:fact:{fact.slug}"
        answer = asked_member(fact, seed, key)
        if locate(fact.statement, answer) is None:
            continue
        accepted = [answer] if fact.members else accepted_answers(library, fact)
        yield Item(
            key=key,
            kind="cloze",
            prompt=f"{FILL_IN}{cloze_text(fact, answer)}",
            answer=answer,
            accepted=accepted,
            extra={"evidence": accepted, "blank": answer},
            **_base(library, fact),
        )


def short_answer_items(library: Library) -> Iterator[Item]:
    """A typed answer, graded leniently, where the answer is short enough to type."""
    for fact in library.facts:
        typable = fact.answer_kind in TYPABLE_ANSWER_KINDS and len(fact.answer) <= 60
        if fact.question and typable and not fact.members:
            yield _question_item(library, fact, f"short:{fact.slug}", "short_answer")


def mcq_items(library: Library, ranker: DistractorRanker, seed: int) -> Iterator[Item]:
    for fact in library.facts:
        if fact.said_by and fact.answer_concept == fact.said_by:
            continue  # asked as "who said it" instead
        key = f"mcq:{fact.slug}"
        answer = asked_member(fact, seed, key)
        distractors = ranker.for_fact(fact, key)
        yield Item(
            key=key,
            kind="mcq",
            prompt=question_for(fact, answer),
            answer=answer,
            accepted=[answer],
            options=shuffled([answer, *distractors], seed, key),
            extra={
                "evidence": [answer] if fact.members else accepted_answers(library, fact),
                "option_kind": fact.answer_kind,
                "distractors": distractors,
                "answer_names": [answer] if fact.members else accepted_answers(library, fact),
                "authored": bool(fact.distractors),
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
        # Others quoted in the same sentence stay: they are the natural foil of a contrast.
        distractors = ranker.speakers_for(speaker.slug, fact.source, key, fact.statement)
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
    """One claim per fact, half of them true and half false as near as the facts allow.

    Every fact as both a true and a false claim would let a learner who saw one answer the
    other, and a bank of mostly true (or mostly false) claims teaches a guess. A fact with
    no plausible wrong value can only be stated true; which of the others are stated true
    is decided by a hash of their slug.
    """
    falsifiable, true_only = [], []
    for fact in library.facts:
        false_item = _false_claim(library, ranker, fact)
        (true_only if false_item is None else falsifiable).append((fact, false_item))
    falsifiable.sort(key=lambda pair: tiebreak(ranker.seed, "tf", pair[0].slug))
    true_only.sort(key=lambda pair: tiebreak(ranker.seed, "tf", pair[0].slug))
    stated_true = max(0, (len(falsifiable) - len(true_only)) // 2)
    false_count = len(falsifiable) - stated_true
    for _, false_item in falsifiable[stated_true:]:
        yield false_item
    for fact, _ in (falsifiable[:stated_true] + true_only)[:false_count]:
        base = _base(library, fact)
        evidence = {"evidence": accepted_answers(library, fact)}
        yield _true_false_item(base, f"tf:{fact.slug}:true", fact.statement, "True", evidence)


def _false_claim(library: Library, ranker: DistractorRanker, fact: FactIn) -> Item | None:
    """The fact's statement with its answer (or one member) swapped for a wrong one."""
    if fact.answer_kind not in SWAPPABLE_KINDS and not fact.distractors:
        return None
    key = f"tf:{fact.slug}:false"
    right = asked_member(fact, ranker.seed, key)
    # A concept the passage names may be one the statement also holds for.
    in_passage = {m.concept for m in library.passage_of(fact).mentions}
    swaps = ranker.for_fact(fact, key, count=1, excluded=in_passage)
    span = locate(fact.statement, right)
    if not swaps or span is None:
        return None
    claim = f"{fact.statement[: span[0]]}{swaps[0]}{fact.statement[span[1] :]}"
    base = _base(library, fact)
    return _true_false_item(
        {**base, "explanation": f"False: {base['explanation']}"},
        key,
        claim,
        "False",
        {"evidence": accepted_answers(library, fact), "swapped": [right, swaps[0]]},
    )


def ordering_items(library: Library, seed: int) -> Iterator[Item]:
    """Ordered lists as they stand, then dated events of one reading in date order."""
    for fact in library.facts:
        if fact.ordered and len(fact.members) >= 3:
            yield _list_ordering_item(library, fact, seed)
    yield from _dated_ordering_items(library, seed)


def _list_ordering_item(library: Library, fact: FactIn, seed: int) -> Item:
    key = f"ordering:{fact.slug}"
    sequence = list(fact.members)
    # The statement's own words around the list would let grammar decide the order, so the
    # prompt names only what the list is about.
    topic = ", ".join(library.concepts[c].name for c in fact.concepts if c in library.concepts)
    return Item(
        key=key,
        kind="ordering",
        prompt=f"Put these in order, first to last ({topic}).",
        answer=" → ".join(sequence),
        options=shuffled(sequence, seed, key),
        extra={"sequence": sequence, "facts": [fact.slug], "evidence": sequence[:1]},
        **_base(library, fact),
    )


def _dated_ordering_items(library: Library, seed: int) -> Iterator[Item]:
    """Four dated facts of one reading, each from a different year, to put in date order.

    Only facts that test their date are used, shown with the date blanked, so the learner
    must recall when each happened; each fact is in one ordering item at most, so a single
    deadline does not recur in every one. Facts are compared by year only: "2022" and
    "September 2022" cannot be ordered fairly, different years can.
    """
    dated = [f for f in library.facts if f.date and f.answer_kind in DATED_KINDS]
    used: set[str] = set()
    topics: dict[str, list[FactIn]] = {}
    # A reading's own events first, then the events of one concept across the readings.
    for fact in sorted(dated, key=lambda f: f.slug):
        topics.setdefault(f"source:{fact.source}", []).append(fact)
        for concept in fact.concepts:
            topics.setdefault(f"concept:{concept}", []).append(fact)
    for topic, facts in sorted(topics.items(), key=lambda t: (not t[0].startswith("source"), t)):
        facts = [f for f in facts if f.slug not in used]
        random.Random(tiebreak(seed, "ordering", topic)).shuffle(facts)
        while len(group := _one_per_year(facts)) >= ORDERING_SIZE:
            group = sorted(group[:ORDERING_SIZE], key=lambda f: f.date)
            used.update(f.slug for f in group)
            facts = [f for f in facts if f.slug not in used]
            key = (
                "ordering:"
                + hashlib.blake2b(
                    "|".join(f.slug for f in group).encode(), digest_size=5
                ).hexdigest()
            )
            yield _ordering_item(library, group, key, seed)


def _one_per_year(facts: list[FactIn]) -> list[FactIn]:
    chosen: dict[int, FactIn] = {}
    for fact in facts:
        chosen.setdefault(fact.date.year, fact)
    return list(chosen.values())


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
