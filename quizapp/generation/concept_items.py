"""Items made from concepts: definition, reverse, passage cloze and matching."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from quizapp.generation.citing import FILL_IN, blank_out, explain
from quizapp.generation.records import ConceptIn, Item, Library, MentionIn, PassageIn

SENTENCE_RE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)")
MATCHING_SIZE = (4, 6)


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
        passage, first = index[concept.slug][0]
        start, end = first.start, first.end
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


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    for match in SENTENCE_RE.finditer(text):
        if match.start() <= start and end <= match.end():
            left = len(match.group(0)) - len(match.group(0).lstrip())
            return match.start() + left, match.end()
    return 0, len(text)


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


def _best_sentence(mentions: list[tuple[PassageIn, MentionIn]], concept: ConceptIn):
    """The earliest sentence of 8 to 45 words that names the concept once."""
    for passage, mention in mentions:
        s_start, s_end = sentence_around(passage.text, mention.start, mention.end)
        sentence = passage.text[s_start:s_end]
        others = [
            m
            for m in passage.mentions
            if m.concept == concept.slug and s_start <= m.start < s_end and m != mention
        ]
        if 8 <= len(sentence.split()) <= 45 and not others:
            return passage, s_start, s_end, mention.start, mention.end
    return None


def matching_items(library: Library) -> Iterator[Item]:
    """Four to six concepts of one reading, to be matched with their definitions."""
    by_source: dict[str, list[tuple[ConceptIn, PassageIn, int, int]]] = {}
    taken: set[str] = set()
    for passage in sorted(library.passages.values(), key=lambda p: (p.source, p.ordinal)):
        for mention in passage.mentions:
            concept = library.concepts.get(mention.concept)
            if concept and concept.definition and concept.slug not in taken:
                taken.add(concept.slug)
                by_source.setdefault(passage.source, []).append(
                    (concept, passage, mention.start, mention.end)
                )
    for source, entries in by_source.items():
        for number, group in enumerate(split_evenly(entries, *MATCHING_SIZE), start=1):
            yield _matching_item(source, number, group)


def split_evenly(entries: list, low: int, high: int) -> list[list]:
    """Groups of ``low`` to ``high`` entries, dealt round-robin; extras beyond fit are left."""
    groups = math.ceil(len(entries) / high)
    while groups and len(entries) // groups < low:
        groups -= 1
    return [entries[i::groups][:high] for i in range(groups)]


def _matching_item(source: str, number: int, group) -> Item:
    first_concept, passage, start, end = group[0]
    pairs = [[c.name, c.definition] for c, _, _, _ in group]
    return Item(
        key=f"matching:{source}:{number}",
        kind="matching",
        prompt="Match each name with its description.",
        answer="; ".join(f"{name} — {definition}" for name, definition in pairs),
        source=source,
        passage=passage.ordinal,
        start=start,
        end=end,
        explanation=explain(
            f"All {len(pairs)} are discussed in “{passage.source_title or source}”", passage
        ),
        concepts=[c.slug for c, _, _, _ in group],
        extra={"pairs": pairs, "evidence": list(first_concept.names)},
    )
