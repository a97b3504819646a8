"""Fold text for matching that ignores case and accents.

"Nguyễn Phú Trọng" folds to "nguyen phu trong", so a learner who types without
Vietnamese diacritics still finds and answers. Folding keeps one character per
input character, so a match's offsets in the folded text are offsets in the
original too: mentions and highlights rely on that. (Content is NFC-normalized
when it is read, so precomposed letters are single characters.)
"""

import unicodedata

# Letters that Unicode does not decompose into a base letter plus a mark.
_SPECIAL = {"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"}


def fold_char(char: str) -> str:
    """Fold one character to a single lowercase unaccented character."""
    base = _SPECIAL.get(char) or unicodedata.normalize("NFD", char)[0]
    folded = base.lower()
    return folded if len(folded) == 1 else base


class _FoldTable(dict):
    """str.translate table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, unaccented text of exactly the same length as ``text``."""
    return text.translate(_TABLE)


def fold_names(names) -> str:
    """A concept's name and aliases, folded, as its search column holds them."""
    return " | ".join(fold(n) for n in names)
