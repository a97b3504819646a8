"""Fold text for matching that ignores case and accents.

"Nguyễn Phú Trọng" folds to "nguyen phu trong", so a learner who types without
Vietnamese diacritics still finds and answers. Folding keeps one character per
input character, so a match's offsets in the folded text are offsets in the
original too: mentions and highlights rely on that.
"""

import unicodedata

# Letters that Unicode does not decompose into a base letter plus a mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l"})


def fold_char(char: str) -> str:
    """Fold one character to a single lowercase unaccented character."""
    base = unicodedata.normalize("NFD", char.translate(_SPECIAL))[0]
    folded = base.lower()
    return folded if len(folded) == 1 else base


def fold(text: str) -> str:
    """Lowercase, unaccented text of exactly the same length as ``text``."""
    return "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))
