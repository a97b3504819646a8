"""Read the library from the database into generation's plain records, in a few queries."""

from __future__ import annotations

from collections import defaultdict

from quizapp.generation.records import ConceptIn, FactIn, Library, MentionIn, PassageIn
from quizapp.library.models import Concept, Fact, Mention, Passage


def load_library() -> Library:
    related = defaultdict(list)
    for a, b in Concept.related.through.objects.values_list(
        "from_concept__slug", "to_concept__slug"
    ):
        related[a].append(b)
    concepts = {
        c.slug: ConceptIn(
            c.slug,
            c.name,
            c.kind,
            tuple(c.aliases),
            c.definition,
            tuple(related[c.slug]),
            c.role,
        )
        for c in Concept.objects.all()
    }
    mentions = defaultdict(list)
    for passage_id, slug, start, end in Mention.objects.values_list(
        "passage_id", "concept__slug", "start", "end"
    ).order_by("passage_id", "start"):
        mentions[passage_id].append(MentionIn(slug, start, end))
    passages = {
        (p.source.slug, p.ordinal): PassageIn(
            p.source.slug, p.ordinal, p.text, p.source.title, tuple(mentions[p.pk])
        )
        for p in Passage.objects.select_related("source")
    }
    fact_concepts = defaultdict(list)
    for fact_id, slug in Fact.concepts.through.objects.values_list("fact_id", "concept__slug"):
        fact_concepts[fact_id].append(slug)
    facts = [
        FactIn(
            slug=f.slug,
            statement=f.statement,
            answer=f.answer,
            answer_kind=f.answer_kind,
            source=f.passage.source.slug,
            passage=f.passage.ordinal,
            start=f.start,
            end=f.end,
            question=f.question,
            answer_concept=f.answer_concept.slug if f.answer_concept else "",
            concepts=tuple(sorted(fact_concepts[f.pk])),
            said_by=f.said_by.slug if f.said_by else "",
            date=f.date,
            date_precision=f.date_precision,
            number=f.number,
            distractors=tuple(f.distractors),
            members=tuple(f.members),
            ordered=f.ordered,
        )
        for f in Fact.objects.select_related(
            "passage__source", "answer_concept", "said_by"
        ).order_by("slug")
    ]
    return Library(concepts=concepts, passages=passages, facts=facts)
