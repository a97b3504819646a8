"""Which words of a text carry its content, for comparing texts by what they say.

A cue (a word of the stem repeated in the right option), two near-identical matching
descriptions, the sentence that best explains a concept: each is judged by the words two
texts share once the small words every sentence has are set aside.
"""

from __future__ import annotations

import re

from quizapp.library.folding import fold

STOP_WORDS = set(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "he",
        "her",
        "his",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "which",
        "who",
        "will",
        "with",
        "you",
    ]
)
# Words too common in stems and claims to tell one text from another.
PROMPT_WORDS = {
    "what", "when", "where", "whom", "whose", "does", "did", "not", "than", "then", "there",
    "these", "those", "been", "being", "fill", "blank", "true", "false", "said", "says",
}  # fmt: skip


def content_words(text: str) -> set[str]:
    """The folded words of four letters or more that are neither stop nor prompt words."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return {w for w in words if len(w) > 3 and w not in STOP_WORDS and w not in PROMPT_WORDS}


def overlap(a: str, b: str) -> float:
    """Shared content words as a share of the shorter text's (0 when either has none)."""
    left, right = content_words(a), content_words(b)
    return len(left & right) / max(1, min(len(left), len(right)))
