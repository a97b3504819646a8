"""Search over concepts and passages that ignores case and accents.

Both tables keep a folded copy of their text (see folding.py), so the same
query works on SQLite and PostgreSQL without extensions: every word of the
folded query must occur in the folded text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from quizapp.library.folding import fold
from quizapp.library.models import Concept, Passage

MAX_RESULTS = 50


@dataclass
class PassageHit:
    passage: Passage
    marks: list[tuple[int, int]]


def query_words(query: str) -> list[str]:
    return [w for w in fold(query).split() if w][:8]


def _all_words(field: str, words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": word})
    return condition


def search_concepts(query: str) -> QuerySet[Concept]:
    words = query_words(query)
    if not words:
        return Concept.objects.none()
    return Concept.objects.filter(_all_words("folded", words))[:MAX_RESULTS]


def search_passages(query: str) -> list[PassageHit]:
    """Passages containing every word, each with the places the words occur."""
    words = query_words(query)
    if not words:
        return []
    passages = Passage.objects.filter(_all_words("folded", words)).select_related("source")
    return [
        PassageHit(p, _word_spans(p.folded, words))
        for p in passages.order_by("source__order", "ordinal")[:MAX_RESULTS]
    ]


def _word_spans(folded: str, words: list[str]) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        start = folded.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + len(word))
    return spans
