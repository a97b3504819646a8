"""Sentence boundaries in a passage, from a segmenter that knows abbreviations.

"Directive No. 24" or "Dr. Abuza" must not end a sentence: a cited span cut there reads as
nonsense and a cloze built on it loses its subject. Wikimedia's sentencex handles those
rules and is fast (0.4 ms for a reading, against 34 ms for pysbd, which made generation of a
large library ten times slower); its pieces put together give back the text exactly, so
their offsets are the text's. Spans are cached per passage text because generators ask
for the same passage many times.
"""

from __future__ import annotations

from functools import lru_cache

import sentencex


@lru_cache(maxsize=4096)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, without the whitespace around it."""
    spans, offset = [], 0
    for piece in sentencex.segment("en", text):
        start, end = offset, offset + len(piece)
        offset = end
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
