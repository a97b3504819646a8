"""Find where concepts are named in a text, ignoring case and accents.

One regular expression holds every name and alias, longest first, so that
"Communist Party of Vietnam" is one mention rather than also a mention of
"Vietnam" inside it. Matches are made on the folded text, whose offsets are the
original text's offsets (see folding.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from quizapp.library.folding import fold


class MentionFinder:
    """Compiled once for a set of concepts, then run over many passages."""

    def __init__(self, names_by_concept: Mapping[str, Iterable[str]]):
        self._concept_of: dict[str, str] = {}
        for slug, names in names_by_concept.items():
            for name in names:
                folded = fold(name.strip())
                if folded:
                    self._concept_of.setdefault(folded, slug)
        alternatives = sorted(self._concept_of, key=len, reverse=True)
        pattern = "|".join(re.escape(a) for a in alternatives) or r"(?!x)x"
        self._regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)")

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(concept slug, start, end) for every non-overlapping mention in ``text``."""
        return [
            (self._concept_of[m.group(0)], m.start(), m.end())
            for m in self._regex.finditer(fold(text))
        ]


def locate(haystack: str, needle: str) -> tuple[int, int] | None:
    """Span of the first whole-word occurrence of ``needle``, ignoring case and accents."""
    needle = fold(needle.strip())
    if not needle:
        return None
    match = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", fold(haystack))
    return match.span() if match else None


def contains_folded(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs as whole words in ``haystack``, ignoring case and accents."""
    return locate(haystack, needle) is not None
