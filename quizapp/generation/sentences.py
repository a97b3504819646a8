"""Sentence boundaries in a passage, from a segmenter that knows abbreviations.

"Directive No. 24" or "Dr. Abuza" must not end a sentence: a cited span cut there reads as
nonsense and a cloze built on it loses its subject. pysbd's rules handle those; its spans
are cached per passage text because generators ask for the same passage many times.
"""

from __future__ import annotations

from functools import lru_cache

import pysbd

_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, without the whitespace around it."""
    spans = []
    for piece in _SEGMENTER.segment(text):
        start, end = piece.start, piece.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return tuple(spans) or ((0, len(text)),)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end), or the sentences it spans."""
    spans = sentence_spans(text)
    first = next((s for s in spans if s[0] <= start < s[1]), spans[0])
    last = next((s for s in spans if s[0] < end <= s[1]), first)
    return first[0], max(first[1], last[1])
