"""Sentence boundaries in an imported article, with abbreviations understood.

pysbd (the Golden Rules segmenter) decides whether "Feb. 3", "Directive No. 24",
"Dr. Hòa" or "the U.S. Army" end a sentence. It is slow, though (about 10 ms a kilobyte
on prose, 40 on a text of nothing but stops, and worse than linear on one long text), so
it sees only what needs it: the text is first cut at stops no abbreviation can explain
("... the river. The council"), and a piece is handed to pysbd only if it still holds an
ambiguous stop. Pieces are short, so the whole stays linear in the text's length.
"""

from __future__ import annotations

import functools
import re

import pysbd
from pysbd.lang.english import English

# A stop that certainly ends a sentence: after a lowercase word pysbd knows no
# abbreviation for, or after a number, then a capital (quotes and brackets allowed).
CLEAR_END_RE = re.compile(
    r"(?P<word>\b[a-z]{2,}|\d+)[.!?…]+[\"”’)\]]*(?P<gap>\s+)(?=[\"“‘(\[]?[A-ZÀ-Ỹ])"
)
# Any other stop followed by a space may or may not end a sentence.
AMBIGUOUS_RE = re.compile(r"[.!?…][\"”’)\]]*\s")
ABBREVIATIONS = {a.lower() for a in English.Abbreviation.ABBREVIATIONS}
PIECE = 1000  # characters: longer pieces are cut at a space before pysbd sees them
# A piece with a stop every few characters is no prose (a list of initials, a table of
# dots): pysbd's cost grows with the stops, so such a piece keeps only its clear ends.
MIN_CHARS_PER_STOP = 12


@functools.lru_cache(maxsize=16384)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of ``text``, closing quotes included, spaces not."""
    spans: list[tuple[int, int]] = []
    for start, end in _pieces(text):
        spans.extend((start + s, start + e) for s, e in _segment(text[start:end]))
    return tuple((s, e) for s, e in spans if e > s)


def _pieces(text: str):
    """Spans of ``text`` cut at clear sentence ends, none longer than PIECE."""
    start = 0
    for match in CLEAR_END_RE.finditer(text):
        if match.group("word").lower() in ABBREVIATIONS:
            continue
        yield from _bounded(text, start, match.start("gap"))
        start = match.end()
    yield from _bounded(text, start, len(text))


def _bounded(text: str, start: int, end: int):
    while end - start > PIECE:
        space = text.rfind(" ", start + PIECE // 2, start + PIECE)
        cut = space + 1 if space > 0 else start + PIECE
        yield start, cut
        start = cut
    yield start, end


def _segment(piece: str) -> list[tuple[int, int]]:
    """The sentences of one piece: pysbd's where a stop inside it is ambiguous."""
    stops = len(AMBIGUOUS_RE.findall(piece.rstrip()))
    if not stops or len(piece) < MIN_CHARS_PER_STOP * stops:
        return [_stripped(piece, 0, len(piece))]
    spans, at = [], 0
    # A segmenter per piece: pysbd keeps the text it works on in the instance, so one
    # shared between threads would mix two requests' texts. Making one takes a microsecond.
    for sentence in pysbd.Segmenter(language="en", clean=False).segment(piece):
        found = piece.find(sentence.strip(), at)
        if found < 0 or not sentence.strip():
            continue  # pysbd changed the text (it should not, with clean=False): skip it
        if found > at and spans:
            spans[-1] = (spans[-1][0], found)  # text pysbd skipped stays in a sentence
        spans.append((found, found + len(sentence.strip())))
        at = spans[-1][1]
    if not spans:
        return [_stripped(piece, 0, len(piece))]
    spans[-1] = (spans[-1][0], max(spans[-1][1], len(piece.rstrip())))
    return [_stripped(piece, s, e) for s, e in spans]


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
