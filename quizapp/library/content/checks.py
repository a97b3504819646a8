"""Cross-file checks on the content: references, spans and mentions.

Runs after reader.py has read every file, and fills in what loading needs:
each fact's character span and every concept mention.
"""

from __future__ import annotations

from quizapp.library.content.records import (
    ConceptRecord,
    ContentBundle,
    FactRecord,
    MentionRecord,
    Problem,
    SourceRecord,
)
from quizapp.library.folding import fold
from quizapp.library.mentions import MentionFinder, contains_folded


def check_content(bundle: ContentBundle) -> list[Problem]:
    """Every cross-reference problem; fills fact spans and ``bundle.mentions``."""
    problems: list[Problem] = []
    problems += _duplicate_slugs(bundle)
    concepts = {c.slug: c for c in bundle.concepts}
    sources = {s.slug: s for s in bundle.sources}
    problems += _check_concepts(bundle.concepts, concepts)
    for fact in bundle.facts:
        problems += _check_fact(fact, concepts, sources)
    bundle.mentions = find_all_mentions(bundle)
    mentioned = {m.concept for m in bundle.mentions}
    for concept in bundle.concepts:
        if concept.slug not in mentioned:
            problems.append(
                Problem(
                    concept.file,
                    concept.line,
                    f"concept '{concept.slug}' is not mentioned in any passage "
                    "(by its name or an alias)",
                )
            )
    return problems


def find_all_mentions(bundle: ContentBundle) -> list[MentionRecord]:
    finder = MentionFinder({c.slug: c.names for c in bundle.concepts})
    return [
        MentionRecord(slug, source.slug, passage.ordinal, start, end)
        for source in bundle.sources
        for passage in source.passages
        for slug, start, end in finder.find(passage.text)
    ]


def _duplicate_slugs(bundle: ContentBundle) -> list[Problem]:
    problems = []
    for records, what in ((bundle.concepts, "concept"), (bundle.facts, "fact")):
        seen: dict[str, object] = {}
        for record in records:
            if record.slug in seen:
                first = seen[record.slug]
                problems.append(
                    Problem(
                        record.file,
                        record.key_lines.get("slug", record.line),
                        f"duplicate {what} slug '{record.slug}' "
                        f"(first at {first.file}:{first.line})",
                    )
                )
            else:
                seen[record.slug] = record
    return problems


def _check_concepts(records: list[ConceptRecord], concepts: dict[str, ConceptRecord]):
    problems = []
    owner: dict[str, str] = {}
    for concept in records:
        line = concept.key_lines.get
        for name in concept.names:
            folded = fold(name)
            if folded in owner and owner[folded] != concept.slug:
                problems.append(
                    Problem(
                        concept.file,
                        line("aliases", concept.line),
                        f"name '{name}' also names concept '{owner[folded]}'",
                    )
                )
            owner.setdefault(folded, concept.slug)
            if contains_folded(concept.definition, name):
                problems.append(
                    Problem(
                        concept.file,
                        line("definition", concept.line),
                        f"definition of '{concept.slug}' gives away its name '{name}'",
                    )
                )
        for slug in concept.related:
            if slug == concept.slug:
                problems.append(
                    Problem(
                        concept.file,
                        line("related", concept.line),
                        f"concept '{slug}' is related to itself",
                    )
                )
            elif slug not in concepts:
                problems.append(
                    Problem(
                        concept.file, line("related", concept.line), f"unknown concept '{slug}'"
                    )
                )
    return problems


def _check_fact(
    fact: FactRecord, concepts: dict[str, ConceptRecord], sources: dict[str, SourceRecord]
) -> list[Problem]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(fact.file, fact.key_lines.get(key, fact.line), message))

    for key, slugs in (
        ("concepts", fact.concepts),
        ("answer_concept", [fact.answer_concept] if fact.answer_concept else []),
        ("said_by", [fact.said_by] if fact.said_by else []),
    ):
        for slug in slugs:
            if slug not in concepts:
                problem(key, f"unknown concept '{slug}'")
    if fact.said_by in concepts and concepts[fact.said_by].kind != "person":
        problem("said_by", f"said_by must name a person, not '{fact.said_by}'")
    answer_concept = concepts.get(fact.answer_concept)
    if answer_concept and fact.answer_kind and fact.answer_kind != answer_concept.kind:
        problem(
            "answer_kind",
            f"answer_kind '{fact.answer_kind}' differs from the kind of "
            f"'{answer_concept.slug}' ({answer_concept.kind})",
        )
    if answer_concept and not fact.answer_kind:
        fact.answer_kind = answer_concept.kind
    if fact.answer_kind == "number" and (fact.number is None or fact.number <= 0):
        problem("number", "a fact with answer_kind number needs a whole 'number' above 0")
    if fact.answer_kind == "year" and not (fact.answer.isdigit() and len(fact.answer) == 4):
        problem("answer", f"a year answer must be four digits, not '{fact.answer}'")
    for answer in fact.members or [fact.answer]:
        if answer and not contains_folded(fact.statement, answer):
            problem("answer", f"answer '{answer}' does not occur in the statement")
        if fact.question and contains_folded(fact.question, answer):
            problem("question", f"the question gives away the answer '{answer}'")
    _check_options(fact, answer_concept, problem)

    source = sources.get(fact.source_slug)
    if source is None:
        problem("slug", f"facts file names no reading: sources/{fact.source_slug}.md not found")
        return problems
    if not 1 <= fact.passage <= len(source.passages):
        problem(
            "passage",
            f"passage {fact.passage} not found: '{source.slug}' has "
            f"{len(source.passages)} passages",
        )
        return problems
    text = source.passages[fact.passage - 1].text
    start = text.find(fact.quote) if fact.quote else -1
    if start < 0:
        problem("quote", f"span not found: the quote does not occur in passage {fact.passage}")
        return problems
    fact.start, fact.end = start, start + len(fact.quote)
    if fact.members:
        for member in fact.members:
            if not contains_folded(fact.quote, member):
                problem("quote", f"the quoted span does not state the member '{member}'")
        return problems
    answers = answer_concept.names if answer_concept else []
    if not any(contains_folded(fact.quote, a) for a in [fact.answer, *answers]):
        problem("quote", f"the quoted span does not state the answer '{fact.answer}'")
    return problems


def _check_options(fact: FactRecord, answer_concept: ConceptRecord | None, problem) -> None:
    """Authored distractors must be wrong and distinct; a list needs two members or more."""
    if fact.members and len(fact.members) < 2:
        problem("members", "a list fact needs at least two members")
    if fact.ordered and not fact.members:
        problem("ordered", "'ordered' is for a list fact (one with 'members')")
    right = {fold(a) for a in [fact.answer, *fact.members]}
    right.update(fold(n) for n in (answer_concept.names if answer_concept else []))
    seen: set[str] = set()
    for distractor in fact.distractors:
        folded = fold(distractor)
        if folded in right:
            problem("distractors", f"distractor '{distractor}' is a right answer")
        elif folded in seen:
            problem("distractors", f"distractor '{distractor}' is repeated")
        seen.add(folded)
