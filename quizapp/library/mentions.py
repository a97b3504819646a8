"""Find where concepts are named in a text, ignoring case and accents.

One regular expression holds every name and alias, longest first, so that
"Communist Party of Vietnam" is one mention rather than also a mention of
"Vietnam" inside it. Matches are made on the folded text, whose offsets are the
original text's offsets (see folding.py). Acronyms ("US", "SCO") are the
exception: they match only in capitals, or the word "us" would name a country.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from quizapp.library.folding import fold


class MentionFinder:
    """Compiled once for a set of concepts, then run over many passages."""

    def __init__(self, names_by_concept: Mapping[str, Iterable[str]]):
        self._concept_of: dict[str, str] = {}
        self._acronym_of: dict[str, str] = {}
        for slug, names in names_by_concept.items():
            for name in (n.strip() for n in names):
                if is_acronym(name):
                    self._acronym_of.setdefault(name, slug)
                elif fold(name):
                    self._concept_of.setdefault(fold(name), slug)
        self._regex = _alternation(self._concept_of)
        self._acronyms = _alternation(self._acronym_of)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(concept slug, start, end) for every non-overlapping mention in ``text``."""
        found = [
            (self._concept_of[m.group(0)], m.start(), m.end())
            for m in self._regex.finditer(fold(text))
        ]
        found += [
            (self._acronym_of[m.group(0)], m.start(), m.end())
            for m in self._acronyms.finditer(text)
        ]
        found.sort(key=lambda f: (f[1], f[1] - f[2]))
        kept: list[tuple[str, int, int]] = []
        for mention in found:
            if not kept or mention[1] >= kept[-1][2]:
                kept.append(mention)
        return kept


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isupper()


def _alternation(names: Iterable[str]) -> re.Pattern:
    alternatives = sorted(names, key=len, reverse=True)
    pattern = "|".join(re.escape(a) for a in alternatives) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")


def locate(haystack: str, needle: str) -> tuple[int, int] | None:
    """Span of the first whole-word occurrence of ``needle``, ignoring case and accents."""
    needle = fold(needle.strip())
    if not needle:
        return None
    text = fold(haystack)
    start = text.find(needle)
    # A plain find with a boundary check: compiling a regex per needle is far slower.
    while start >= 0:
        end = start + len(needle)
        if not _is_word_char(text, start - 1) and not _is_word_char(text, end):
            return start, end
        start = text.find(needle, start + 1)
    return None


def _is_word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def contains_folded(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs as whole words in ``haystack``, ignoring case and accents."""
    return locate(haystack, needle) is not None
