"""Items made from concepts: definition, reverse, passage cloze and matching."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from quizapp.generation.citing import FILL_IN, blank_out, explain
from quizapp.generation.records import ConceptIn, Item, Library, MentionIn, PassageIn
from quizapp.generation.sentences import sentence_around
from quizapp.generation.words import content_words, overlap

MATCHING_SIZE = (4, 6)
# A sentence about where the article got something, not about the thing itself.
CITING = re.compile(r"\b(cites?|cited|citing|a piece in|an issue of|report of|footnote)\b", re.I)


def mentions_by_concept(library: Library) -> dict[str, list[tuple[PassageIn, MentionIn]]]:
    """Every mention of each concept, passages in (source slug, ordinal) order, so the
    choice of "first mention" is stable from one generation to the next."""
    index: dict[str, list[tuple[PassageIn, MentionIn]]] = {}
    for passage in sorted(library.passages.values(), key=lambda p: (p.source, p.ordinal)):
        for mention in passage.mentions:
            index.setdefault(mention.concept, []).append((passage, mention))
    return index


def definition_items(library: Library) -> Iterator[Item]:
    """Name -> definition (a flashcard) and definition -> name (reverse)."""
    index = mentions_by_concept(library)
    for concept in library.concepts.values():
        if not index.get(concept.slug) or not concept.definition:
            continue
        # The sentence that best explains the concept, not the name alone: the learner who
        # follows the link reads the concept in its context.
        best = _best_sentence(index[concept.slug], concept, once=False)
        if best is None:
            passage, first = index[concept.slug][0]
            start, end = sentence_around(passage.text, first.start, first.end)
        else:
            passage, start, end, _, _ = best
        common = {
            "source": passage.source,
            "passage": passage.ordinal,
            "start": start,
            "end": end,
            "concepts": [concept.slug],
        }
        kind_label = concept.kind.replace("_", " ")
        yield Item(
            key=f"definition:{concept.slug}",
            kind="definition",
            prompt=f"What is meant by “{concept.name}” ({kind_label})?",
            answer=concept.definition,
            explanation=explain(concept.definition, passage),
            extra={"evidence": list(concept.names)},
            **common,
        )
        yield Item(
            key=f"reverse:{concept.slug}",
            kind="reverse",
            prompt=f"Which {kind_label} is this? {concept.definition}",
            answer=concept.name,
            accepted=list(concept.names),
            explanation=explain(f"{concept.name}: {concept.definition}", passage),
            extra={"evidence": list(concept.names)},
            **common,
        )


def passage_cloze_items(library: Library) -> Iterator[Item]:
    """One cloze a concept: a sentence from a reading with the concept's name blanked."""
    index = mentions_by_concept(library)
    for concept in library.concepts.values():
        best = _best_sentence(index.get(concept.slug, []), concept)
        if best is None:
            continue
        passage, s_start, s_end, m_start, m_end = best
        sentence = passage.text[s_start:s_end]
        blanked = blank_out(sentence, m_start - s_start, m_end - s_start)
        yield Item(
            key=f"cloze:concept:{concept.slug}",
            kind="cloze",
            prompt=f"{FILL_IN}{blanked}",
            answer=passage.text[m_start:m_end],
            accepted=list(dict.fromkeys([passage.text[m_start:m_end], *concept.names])),
            source=passage.source,
            passage=passage.ordinal,
            start=s_start,
            end=s_end,
            explanation=explain(sentence, passage),
            concepts=[concept.slug],
            extra={"evidence": [passage.text[m_start:m_end]], "blank": concept.name},
        )


def _best_sentence(
    mentions: list[tuple[PassageIn, MentionIn]], concept: ConceptIn, once: bool = True
):
    """The sentence of 8 to 45 words naming the concept (once, for a cloze) that shares the
    most words with its definition; the earliest among equals. A sentence about a citation
    ("the article cites a piece in …") teaches nothing about the concept and is passed over.
    """
    best, best_score = None, -1.0
    for passage, mention in mentions:
        s_start, s_end = sentence_around(passage.text, mention.start, mention.end)
        sentence = passage.text[s_start:s_end]
        others = [
            m
            for m in passage.mentions
            if m.concept == concept.slug and s_start <= m.start < s_end and m != mention
        ]
        if not 8 <= len(sentence.split()) <= 45 or (once and others) or CITING.search(sentence):
            continue
        score = overlap(sentence, f"{concept.definition}")
        if score > best_score:
            best, best_score = (passage, s_start, s_end, mention.start, mention.end), score
    return best


def matching_items(library: Library) -> Iterator[Item]:
    """Four to six concepts of one kind, and of one role where the role has enough, to be
    matched with their definitions.

    One role a set (scholars with scholars, laws with laws) keeps it coherent: a mixed set is
    matched by telling a person's description from a law's, not by knowing. A concept whose
    description repeats a word of its own name would give its pair away and is left out.
    """
    groups: dict[tuple[str, str], list[tuple[ConceptIn, PassageIn, int, int]]] = {}
    taken: set[str] = set()
    for passage in sorted(library.passages.values(), key=lambda p: (p.source, p.ordinal)):
        for mention in passage.mentions:
            concept = library.concepts.get(mention.concept)
            if concept is None or concept.slug in taken or not concept.definition:
                continue
            taken.add(concept.slug)
            if content_words(concept.name) & content_words(concept.definition):
                continue
            start, end = sentence_around(passage.text, mention.start, mention.end)
            groups.setdefault((concept.kind, concept.role), []).append(
                (concept, passage, start, end)
            )
    # A role too small for a set of its own joins the other small roles of its kind.
    pooled: dict[tuple[str, str], list] = {}
    for (kind, role), entries in sorted(groups.items()):
        small = len(entries) < MATCHING_SIZE[0]
        pooled.setdefault((kind, "" if small else role), []).extend(entries)
    for (kind, role), entries in sorted(pooled.items()):
        for number, group in enumerate(split_evenly(entries, *MATCHING_SIZE), start=1):
            yield _matching_item(kind, role, number, group)


def split_evenly(entries: list, low: int, high: int) -> list[list]:
    """Groups of ``low`` to ``high`` entries, dealt round-robin; extras beyond fit are left."""
    groups = math.ceil(len(entries) / high)
    while groups and len(entries) // groups < low:
        groups -= 1
    return [entries[i::groups][:high] for i in range(groups)]


def _matching_item(kind: str, role: str, number: int, group) -> Item:
    first_concept, passage, start, end = group[0]
    pairs = [[c.name, c.definition] for c, _, _, _ in group]
    label = KIND_PLURALS.get(kind, f"{kind}s")
    return Item(
        key=f"matching:{kind}:{role or 'any'}:{number}",
        kind="matching",
        prompt=f"Match each of these {label} with the description that fits it.",
        answer="; ".join(f"{name} — {definition}" for name, definition in pairs),
        source=passage.source,
        passage=passage.ordinal,
        start=start,
        end=end,
        explanation=explain(f"All {len(pairs)} {label} are described in the readings", passage),
        concepts=[c.slug for c, _, _, _ in group],
        extra={"pairs": pairs, "evidence": list(first_concept.names)},
    )


KIND_PLURALS = {"person": "people", "organization": "organizations", "term": "terms"}
